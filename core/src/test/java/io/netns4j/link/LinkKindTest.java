package io.netns4j.link;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each kind's record is named after its kernel name, or (the tunnel families) holds a type per
 * kernel name; that is what {@link LinkKind#supported()} lists.
 */
class LinkKindTest {
    @Test
    void everyKindIsNamedAfterItsKernelName() throws Exception {
        List<LinkKind> one = List.of(Veth.peer("p"), Bridge.defaults(), new Macvlan("eth0", null), Vxlan.id(1),
                new Dummy(), new Vlan("eth0", 10, null), new Ipvlan("eth0", null, null), new Vrf(10),
                new Geneve(5, InetAddress.getByName("10.0.0.2"), null, null), new Wireguard(),
                Bareudp.of(6635, Bareudp.ETH_P_IP), Xfrm.ofId(1), Macsec.on("eth0"));
        List<Class<?>> families = List.of(IpTunnel.class, Ip6Tunnel.class, GreTunnel.class, VtiTunnel.class);
        assertEquals(LinkKind.class.getPermittedSubclasses().length, one.size() + families.size(), "one example per kind");
        for (LinkKind k : one) {
            assertEquals(k.getClass().getSimpleName().toLowerCase(Locale.ROOT), k.kindName());
        }
        assertEquals("sit", IpTunnel.sit().kindName());
        assertEquals("ip6tnl", Ip6Tunnel.create().kindName());
        for (GreTunnel.Type t : GreTunnel.Type.values()) {
            assertEquals(t.name().toLowerCase(Locale.ROOT), GreTunnel.of(t).kindName());
        }
        for (VtiTunnel.Type t : VtiTunnel.Type.values()) {
            assertEquals(t.name().toLowerCase(Locale.ROOT), VtiTunnel.of(t).kindName());
        }
        assertEquals("veth, bridge, macvlan, vxlan, dummy, vlan, ipvlan, vrf, geneve, ipip, sit, ip6tnl, gre, gretap,"
                + " ip6gre, ip6gretap, vti, vti6, wireguard, bareudp, xfrm, macsec", LinkKind.supported());
    }
}
