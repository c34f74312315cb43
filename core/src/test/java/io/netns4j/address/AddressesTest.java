package io.netns4j.address;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.netlink.Golden;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.route.AddressMessageTest;
import io.netns4j.internal.netlink.route.Ifa;
import io.netns4j.route.RouteScopes;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Addresses}: requests encoded as {@code ip} encodes them (no root needed), then the
 * verbs against the kernel in a namespace of the test's own, with {@code ip} as the oracle.
 */
class AddressesTest {
    private static final int CREATE = Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL;

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

    /** A fresh namespace holding veth0 (up) and its peer veth1 (up). */
    private Addresses fresh() throws Exception {
        name = scratch.name("addr");
        ns = NetnsRegistry.system().add(name);
        ip("-n", name, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1").ok();
        ip("-n", name, "link", "set", "veth0", "up").ok();
        ip("-n", name, "link", "set", "veth1", "up").ok();
        return ns.addresses();
    }

    private static InetAddress inet(String s) {
        return InetPrefix.parseAddress(s);
    }

    private List<Address> on(Addresses a, String dev) throws NetnsException {
        return a.list(AddressFilter.all().withDevice(dev));
    }

    private static Address find(List<Address> all, String local) {
        return all.stream().filter(a -> a.local().equals(inet(local))).findFirst().orElse(null);
    }

    @Test
    void requestsAreTheBytesIpSends() {
        Golden.assumeLittleEndian();
        assertArrayEquals(AddressMessageTest.asEncoded(AddressMessageTest.ADD_IPV4),
                AddressCodec.encode(AddressRequest.of("veth0", "10.0.0.1/24"), 3, Ifa.RTM_NEWADDR, CREATE));
        assertArrayEquals(AddressMessageTest.asEncoded(AddressMessageTest.ADD_IPV4_FULL), AddressCodec.encode(
                AddressRequest.of("veth0", "10.0.0.5/24").withLabel("veth0:x").withNoPrefixRoute().withBroadcastAuto()
                        .withValidLifetime(100).withPreferredLifetime(50), 3, Ifa.RTM_NEWADDR, CREATE));
        assertArrayEquals(AddressMessageTest.asEncoded(AddressMessageTest.ADD_IPV6_NODAD),
                AddressCodec.encode(AddressRequest.of("veth0", "2001:db8::1/64").withNoDad(), 3, Ifa.RTM_NEWADDR, CREATE));
        assertArrayEquals(AddressMessageTest.asEncoded(AddressMessageTest.ADD_PEER), AddressCodec.encode(
                AddressRequest.of("veth1", "10.1.0.1").withPeer(InetPrefix.parse("10.1.0.2/32")).withScope(RouteScopes.LINK), 2,
                Ifa.RTM_NEWADDR, CREATE));
        assertArrayEquals(AddressMessageTest.asEncoded(AddressMessageTest.DELETE_IPV4),
                AddressCodec.encode(AddressRequest.of("veth0", "10.0.0.5/24"), 3, Ifa.RTM_DELADDR, 0));
    }

    @Test
    void badSpecsAreRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> AddressRequest.of("veth0", "10.0.0.1/33"));
        assertThrows(IllegalArgumentException.class, () -> AddressRequest.of("bad/name", "10.0.0.1/24"));
        assertThrows(IllegalArgumentException.class, () -> AddressRequest.of("veth0", "10.0.0.1/24").withNoDad());
        assertThrows(IllegalArgumentException.class, () -> AddressRequest.of("veth0", "2001:db8::1/64").withBroadcastAuto());
        assertThrows(IllegalArgumentException.class,
                () -> AddressRequest.of("veth0", "10.0.0.1/24").withPeer(InetPrefix.parse("2001:db8::2/64")));
        assertThrows(IllegalArgumentException.class, () -> AddressRequest.of("veth0", "10.0.0.1/24").withLabel("x".repeat(16)));
        assertThrows(IllegalArgumentException.class, () -> AddressRequest.of("veth0", "10.0.0.1/24").withValidLifetime(0));
        assertThrows(IllegalArgumentException.class, () -> AddressRequest.of("veth0", "10.0.0.1/24").withFlag(AddressFlag.TENTATIVE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AddressRequest.of("veth0", "10.0.0.1/24").withFlag(AddressFlag.AUTOJOIN));
        assertTrue(e.getMessage().contains("multicast"), e.getMessage());
    }

