package io.netns4j.link;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.error.NotSupportedException;
import io.netns4j.testing.Ip;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Links} against the kernel, always inside namespaces the test made. */
@RequiresRoot
class LinksTest {
    private final Scratch scratch = new Scratch();
    private final NetnsRegistry registry = NetnsRegistry.system();
    private Netns a;
    private Netns b;
    private String nameA;
    private String nameB;

    @BeforeEach
    void namespaces() throws Exception {
        nameA = scratch.name("la");
        nameB = scratch.name("lb");
        a = registry.add(nameA);
        b = registry.add(nameB);
    }

    @AfterEach
    void cleanUp() throws Exception {
        a.close();
        b.close();
        scratch.close();
    }

    @Test
    void vethWithItsPeerCreatedInAnotherNamespaceUpAndEnslavedInOneRequest() throws Exception {
        a.links().add(LinkRequest.create("br0", Bridge.defaults()).withUp());
        a.links().add(LinkRequest.create("v1", Veth.peer("eth0").withPeerNamespace(b)).withUp().withMaster("br0"));
        Link v1 = a.links().get("v1");
        Link br0 = a.links().get("br0");
        Link eth0 = b.links().get("eth0");
        assertTrue(v1.isUp());
        assertEquals(br0.index(), v1.master());
        assertEquals("veth", v1.kind());
        assertEquals("bridge", v1.slaveKind());
        assertEquals(eth0.index(), v1.linkIndex());
        assertTrue(v1.linkNetnsid() >= 0, "the peer lives in another namespace");
        assertFalse(eth0.isUp());
        assertTrue(ip("-n", nameB, "link", "show", "eth0").ok().out().contains("link-netns " + nameA));
    }

    @Test
    void vethWithItsPeerBroughtUpInTheSameCallInAnotherNamespace() throws Exception {
        a.links().add(LinkRequest.create("v1", Veth.peer("eth0").withPeerNamespace(b).withPeerUp()).withUp());
        Link v1 = a.links().get("v1");
        Link eth0 = b.links().get("eth0");
        assertTrue(v1.isUp());
        assertTrue(eth0.isUp(), "the peer was brought up in its own namespace");
        assertEquals(eth0.index(), v1.linkIndex());
        assertTrue(ip("-n", nameB, "link", "show", "eth0").ok().out().contains(",UP"));
    }

    @Test
    void vethWithItsPeerBroughtUpNextToIt() throws Exception {
        a.links().add(LinkRequest.create("v0", Veth.peer("v1").withPeerUp()));
        assertFalse(a.links().get("v0").isUp(), "only the peer was asked up");
        assertTrue(a.links().get("v1").isUp());
        List<NetnsException> results = a.links().addAll(List.of(
                LinkRequest.create("w0", Veth.peer("w1").withPeerNamespace(b).withPeerUp()).withUp()));
        assertNull(results.getFirst());
        assertTrue(b.links().get("w1").isUp());
    }

    @Test
    void theKernelRefusesAVethPeerUpInTheCreatingRequestSoAddSendsTwo() {
        // what ip sends for "peer name P up": IFF_UP in the peer's ifinfomsg, refused with ENOTCONN
        Ip.Result r = ip("-n", nameA, "link", "add", "x0", "type", "veth", "peer", "name", "x1", "up");
        assertTrue(r.exit() != 0 && r.err().contains("Transport endpoint is not connected"), r.toString());
        assertThrows(IllegalArgumentException.class, () -> Veth.peer(null).withPeerUp());
    }

