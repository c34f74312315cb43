package io.netns4j.lab.runtime;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.service.SupervisorClient;
import io.netns4j.lab.wire.ImpairmentHost;
import io.netns4j.lab.wire.UserspaceImpairment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The default host of a lab's userspace impairment engines: the lab's supervisor, started on
 * the first engine if the lab has none (a lab without services gets one for its engines), so an
 * engine keeps running after {@code lab impair} or {@code lab up} has returned. A removal with no
 * supervisor answering takes off what a dead one left ({@link UserspaceImpairment#remove}).
 */
public final class SupervisorImpairmentHost implements ImpairmentHost {
    private final String lab;
    private final Path directory;
    private final Path etcNetns;
    private final NetnsRegistry registry;
    private final boolean inProcess;
    private boolean started;

    /**
     * @param inProcess start the supervisor in this JVM when none runs (as {@code Lab.Options} says)
     */
    public SupervisorImpairmentHost(String lab, Path directory, Path etcNetns, NetnsRegistry registry,
                                    boolean inProcess) {
        this.lab = lab;
        this.directory = directory;
        this.etcNetns = etcNetns;
        this.registry = registry;
        this.inProcess = inProcess;
    }

    @Override
    public Impairment impair(Netns node, String device, Impairment imp) throws NetnsException {
        String namespace = name(node);
        Optional<SupervisorClient> found = LabSupervisors.find(directory, lab);
        SupervisorClient c = found.isPresent() ? found.get()
                : LabSupervisors.ensure(lab, directory, etcNetns, registry, inProcess);
        started |= found.isEmpty();
        try {
            return Impairment.parse(c.impair(namespace, device, imp.words()));
        } catch (IOException | SupervisorClient.Refused | IllegalArgumentException e) {
            throw new NetnsException("the supervisor of lab \"" + lab + "\" did not put the impairment on " + namespace
                    + ":" + device + ": " + e.getMessage());
        }
    }

    @Override
    public boolean remove(Netns node, String device) throws NetnsException {
        Optional<SupervisorClient> c = LabSupervisors.find(directory, lab);
        if (c.isEmpty()) {
            return UserspaceImpairment.remove(node, device);
        }
        try {
            return c.get().unimpair(name(node), device);
        } catch (IOException | SupervisorClient.Refused e) {
            throw new NetnsException("the supervisor of lab \"" + lab + "\" did not remove the impairment on "
                    + name(node) + ":" + device + ": " + e.getMessage());
        }
    }

    /** Whether this host started the lab's supervisor (a failed {@code lab up} ends it again). */
    public boolean startedSupervisor() {
        return started;
    }

    /** Ends the supervisor this host started; what could not be done. */
    public List<String> rollBack() {
        return started ? LabSupervisors.shutdown(lab, directory) : List.of();
    }

    private static String name(Netns node) throws NetnsException {
        return node.name().orElseThrow(() -> new NetnsException("an impairment through the lab's supervisor needs a"
                + " named namespace; this one was opened by path " + node.path()));
    }
}
