package io.netns4j.junit;

import io.netns4j.error.NetnsException;
import io.netns4j.lab.Lab;
import io.netns4j.lab.LabServices;
import io.netns4j.lab.RunningLab;
import io.netns4j.lab.model.LabNode;
import io.netns4j.lab.model.ServiceStatus;

import io.netns4j.lab.view.StaticView;
import io.netns4j.lab.view.ViewHub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a failed test's report gets about its lab: each node with its interfaces, addresses and
 * impairments ({@code lab show}), the partition in place, and each service's state with the last
 * lines of its log ({@code lab ps}, {@code lab logs}); and the lab's picture as {@code lab serve}
 * draws it, one HTML file ({@code lab graph --format html}) in the directory named by the system
 * property {@value #VIEWS_PROPERTY} (default {@code target/netns4j-labs}).
 */
final class LabDiagnostics {
    private static final int LOG_LINES = 10;

    private LabDiagnostics() {
    }

    /** The system property naming where failed tests' lab pictures go. */
    static final String VIEWS_PROPERTY = "netns4j.junit.views";

    /**
     * Writes the lab's picture now (link states, partition, impairments, services) to
     * {@code <views>/<test>-<lab>.html}; empty, with the reason on stderr, when it cannot.
     */
    static Optional<Path> picture(RunningLab lab, String test) {
        Path dir = Path.of(System.getProperty(VIEWS_PROPERTY, "target/netns4j-labs"));
        try (ViewHub hub = ViewHub.start(lab.registry(), lab.options(), List.of(lab.name()))) {
            String html = StaticView.html(hub.snapshots());
            Files.createDirectories(dir);
            Path file = dir.resolve((test + "-" + lab.name()).replaceAll("[^A-Za-z0-9_.-]+", "_") + ".html");
            Files.writeString(file, html);
            return Optional.of(file.toAbsolutePath());
        } catch (IOException | RuntimeException e) { // NetnsException is an IOException
            System.err.println("netns4j: the lab's picture could not be written to " + dir + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    static String dump(RunningLab lab) {
        StringBuilder sb = new StringBuilder();
        try {
            for (LabNode n : Lab.show(lab.name(), lab.registry()).orElse(List.of())) {
                sb.append(n.node()).append(" (").append(n.namespace()).append(")\n");
                for (LabNode.Interface i : n.interfaces()) {
                    sb.append("    ").append(i.name()).append(' ').append(i.up() ? "UP" : "DOWN").append(' ')
                            .append(String.join(" ", i.addresses()));
                    if (!i.impairment().isNone()) {
                        sb.append(" impaired: ").append(String.join(" ", i.impairment().tcWords()));
                    }
                    sb.append('\n');
                }
            }
            var p = Lab.currentPartition(lab.name(), lab.registry());
            sb.append("partition: ").append(p.isEmpty() ? "none" : p.describe()).append('\n');
        } catch (NetnsException e) {
            sb.append("(lab show failed: ").append(e.getMessage()).append(")\n");
        }
        try {
            for (ServiceStatus s : LabServices.list(lab.name(), lab.options())) {
                sb.append("service ").append(s.id()).append(": ").append(s.state().word()).append(", pid ")
                        .append(s.pid()).append(", restarts ").append(s.restarts());
                if (!s.lastExit().isEmpty()) {
                    sb.append(", last ").append(s.lastExit());
                }
                if (!s.problem().isEmpty()) {
                    sb.append(", ").append(s.problem());
                }
                sb.append('\n');
                for (String line : LabServices.logs(lab.name(), s.id(), LOG_LINES, lab.options()).getValue()) {
                    sb.append("    | ").append(line).append('\n');
                }
            }
        } catch (io.netns4j.error.NotFoundException e) {
            sb.append("services: none\n");
        } catch (NetnsException e) {
            sb.append("(services could not be read: ").append(e.getMessage()).append(")\n");
        }
        return sb.toString();
    }
}