    @Test
    void setChangesStateMtuAddressNameAliasAndMaster() throws Exception {
        a.links().add(LinkRequest.create("br0", Bridge.defaults()));
        a.links().add(LinkRequest.create("v0", Veth.peer("v1")));
        a.links().set(LinkRequest.change("v0").withUp().withMtu(1400).withAddress(MacAddress.parse("02:00:00:00:00:42"))
                .withAlias("uplink").withMaster("br0").withTxQueueLength(77).withNewName("uplink0"));
        Link l = a.links().get("uplink0");
        assertTrue(l.isUp());
        assertEquals(1400, l.mtu());
        assertEquals(MacAddress.parse("02:00:00:00:00:42"), l.address());
        assertEquals("uplink", l.alias());
        assertEquals(77, l.txQueueLength());
        assertEquals(a.links().get("br0").index(), l.master());
        a.links().set(LinkRequest.change("uplink0").withNoMaster().withDown().withPromisc(true));
        l = a.links().get("uplink0");
        assertEquals(0, l.master());
        assertFalse(l.isUp());
        assertTrue((l.flags() & Link.IFF_PROMISC) != 0);
    }

    @Test
    void aLinkMovesToAnotherNamespaceByHandleOrPid() throws Exception {
        a.links().add(LinkRequest.create("v0", Veth.peer("v1")));
        a.links().set(LinkRequest.change("v0").withNamespace(b));
        assertEquals("v0", b.links().get("v0").name());
        assertThrows(NotFoundException.class, () -> a.links().get("v0"));
        Process sleeper = scratch.start("ip", "netns", "exec", nameA, "sleep", "60");
        Scratch.awaitNamespace(sleeper.pid(), nameA);
        b.links().set(LinkRequest.change("v0").withNamespacePid(sleeper.pid()));
        assertEquals("v0", a.links().get("v0").name());
    }

    @Test
    void deleteTakesTheVethPeerAlong() throws Exception {
        a.links().add(LinkRequest.create("v0", Veth.peer("v1")));
        a.links().delete("v0");
        List<String> names = new ArrayList<>();
        for (Link l : a.links().list()) {
            names.add(l.name());
        }
        assertEquals(List.of("lo"), names);
    }

    @Test
    void macvlanAndVxlanOnALowerDevice() throws Exception {
        a.links().add(LinkRequest.create("v0", Veth.peer("v1")));
        a.links().add(LinkRequest.create("mv0", new Macvlan("v0", Macvlan.Mode.BRIDGE)));
        a.links().add(LinkRequest.create("vx0", new Vxlan(42, InetPrefix.parseAddress("10.9.9.9"), null, null, 4789,
                "v0", 64, false)));
        assertEquals("macvlan", a.links().get("mv0").kind());
        assertEquals(a.links().get("v0").index(), a.links().get("mv0").linkIndex());
        String d = ip("-d", "-n", nameA, "link", "show", "vx0").ok().out();
        assertTrue(d.contains("vxlan id 42 remote 10.9.9.9") && d.contains("dstport 4789") && d.contains("nolearning"), d);
    }

    @Test
    void errorsNameTheProblemAndLeaveNothingBehind() throws Exception {
        a.links().add(LinkRequest.create("v0", Veth.peer("v1")));
        AlreadyExistsException dup = assertThrows(AlreadyExistsException.class,
                () -> a.links().add(LinkRequest.create("v2", Veth.peer("v0"))));
        assertTrue(dup.getMessage().contains("\"v0\" exists already in network namespace \"" + nameA + "\""),
                dup.getMessage());
        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> a.links().set(LinkRequest.change("nope").withUp()));
        assertEquals("Device \"nope\" does not exist in network namespace \"" + nameA + "\".", missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinkRequest.create("sixteen-chars-xx", new Dummy()));
        NotSupportedException unsupported = assertThrows(NotSupportedException.class,
                () -> a.links().add(LinkRequest.create("d0", new Dummy())));
        assertTrue(unsupported.getMessage().contains("no \"dummy\" links"), unsupported.getMessage());
        assertEquals(List.of("lo", "v1", "v0"), a.links().list().stream().map(Link::name).sorted((x, y) ->
                x.equals("lo") ? -1 : y.equals("lo") ? 1 : y.compareTo(x)).toList());
        assertNull(a.links().get("lo").kind());
    }
}