    @Test
    @RequiresRoot
    void addListAndDeleteAnIpv4AddressAsIpSeesIt() throws Exception {
        Addresses a = fresh();
        a.add(AddressRequest.of("veth0", "10.0.0.1/24").withBroadcastAuto().withLabel("veth0:web"));
        Address got = find(on(a, "veth0"), "10.0.0.1");
        assertEquals(24, got.prefixLength());
        assertEquals(inet("10.0.0.255"), got.broadcast());
        assertEquals("veth0:web", got.label());
        assertEquals(RouteScopes.GLOBAL, got.scope());
        assertEquals(Address.FOREVER, got.validLifetime());
        assertTrue(got.has(AddressFlag.PERMANENT));
        assertNull(got.peer());

        JsonNode oracle = addrInfo("veth0", "10.0.0.1");
        assertEquals("10.0.0.255", oracle.get("broadcast").asText());
        assertEquals("veth0:web", oracle.get("label").asText());
        assertEquals(24, oracle.get("prefixlen").asInt());

        a.delete(AddressRequest.of("veth0", "10.0.0.1/24"));
        assertNull(find(on(a, "veth0"), "10.0.0.1"));
        assertFalse(ip("-n", name, "addr", "show", "dev", "veth0").ok().out().contains("10.0.0.1"));
    }

