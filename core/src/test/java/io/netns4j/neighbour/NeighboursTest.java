package io.netns4j.neighbour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.netlink.Golden;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.route.Nda;
import io.netns4j.internal.netlink.route.NeighbourMessageTest;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;
import io.netns4j.types.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import static io.netns4j.internal.netlink.route.AddressMessageTest.asEncoded;
import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Neighbours}: requests encoded as {@code ip} encodes them (no root needed), then the
 * verbs against the kernel in a namespace of the test's own, with {@code ip} as the oracle.
 */
class NeighboursTest {
    private static final int CREATE = Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL;
    private static final MacAddress MAC_2 = MacAddress.parse("02:00:00:00:00:02");

    private final Scratch scratch = new Scratch();
    private final ObjectMapper json = new ObjectMapper();
    private Netns ns;
    private String name;

    @AfterEach
    void cleanUp() throws Exception {
        if (ns != null) {
            ns.close();
        }
        scratch.close();
    }

    /** A fresh namespace holding veth0 and veth1, up, with an address each. */
    private Neighbours fresh() throws Exception {
        name = scratch.name("neigh");
        ns = NetnsRegistry.system().add(name);
        ip("-n", name, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1").ok();
        ip("-n", name, "link", "set", "veth0", "up").ok();
        ip("-n", name, "link", "set", "veth1", "up").ok();
        ip("-n", name, "addr", "add", "10.0.0.1/24", "dev", "veth0").ok();
        return ns.neighbours();
    }

    private static InetAddress inet(String s) {
        return InetPrefix.parseAddress(s);
    }

    private static Neighbour find(List<Neighbour> all, String dst) {
        return all.stream().filter(n -> n.destination().equals(inet(dst))).findFirst().orElse(null);
    }

    private static Set<String> destinations(List<Neighbour> all) {
        return Set.copyOf(all.stream().map(n -> InetText.format(n.destination())).toList());
    }

    @Test
    void requestsAreTheBytesIpSends() {
        Golden.assumeLittleEndian();
        assertArrayEquals(asEncoded(NeighbourMessageTest.ADD), NeighbourCodec.encode(
                NeighbourRequest.of("veth0", inet("10.0.0.2")).withLladdr(MAC_2), 3, Nda.RTM_NEWNEIGH, CREATE));
        assertArrayEquals(asEncoded(NeighbourMessageTest.REPLACE_IPV6), NeighbourCodec.encode(
                NeighbourRequest.of("veth0", inet("2001:db8::2")).withLladdr(MacAddress.parse("02:00:00:00:00:04"))
                        .withState(NeighbourState.REACHABLE), 3, Nda.RTM_NEWNEIGH,
                Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE));
        assertArrayEquals(asEncoded(NeighbourMessageTest.ADD_PROXY),
                NeighbourCodec.encode(NeighbourRequest.proxy("veth0", inet("10.0.0.9")), 3, Nda.RTM_NEWNEIGH, CREATE));
        assertArrayEquals(asEncoded(NeighbourMessageTest.DELETE),
                NeighbourCodec.encode(NeighbourRequest.of("veth0", inet("10.0.0.2")), 3, Nda.RTM_DELNEIGH, 0));
    }

    @Test
    void badSpecsAreRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> NeighbourRequest.of("a b", inet("10.0.0.2")));
        assertThrows(IllegalArgumentException.class, () -> NeighbourRequest.of("veth0", null));
        assertThrows(IllegalArgumentException.class, () -> NeighbourRequest.of("veth0", inet("10.0.0.2"))
                .withLladdr(new MacAddress(new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> NeighbourState.parse("sleepy"));
    }

    @Test
    @RequiresRoot
    void addListReplaceAndDeleteAsIpSeesIt() throws Exception {
        Neighbours n = fresh();
        n.add(NeighbourRequest.of("veth0", inet("10.0.0.2")).withLladdr(MAC_2));
        Neighbour got = find(n.list(), "10.0.0.2");
        assertEquals("veth0", got.device());
        assertEquals(MAC_2, got.lladdr());
        assertEquals(Set.of(NeighbourState.PERMANENT), got.states());
        JsonNode oracle = entry("10.0.0.2");
        assertEquals("02:00:00:00:00:02", oracle.get("lladdr").asText());
        assertEquals("PERMANENT", oracle.get("state").get(0).asText());

        AlreadyExistsException dup = assertThrows(AlreadyExistsException.class,
                () -> n.add(NeighbourRequest.of("veth0", inet("10.0.0.2")).withLladdr(MAC_2)));
        assertEquals("RTNETLINK answers: File exists", dup.getMessage());

        n.replace(NeighbourRequest.of("veth0", inet("10.0.0.2")).withLladdr(MacAddress.parse("02:00:00:00:00:22"))
                .withState(NeighbourState.STALE));
        assertEquals("02:00:00:00:00:22", entry("10.0.0.2").get("lladdr").asText());
        assertEquals(Set.of(NeighbourState.STALE), find(n.list(), "10.0.0.2").states());

        n.delete(NeighbourRequest.of("veth0", inet("10.0.0.2")));
        assertNull(find(n.list(NeighbourFilter.all().withAllStates()), "10.0.0.2"));
        assertThrows(NotFoundException.class, () -> n.delete(NeighbourRequest.of("veth0", inet("10.0.0.2"))));
        assertThrows(NotFoundException.class, () -> n.change(NeighbourRequest.of("veth0", inet("10.0.0.99")).withLladdr(MAC_2)));
    }

    @Test
    @RequiresRoot
    void proxyEntriesAreListedOnlyWhenAskedFor() throws Exception {
        Neighbours n = fresh();
        n.add(NeighbourRequest.proxy("veth0", inet("10.0.0.9")));
        assertNull(find(n.list(), "10.0.0.9"));
        Neighbour proxy = find(n.list(NeighbourFilter.all().withProxy()), "10.0.0.9");
        assertTrue(proxy.isProxy());
        assertEquals("veth0", proxy.device());
        assertTrue(ip("-n", name, "neigh", "show", "proxy").ok().out().contains("10.0.0.9 dev veth0 proxy"));
        n.delete(NeighbourRequest.proxy("veth0", inet("10.0.0.9")));
        assertTrue(n.list(NeighbourFilter.all().withProxy()).isEmpty());
    }

    @Test
    @RequiresRoot
    void filtersSelectAsIpDoes() throws Exception {
        Neighbours n = fresh();
        n.add(NeighbourRequest.of("veth0", inet("10.0.0.2")).withLladdr(MAC_2));
        n.add(NeighbourRequest.of("veth0", inet("10.0.0.3")).withLladdr(MAC_2).withState(NeighbourState.STALE));
        n.add(NeighbourRequest.of("veth0", inet("10.0.0.4")).withLladdr(MAC_2).withState(NeighbourState.NOARP));
        n.add(NeighbourRequest.of("veth1", inet("2001:db8::2")).withLladdr(MAC_2).withState(NeighbourState.REACHABLE));
        Set<String> shown = destinations(n.list());
        assertTrue(shown.containsAll(Set.of("10.0.0.2", "10.0.0.3", "2001:db8::2")), shown.toString());
        assertFalse(shown.contains("10.0.0.4"), "noarp entries are hidden, as ip hides them");
        assertEquals(Set.of("10.0.0.4"), destinations(n.list(NeighbourFilter.all().withFamily(InetFamily.IPV4)
                .withState(NeighbourState.NOARP))));
        assertEquals(Set.of("10.0.0.3"), destinations(n.list(NeighbourFilter.all().withState(NeighbourState.STALE))));
        assertEquals(Set.of("2001:db8::2"), destinations(n.list(NeighbourFilter.all().withDevice("veth1")
                .withFamily(InetFamily.IPV6).withPrefix(InetPrefix.parse("2001:db8::/64")))));
        NotFoundException e = assertThrows(NotFoundException.class, () -> n.list(NeighbourFilter.all().withDevice("nope0")));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    @RequiresRoot
    void flushKeepsPermanentAndNoarpEntriesUnlessAsked() throws Exception {
        Neighbours n = fresh();
        n.add(NeighbourRequest.of("veth0", inet("10.0.0.2")).withLladdr(MAC_2));
        n.add(NeighbourRequest.of("veth0", inet("10.0.0.3")).withLladdr(MAC_2).withState(NeighbourState.STALE));
        n.add(NeighbourRequest.of("veth0", inet("10.0.0.5")).withLladdr(MAC_2).withState(NeighbourState.REACHABLE));
        assertEquals(2, n.flush(NeighbourFilter.all().withDevice("veth0").withFamily(InetFamily.IPV4)));
        assertEquals(Set.of("10.0.0.2"), destinations(n.list(NeighbourFilter.all().withDevice("veth0")
                .withFamily(InetFamily.IPV4))));
        assertEquals(1, n.flush(NeighbourFilter.all().withDevice("veth0").withState(NeighbourState.PERMANENT)));
        assertFalse(ip("-n", name, "neigh", "show", "dev", "veth0").ok().out().contains("10.0.0.2"));
    }

    /** The oracle's entry for {@code dst}. */
    private JsonNode entry(String dst) throws Exception {
        for (JsonNode e : json.readTree(ip("-j", "-n", name, "neigh", "show").ok().out())) {
            if (e.get("dst").asText().equals(dst)) {
                return e;
            }
        }
        throw new AssertionError("ip does not show " + dst);
    }
}
