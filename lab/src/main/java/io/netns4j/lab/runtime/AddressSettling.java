package io.netns4j.lab.runtime;

import io.netns4j.Netns;
import io.netns4j.address.Address;
import io.netns4j.address.AddressFilter;
import io.netns4j.address.AddressFlag;
import io.netns4j.error.NetnsException;
import io.netns4j.error.OperationInterruptedException;
import io.netns4j.types.InetFamily;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Waits until the IPv6 addresses a {@code lab up} added are usable: duplicate address detection
 * done, none {@code tentative} ({@code ip -6 -n NS addr show tentative} prints nothing). A
 * tentative address cannot be bound (EADDRNOTAVAIL), so a service that binds its address at
 * start would die. An address whose detection failed ({@code dadfailed}: another node has it) is
 * an error. Lab files that do not want the wait say {@code defaults: {ipv6-dad: false}}, and
 * their addresses are added with {@code nodad}.
 */
final class AddressSettling {
    private static final long POLL_NANOS = 20_000_000;

    /** Opens (or reuses) the handle of a namespace of the run. */
    interface Handles {
        Netns of(String namespace) throws NetnsException;
    }

    private AddressSettling() {
    }

    static void await(Set<String> namespaces, Handles handles, Duration limit, Consumer<String> progress)
            throws NetnsException {
        if (namespaces.isEmpty()) {
            return;
        }
        Set<String> waiting = new LinkedHashSet<>(namespaces);
        long deadline = System.nanoTime() + limit.toNanos();
        boolean told = false;
        List<String> tentative = new ArrayList<>();
        while (true) {
            tentative.clear();
            for (var it = waiting.iterator(); it.hasNext(); ) {
                String ns = it.next();
                List<Address> pending = handles.of(ns).addresses().list(AddressFilter.all().withFamily(InetFamily.IPV6));
                boolean any = false;
                for (Address a : pending) {
                    if (a.has(AddressFlag.DADFAILED)) {
                        throw new NetnsException("IPv6 address " + a.local().getHostAddress() + "/" + a.prefixLength()
                                + " in " + ns + " failed duplicate address detection: another node on its link has it"
                                + " (give each node its own address)");
                    }
                    if (a.has(AddressFlag.TENTATIVE)) {
                        any = true;
                        tentative.add(ns + " " + a.local().getHostAddress());
                    }
                }
                if (!any) {
                    it.remove();
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (!told) {
                progress.accept("waiting for IPv6 duplicate address detection in " + waiting.size() + " namespaces");
                told = true;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new NetnsException("IPv6 addresses still tentative after " + limit.toSeconds() + " s: "
                        + String.join(", ", tentative) + " (duplicate address detection did not end; is the link up?)");
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                throw new OperationInterruptedException("Interrupted while waiting for IPv6 addresses to be usable");
            }
        }
    }
}
