package io.netns4j.internal.netlink;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.route.Rtnl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.netns4j.internal.netlink.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MessageBuilderTest {

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    @Test
    void bareHeaderHasLengthTypeFlagsAndZeroSeqAndPort() {
        byte[] m = new MessageBuilder(0x5a, 0x0301).build();
        assertArrayEquals(hex("10 00 00 00  5a 00 01 03  00 00 00 00  00 00 00 00"), m);
    }

    @Test
    void fixedHeaderIsWrittenAsGivenAndAlignPadsItWithZeros() {
        byte[] m = new MessageBuilder(16, 0).u8(0x11).u8(0).u16(0x304).u32(7).u32(0x1002).u32(-1)
                .zeros(3).u8(0xaa).u8(0xbb).align().build();
        assertArrayEquals(hex("""
                28 00 00 00  10 00 00 00  00 00 00 00  00 00 00 00
                11 00 04 03  07 00 00 00  02 10 00 00  ff ff ff ff
                00 00 00 aa  bb 00 00 00
                """), m);
    }

    @Test
    void typedAttributesArePaddedToFourBytes() {
        byte[] m = new MessageBuilder(1, 0)
                .attrU8(1, 0xfe).attrU16(2, 0x1234).attrU32(3, -2).attrU64(4, 0x0102030405060708L)
                .attrString(5, "lo").attrFlag(6).attr(7, hex("aa bb cc"))
                .build();
        assertArrayEquals(hex("""
                48 00 00 00  01 00 00 00  00 00 00 00  00 00 00 00
                05 00 01 00  fe 00 00 00
                06 00 02 00  34 12 00 00
                08 00 03 00  fe ff ff ff
                0c 00 04 00  08 07 06 05  04 03 02 01
                07 00 05 00  6c 6f 00 00
                04 00 06 00
                07 00 07 00  aa bb cc 00
                """), m);
    }

    @Test
    void attributeRecordIsWrittenWithItsFlags() {
        byte[] m = new MessageBuilder(1, 0).attr(new Attribute(9, true, true, hex("01 02 03 04"))).build();
        assertArrayEquals(hex("18 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00  08 00 09 c0 01 02 03 04"), m);
    }

    @Test
    void nestedAttributesGetTheNestedFlagAndTheirLength() {
        MessageBuilder b = new MessageBuilder(1, 0);
        int outer = b.beginNested(18);
        b.attrString(1, "veth");
        int inner = b.beginNested(2);
        b.attrU8(3, 1);
        b.endNested(inner);
        b.endNested(outer);
        int empty = b.beginNested(26);
        b.endNested(empty);
        assertArrayEquals(hex("""
                30 00 00 00  01 00 00 00  00 00 00 00  00 00 00 00
                1c 00 12 80
                   09 00 01 00  76 65 74 68  00 00 00 00
                   0c 00 02 80
                      05 00 03 00  01 00 00 00
                04 00 1a 80
                """), b.build());
    }

    @Test
    void growsPastItsInitialBuffer() throws MalformedMessageException {
        byte[] big = new byte[1001];
        big[1000] = 7;
        byte[] m = new MessageBuilder(1, 0).attr(1, big).attrU32(2, 3).build();
        assertEquals(16 + 1008 + 8, m.length);
        Attributes a = NetlinkMessage.parseAll(m, m.length).getFirst().attributes(0);
        assertArrayEquals(big, a.bytes(1));
        assertEquals(3, a.s32(2, 0));
    }

    @Test
    void reproducesIpsNewNsidRequest() throws MalformedMessageException {
        Golden.assumeLittleEndian();
        byte[] golden = Golden.bytes("nsid-set-request.hex");
        int fd = Golden.message("nsid-set-request.hex").attributes(1).s32(3, -1);
        byte[] ours = new MessageBuilder(Rtnl.RTM_NEWNSID, 0).u8(Rtnl.AF_UNSPEC).align()
                .attrU32(3, fd).attrU32(1, 5).build();
        assertArrayEquals(Golden.normaliseRequest(golden), ours);
    }

    @Test
    void buildWithAnOpenNestIsRefused() {
        MessageBuilder b = new MessageBuilder(1, 0);
        b.beginNested(1);
        assertThrows(IllegalStateException.class, b::build);
    }

    @Test
    void attributeOverNetlinksLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MessageBuilder(1, 0).attr(1, new byte[65532]));
        new MessageBuilder(1, 0).attr(1, new byte[65531]); // 65535 with its header: the most that fits
    }

    @Test
    void nestOverNetlinksLimitIsRefused() {
        MessageBuilder b = new MessageBuilder(1, 0);
        int mark = b.beginNested(1);
        b.attr(2, new byte[40000]).attr(3, new byte[40000]);
        assertThrows(IllegalArgumentException.class, () -> b.endNested(mark));
    }
}
