package io.netns4j.lab;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Table;
import io.netns4j.lab.model.Topology;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Tcp;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lab whose router is filtered with the typed firewall form ({@code firewall.rules}):
 * {@link Lab#up} writes the table in the router's namespace, and real TCP shows that only
 * client to server port 80 is forwarded.
 */
@RequiresRoot
class LabTypedFirewallTest {
    private final NetnsRegistry registry = NetnsRegistry.system();

    @Test
    void aTypedForwardChainLetsOnlyTcp80FromClientToServer() throws Exception {
        try (TestLab lab = new TestLab("typed")) {
            upAndCheck(lab, lab.topology("""
                name: r
                nodes:
                  client: {}
                  server: {}
                  router:
                    kind: router
                    firewall:
                      rules:
                        chains:
                          forward:
                            policy: drop
                            rules:
                              - {ct: [established, related], action: accept}
                              - {iif: eth1, oif: eth2, proto: tcp, dport: 80, action: accept, comment: web}
                              - {action: jump, target: audit}
                          audit:
                            rules:
                              - {proto: tcp, dport: [22, 8000-8080], action: reject}
                links:
                  - endpoints:
                      - {endpoint: "client:eth0", addresses: [10.20.1.2/24]}
                      - {endpoint: "router:eth1", addresses: [10.20.1.1/24]}
                  - endpoints:
                      - {endpoint: "server:eth0", addresses: [10.20.2.2/24]}
                      - {endpoint: "router:eth2", addresses: [10.20.2.1/24]}
                """));
        }
    }

    private void upAndCheck(TestLab lab, Topology t) throws Exception {
        Lab.up(t, registry, lab.options);
        try (Netns client = registry.open(t.namespace("client"));
             Netns server = registry.open(t.namespace("server"));
             Netns router = registry.open(t.namespace("router"))) {
            Table written = t.node("router").orElseThrow().firewall().table();
            assertEquals(written, router.firewall().read(Family.INET, "lab").orElseThrow(),
                    "the kernel holds the table the file describes");
            assertEquals(InetAddress.getByName("10.20.1.2"), Tcp.exchange(server, "10.20.2.2", client, 80),
                    "client -> server:80 is forwarded");
            try (ServerSocket s22 = server.call(() -> new ServerSocket(22, 4, InetAddress.getByName("10.20.2.2")));
                 ServerSocket c80 = client.call(() -> new ServerSocket(80, 4, InetAddress.getByName("10.20.1.2")))) {
                assertFalse(Tcp.connects(client, "10.20.2.2", 22, 500), "client -> server:22 is rejected");
                assertFalse(Tcp.connects(server, "10.20.1.2", 80, 500), "server -> client:80 is dropped");
                assertTrue(Tcp.connects(server, "10.20.2.2", 22, 500),
                        "port 22 listens: the client is stopped by the router, not by the server");
            }
        }
    }
}
