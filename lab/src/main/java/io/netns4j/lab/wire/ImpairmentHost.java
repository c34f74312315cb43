package io.netns4j.lab.wire;

import io.netns4j.Netns;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.model.Impairment;

/**
 * A process that keeps userspace impairment engines running after the command that asked for them
 * returns: a lab's supervisor, or the JVM of a Java user or test ({@link InProcessImpairmentHost}).
 * {@code io.netns4j.lab.fault.LinkImpairments} hands it every impairment whose engine is
 * {@code userspace}; without a host, such an impairment is refused.
 */
public interface ImpairmentHost {
    /**
     * Puts {@code imp} on {@code device}'s egress with a userspace engine this host runs: installs
     * one ({@link UserspaceImpairment#install}) or updates the one it runs there
     * ({@link UserspaceImpairment#update}). Returns once the engine runs.
     *
     * @param node   the device's namespace (the host keeps its own handle if it needs one past this call)
     * @param device the device
     * @param imp    the settings, not none
     * @return the impairment in place, with its seed
     * @throws NetnsException when the engine cannot be put in place (what was there stays)
     */
    Impairment impair(Netns node, String device, Impairment imp) throws NetnsException;

    /**
     * Removes the engine on {@code device}: the one this host runs ({@link UserspaceImpairment#close}),
     * else whatever marked engine is left there ({@link UserspaceImpairment#remove}).
     *
     * @param node   the device's namespace
     * @param device the device
     * @return whether there was an engine
     * @throws NetnsException when the kernel refuses a removal
     */
    boolean remove(Netns node, String device) throws NetnsException;
}
