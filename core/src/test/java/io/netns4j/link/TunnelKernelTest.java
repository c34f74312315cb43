package io.netns4j.link;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NotSupportedException;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import io.netns4j.types.InetPrefix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The tunnel kinds against the kernel, in a namespace of the test's own: each is made through
 * {@link Links#add} and read back ({@code from} on its IFLA_INFO_DATA) as the value asked for;
 * a kind whose driver this kernel lacks must be refused as unsupported, and the test is skipped
 * with the list of those when none could be made.
 */
@RequiresRoot
class TunnelKernelTest {
    private static final List<LinkKind> KINDS = List.of(
            IpTunnel.ipip().withLocal(InetPrefix.parseAddress("10.1.1.2")).withRemote(InetPrefix.parseAddress("10.1.1.1"))
                    .withTtl(64).withTos(0x10),
            IpTunnel.sit().withMode(IpTunnel.Mode.IP6IP).withRemote(InetPrefix.parseAddress("10.1.1.3")).withFwmark(7),
            Ip6Tunnel.create().withRemote(InetPrefix.parseAddress("2001:db8::1")).withHopLimit(32).withEncapLimit(-1),
            GreTunnel.of(GreTunnel.Type.GRE).withRemote(InetPrefix.parseAddress("10.1.2.1")).withKey(42)
                    .withChecksum(true, true),
            GreTunnel.of(GreTunnel.Type.GRETAP).withRemote(InetPrefix.parseAddress("10.1.3.1")).withKey(7),
            GreTunnel.of(GreTunnel.Type.IP6GRE).withRemote(InetPrefix.parseAddress("2001:db8::2")).withFlowLabel(1),
            GreTunnel.of(GreTunnel.Type.IP6GRETAP).withRemote(InetPrefix.parseAddress("2001:db8::3")),
            VtiTunnel.of(VtiTunnel.Type.VTI).withRemote(InetPrefix.parseAddress("10.1.4.1")).withKey(5),
            VtiTunnel.of(VtiTunnel.Type.VTI6).withRemote(InetPrefix.parseAddress("2001:db8::4")).withInputKey(9));

    private static LinkKind readBack(LinkKind asked, Link l) throws Exception {
        KindAttributes k = l.details().kindData();
        return switch (asked) {
            case IpTunnel t -> IpTunnel.from(t.type(), k, i -> null);
            case Ip6Tunnel t -> Ip6Tunnel.from(k, i -> null);
            case GreTunnel t -> GreTunnel.from(t.type(), k, i -> null);
            case VtiTunnel t -> VtiTunnel.from(t.type(), k, i -> null);
            default -> throw new AssertionError(asked);
        };
    }

    @Test
    void eachTunnelIsMadeAndReadsBackOrTheKernelSaysItLacksTheDriver() throws Exception {
        List<String> lacking = new ArrayList<>();
        int made = 0;
        try (Scratch scratch = new Scratch(); Netns ns = NetnsRegistry.system().add(scratch.name("tnl"))) {
            int n = 0;
            for (LinkKind kind : KINDS) {
                String name = "t" + n++;
                try {
                    ns.links().add(LinkRequest.create(name, kind));
                } catch (NotSupportedException e) {
                    assertTrue(e.getMessage().contains("Unknown device type"), e.getMessage());
                    lacking.add(kind.kindName());
                    continue;
                }
                assertEquals(kind, readBack(kind, ns.links().get(name)), kind.kindName());
                made++;
            }
        }
        if (!lacking.isEmpty()) {
            System.out.println("TunnelKernelTest: this kernel lacks " + String.join(", ", lacking));
        }
        assumeTrue(made > 0, "this kernel has none of the tunnel drivers (" + String.join(", ", lacking)
                + "): only the refusal was checked");
    }
}
