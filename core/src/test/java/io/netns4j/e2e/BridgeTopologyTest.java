package io.netns4j.e2e;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.address.AddressRequest;
import io.netns4j.link.Bridge;
import io.netns4j.link.LinkRequest;
import io.netns4j.link.Veth;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import io.netns4j.testing.Tcp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A bridge in a switch namespace with several host namespaces attached; TCP and UDP between every pair. */
@RequiresRoot
class BridgeTopologyTest {
    private static final int HOSTS = 4;
    private final Scratch scratch = new Scratch();
    private final NetnsRegistry registry = NetnsRegistry.system();
    private final List<Netns> open = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        open.forEach(Netns::close);
        scratch.close();
    }

    @Test
    void everyHostReachesEveryOtherThroughTheBridge() throws Exception {
        Netns sw = registry.add(scratch.name("sw"));
        open.add(sw);
        sw.links().add(LinkRequest.create("br0", Bridge.defaults().withStpState(false)).withUp());
        List<Netns> hosts = new ArrayList<>();
        for (int i = 1; i <= HOSTS; i++) {
            Netns h = registry.add(scratch.name("h" + i));
            open.add(h);
            hosts.add(h);
            sw.links().add(LinkRequest.create("port" + i, Veth.peer("eth0").withPeerNamespace(h)).withUp().withMaster("br0"));
            h.links().set(LinkRequest.change("eth0").withUp());
            h.addresses().add(AddressRequest.of("eth0", "10.82.0." + i + "/24"));
        }
        for (int a = 0; a < HOSTS; a++) {
            for (int b = 0; b < HOSTS; b++) {
                if (a != b) {
                    String server = "10.82.0." + (b + 1);
                    assertEquals(InetAddress.getByName("10.82.0." + (a + 1)),
                            Tcp.exchange(hosts.get(b), server, hosts.get(a), 7100 + a * 10 + b));
                }
            }
        }
        assertEquals("ping-free UDP", udp(hosts.get(0), hosts.get(HOSTS - 1), "10.82.0." + HOSTS, "ping-free UDP"));
    }

    private static String udp(Netns from, Netns to, String toAddress, String text) throws Exception {
        try (DatagramSocket receiver = to.call(() -> new DatagramSocket(new InetSocketAddress(toAddress, 7200)));
             DatagramSocket sender = from.call(() -> new DatagramSocket())) {
            receiver.setSoTimeout(3000);
            byte[] data = Tcp.utf8(text);
            sender.send(new DatagramPacket(data, data.length, new InetSocketAddress(toAddress, 7200)));
            DatagramPacket p = new DatagramPacket(new byte[100], 100);
            receiver.receive(p);
            return new String(p.getData(), 0, p.getLength(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
