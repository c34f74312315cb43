package io.netns4j.link;

import io.netns4j.internal.netlink.Golden;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.MacAddress;
import io.netns4j.types.NamespaceRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every link kind's RTM_NEWLINK request, byte for byte against what {@code ip link add}
 * sends (captured by src/test/resources/golden/links/capture.sh), including the kinds this
 * kernel lacks (dummy, vlan, ipvlan, vrf, geneve). Needs no root: only encoding is checked.
 * Normalised: sequence number and port id (0 on both sides) and NLM_F_REQUEST|NLM_F_ACK,
 * which the socket adds when it sends.
 */
class LinkEncodingGoldenTest {
    private static final LinkResolver LO_IS_1 = LinkGoldens.LO_IS_1;

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    private static byte[] golden(String file) {
        return Golden.bytes("links/" + file);
    }

    private static void assertSame(String file, byte[] ours) {
        HexFormat hex = HexFormat.ofDelimiter(" ");
        assertEquals(hex.formatHex(golden(file)), hex.formatHex(LinkGoldens.asSent(ours)), file);
    }

    /**
     * A handle whose fd number is the one ip passed in IFLA_NET_NS_FD (an 8-byte attribute of
     * type 28) in the capture; never closed here.
     */
    private static NamespaceRef fdAsCaptured(String file) {
        byte[] g = golden(file);
        ByteBuffer b = ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 32; i + 8 <= g.length; i += 4) {
            if (b.getShort(i) == 8 && b.getShort(i + 2) == 28) {
                int fd = b.getInt(i + 4);
                return new NamespaceRef() {
                    @Override
                    public int fileDescriptor() {
                        return fd;
                    }

                    @Override
                    public <T> T useDescriptor(DescriptorTask<T> task) throws Exception {
                        return task.run(fd);
                    }

                    @Override
                    public String describe() {
                        return "captured";
                    }
                };
            }
        }
        throw new AssertionError(file + " has no IFLA_NET_NS_FD");
    }

    @Test
    void vethWithEveryCommonOption() throws Exception {
        NamespaceRef b = fdAsCaptured("veth-full.hex");
        LinkRequest r = LinkRequest.create("v0", Veth.peer("v1")).withUp().withMtu(1400)
                .withAddress(MacAddress.parse("02:00:00:00:00:01")).withTxQueueLength(500).withMaster("lo").withAlias("hello")
                .withNamespace(b);
        assertSame("veth-full.hex", LinkCodec.encodeAdd(r, LO_IS_1));
    }

    @Test
    void vethWithItsPeerCreatedInAnotherNamespace() throws Exception {
        NamespaceRef b = fdAsCaptured("veth-peer-netns.hex");
        LinkRequest r = LinkRequest.create("v0", Veth.peer("eth0").withPeerNamespace(b));
        assertSame("veth-peer-netns.hex", LinkCodec.encodeAdd(r, LO_IS_1));
    }

    @Test
    void bridgeWithItsOptions() throws Exception {
        Bridge br = Bridge.defaults().withForwardDelay(400).withHelloTime(100).withMaxAge(1000).withAgeingTime(200)
                .withStpState(true).withPriority(100).withVlanFiltering(true);
        assertSame("bridge.hex", LinkCodec.encodeAdd(LinkRequest.create("br0", br), LO_IS_1));
    }

    @Test
    void macvlan() throws Exception {
        assertSame("macvlan.hex", LinkCodec.encodeAdd(LinkRequest.create("mv0", new Macvlan("lo", Macvlan.Mode.BRIDGE)),
                LO_IS_1));
    }

    @Test
    void vxlan() throws Exception {
        Vxlan vx = new Vxlan(42, InetPrefix.parseAddress("10.1.1.1"), null, InetPrefix.parseAddress("10.1.1.2"), 4789,
                "lo", 64, false);
        assertSame("vxlan.hex", LinkCodec.encodeAdd(LinkRequest.create("vx0", vx), LO_IS_1));
    }

    @Test
    void kindsThisKernelLacks() throws Exception {
        assertSame("dummy.hex", LinkCodec.encodeAdd(LinkRequest.create("d0", new Dummy()), LO_IS_1));
        assertSame("vlan.hex", LinkCodec.encodeAdd(LinkRequest.create("vl0", new Vlan("lo", 10, Vlan.Protocol.DOT1AD)),
                LO_IS_1));
        assertSame("ipvlan.hex", LinkCodec.encodeAdd(LinkRequest.create("ipv0",
                new Ipvlan("lo", Ipvlan.Mode.L3, Ipvlan.Flag.PRIVATE)), LO_IS_1));
        assertSame("vrf.hex", LinkCodec.encodeAdd(LinkRequest.create("vrf0", new Vrf(10)), LO_IS_1));
        assertSame("geneve.hex", LinkCodec.encodeAdd(LinkRequest.create("gn0",
                new Geneve(5, InetPrefix.parseAddress("10.1.1.1"), 6081, 64)), LO_IS_1));
    }

    @Test
    void setUpMtuAndPromisc() throws Exception {
        assertSame("set-up-mtu-promisc.hex", LinkCodec.encodeSet(LinkRequest.change("lo").withUp().withMtu(1400).withPromisc(true),
                LO_IS_1));
    }

    @Test
    void bridgeWithMoreOptionsInTheOrderGiven() throws Exception {
        Bridge br = Bridge.defaults().with(Bridge.Option.MCAST_SNOOPING, 0).with(Bridge.Option.NF_CALL_IPTABLES, 1)
                .with(Bridge.Option.VLAN_DEFAULT_PVID, 5).with(Bridge.Option.MCAST_QUERY_INTERVAL, 200);
        assertSame("bridge-more.hex", LinkCodec.encodeAdd(LinkRequest.create("br1", br), LO_IS_1));
    }

    @Test
    void vethPeerWithItsOwnMtuAddressAndQueueLength() throws Exception {
        Veth v = Veth.peer("v1").withPeerMtu(1400).withPeerAddress(MacAddress.parse("02:00:00:00:00:02"))
                .withPeerTxQueueLength(50);
        assertSame("veth-peer-options.hex", LinkCodec.encodeAdd(LinkRequest.create("v0", v), LO_IS_1));
    }

    @Test
    void setChangesABridgesOptions() throws Exception {
        Bridge br = Bridge.defaults().withStpState(true).with(Bridge.Option.MCAST_SNOOPING, 0);
        assertSame("set-type-bridge.hex", LinkCodec.encodeSet(LinkRequest.change("lo").withKindOptions(br), LO_IS_1));
    }

    @Test
    void setChangesABridgePortsOptions() throws Exception {
        BridgePort port = BridgePort.none().with(BridgePort.Option.COST, 10).with(BridgePort.Option.LEARNING, 0)
                .with(BridgePort.Option.STATE, 3);
        assertSame("set-bridge-slave.hex", LinkCodec.encodeSet(LinkRequest.change("lo").withBridgePort(port),
                LO_IS_1));
    }

    @Test
    void setTurnsDeviceFlagsOnAndOffAndSetsTheGroup() throws Exception {
        LinkRequest r = LinkRequest.change("lo").withFlag(LinkRequest.Flag.ARP, false)
                .withFlag(LinkRequest.Flag.MULTICAST, true).withFlag(LinkRequest.Flag.ALLMULTICAST, true)
                .withFlag(LinkRequest.Flag.DYNAMIC, false).withGroup(5);
        assertSame("set-flags-group.hex", LinkCodec.encodeSet(r, LO_IS_1));
    }

    @Test
    void setChoosesHowIpv6LinkLocalAddressesAreMade() throws Exception {
        assertSame("set-addrgenmode.hex", LinkCodec.encodeSet(LinkRequest.change("lo").withMtu(1400).withAddrGenMode(1),
                LO_IS_1));
    }
}