    @Test
    @RequiresRoot
    void aDuplicateIsAlreadyExistsWithTheKernelsWords() throws Exception {
        Addresses a = fresh();
        a.add("veth0", "10.0.0.1/24");
        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> a.add("veth0", "10.0.0.1/24"));
        assertEquals("Error: ipv4: Address already assigned.", e.getMessage());
        a.replace(AddressRequest.of("veth0", "10.0.0.1/24").withValidLifetime(500).withPreferredLifetime(400));
        Address replaced = find(on(a, "veth0"), "10.0.0.1");
        assertTrue(replaced.validLifetime() <= 500 && replaced.validLifetime() > 490, replaced.toString());
        assertFalse(replaced.has(AddressFlag.PERMANENT), "finite lifetime: ip shows it as dynamic");
    }

    @Test
    @RequiresRoot
    void ipv6WithNodadIsUsableAtOnceAndPeerLifetimesAndFlagsArrive() throws Exception {
        Addresses a = fresh();
        a.add(AddressRequest.of("veth0", "2001:db8::1/64").withNoDad());
        Address v6 = find(a.list(AddressFilter.all().withDevice("veth0").withFamily(InetFamily.IPV6)), "2001:db8::1");
        assertTrue(v6.has(AddressFlag.NODAD));
        assertFalse(v6.has(AddressFlag.TENTATIVE), "nodad skips duplicate address detection");
        assertTrue(addrInfo("veth0", "2001:db8::1").get("nodad").asBoolean());

        a.add(AddressRequest.of("veth1", "10.1.0.1").withPeer(InetPrefix.parse("10.1.0.2/32")).withValidLifetime(100)
                .withPreferredLifetime(50).withNoPrefixRoute().withMetric(77));
        Address p = find(on(a, "veth1"), "10.1.0.1");
        assertEquals(inet("10.1.0.2"), p.peer());
        assertTrue(p.has(AddressFlag.NOPREFIXROUTE));
        assertTrue(p.validLifetime() <= 100 && p.preferredLifetime() <= 50);
        assertEquals(77L, p.metric());
        assertEquals("10.1.0.2", addrInfo("veth1", "10.1.0.1").get("address").asText());
    }

    @Test
    @RequiresRoot
    void anUnknownDeviceNamesTheNamespaceSearched() throws Exception {
        Addresses a = fresh();
        NotFoundException e = assertThrows(NotFoundException.class, () -> a.add("nope0", "10.0.0.1/24"));
        assertTrue(e.getMessage().contains("\"nope0\"") && e.getMessage().contains(name), e.getMessage());
        assertThrows(NotFoundException.class, () -> a.list(AddressFilter.all().withDevice("nope0")));
    }

    @Test
    @RequiresRoot
    void filtersSelectAsIpDoes() throws Exception {
        Addresses a = fresh();
        a.add("veth0", "10.0.0.1/24");
        a.add(AddressRequest.of("veth0", "10.0.0.2/24").withLabel("veth0:two"));
        a.add(AddressRequest.of("veth0", "10.5.0.1/16").withScope(RouteScopes.LINK));
        a.add(AddressRequest.of("veth0", "2001:db8::1/64").withNoDad());
        assertEquals(Set.of("10.0.0.2"), locals(a.list(AddressFilter.all().withFlag(AddressFlag.SECONDARY))));
        assertEquals(Set.of("10.5.0.1"), locals(a.list(AddressFilter.all().withFamily(InetFamily.IPV4)
                .withScope(RouteScopes.LINK))));
        assertEquals(Set.of("10.0.0.2"), locals(a.list(AddressFilter.all().withLabel("veth0:*"))));
        assertEquals(Set.of("10.0.0.1", "10.0.0.2"), locals(a.list(AddressFilter.all().withPrefix(InetPrefix.parse("10.0.0.0/24")))));
        assertEquals(Set.of("2001:db8::1"), locals(a.list(AddressFilter.all().withDevice("veth0").withFamily(InetFamily.IPV6)
                .withScope(RouteScopes.GLOBAL))));
    }

    @Test
    @RequiresRoot
    void flushRemovesWhatTheFilterSelectsAndNothingElse() throws Exception {
        Addresses a = fresh();
        a.add("veth0", "10.0.0.1/24");
        a.add("veth0", "10.0.0.2/24");
        a.add("veth0", "10.0.0.3/24");
        a.add("veth1", "10.9.0.1/24");
        a.add(AddressRequest.of("veth0", "2001:db8::1/64").withNoDad());
        assertTrue(a.flush(AddressFilter.all().withDevice("veth0").withFamily(InetFamily.IPV4)) >= 1);
        assertTrue(a.list(AddressFilter.all().withDevice("veth0").withFamily(InetFamily.IPV4)).isEmpty());
        assertEquals(Set.of("10.9.0.1"), locals(a.list(AddressFilter.all().withFamily(InetFamily.IPV4))));
        assertTrue(ip("-n", name, "addr", "show", "dev", "veth0").ok().out().contains("2001:db8::1/64"));
        assertEquals(0, a.flush(AddressFilter.all().withDevice("veth0").withFamily(InetFamily.IPV4)), "nothing left to flush");
    }

    @Test
    @RequiresRoot
    void deleteWithoutPrefixLengthMatchesAnyLength() throws Exception {
        Addresses a = fresh();
        a.add("veth0", "10.0.0.7/24");
        a.delete(AddressRequest.anyPrefixLength("veth0", inet("10.0.0.7")));
        assertNull(find(on(a, "veth0"), "10.0.0.7"));
    }

    private static Set<String> locals(List<Address> all) {
        return Set.copyOf(all.stream().map(x -> InetText.format(x.local())).toList());
    }

    /** The oracle's addr_info entry for {@code local} on {@code dev}. */
    private JsonNode addrInfo(String dev, String local) throws Exception {
        for (JsonNode info : json.readTree(ip("-j", "-n", name, "addr", "show", "dev", dev).ok().out()).get(0)
                .get("addr_info")) {
            if (info.get("local").asText().equals(local)) {
                return info;
            }
        }
        throw new AssertionError("ip does not show " + local + " on " + dev);
    }
}
