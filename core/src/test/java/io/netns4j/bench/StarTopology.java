package io.netns4j.bench;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.address.AddressRequest;
import io.netns4j.link.Bridge;
import io.netns4j.link.LinkRequest;
import io.netns4j.link.Veth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds and removes the star(N) topology of the benchmark guide through the library, as a
 * whole process, for bench/star/star.sh:
 *
 * <pre>java ... StarTopology up|down PREFIX N [THREADS]</pre>
 *
 * Up: namespace PREFIXhub with bridge br0 (up) and lo up; for each i in 1..N a namespace
 * PREFIXh&lt;i&gt;, a veth v&lt;i&gt; made in the hub, up, enslaved to br0, with its peer eth0
 * created straight inside the node (one request), then eth0's address
 * 10.77.&lt;i/250&gt;.&lt;i%250+1&gt;/16, eth0 up and lo up in the node. With THREADS &gt; 1 the nodes are
 * built in parallel. Down: deletes the N+1 namespaces.
 */
public final class StarTopology {
    private StarTopology() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: StarTopology up|down PREFIX N [THREADS]");
            System.exit(2);
        }
        String prefix = args[1];
        int n = Integer.parseInt(args[2]);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        NetnsRegistry registry = NetnsRegistry.system();
        if (args[0].equals("up")) {
            up(registry, prefix, n, threads);
        } else {
            down(registry, prefix, n, threads);
        }
        System.exit(0);
    }

    static void up(NetnsRegistry registry, String prefix, int n, int threads) throws Exception {
        try (Netns hub = registry.add(prefix + "hub")) {
            hub.links().add(LinkRequest.create("br0", Bridge.defaults()).withUp());
            hub.links().set(LinkRequest.change("lo").withUp());
            forEachNode(n, threads, i -> {
                try (Netns node = registry.add(prefix + "h" + i)) {
                    hub.links().add(LinkRequest.create("v" + i, Veth.peer("eth0").withPeerNamespace(node)).withUp().withMaster("br0"));
                    node.addresses().add(AddressRequest.of("eth0", "10.77." + (i / 250) + "." + (i % 250 + 1) + "/16"));
                    node.links().set(LinkRequest.change("eth0").withUp());
                    node.links().set(LinkRequest.change("lo").withUp());
                }
            });
        }
    }

    static void down(NetnsRegistry registry, String prefix, int n, int threads) throws Exception {
        registry.delete(prefix + "hub");
        forEachNode(n, threads, i -> registry.delete(prefix + "h" + i));
    }

    interface NodeTask {
        void run(int i) throws Exception;
    }

    private static void forEachNode(int n, int threads, NodeTask task) throws Exception {
        if (threads <= 1) {
            for (int i = 1; i <= n; i++) {
                task.run(i);
            }
            return;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t + 1;
                done.add(pool.submit(() -> {
                    for (int i = first; i <= n; i += threads) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }
}
