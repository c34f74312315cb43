package io.netns4j.internal.netlink;

import io.netns4j.error.MalformedMessageException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.netns4j.internal.netlink.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Handcrafted attribute runs, little-endian as netlink is on the machines we run on. */
class AttributesTest {
    private static final Duration NO_HANG = Duration.ofSeconds(5);

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    @Test
    void parsesAttributesInWireOrderAndSkipsPadding() throws Exception {
        Attributes a = Attributes.parse(hex("""
                07 00 03 00  6c 6f 00 00
                05 00 10 00  02 00 00 00
                08 00 04 00  00 00 01 00
                """));
        assertEquals(List.of(3, 16, 4), a.all().stream().map(Attribute::type).toList());
        assertEquals("lo", a.string(3));
        assertEquals(2, a.u8(16, -1));
        assertEquals(65536, a.u32(4, -1));
    }

    @Test
    void lastAttributeMayEndWithoutPadding() throws Exception {
        Attributes a = Attributes.parse(hex("05 00 01 00 7f"));
        assertEquals(0x7f, a.u8(1, -1));
    }

    @Test
    void emptyAreaGivesNoAttributes() throws Exception {
        assertEquals(Attributes.empty(), Attributes.parse(new byte[0]));
        assertEquals(List.of(), Attributes.parse(hex("aa bb cc"), 3, 0).all());
    }

    @Test
    void parsesOnlyTheGivenArea() throws Exception {
        byte[] data = hex("ff ff ff  08 00 01 00 2a 00 00 00  ee");
        Attributes a = Attributes.parse(data, 3, 8);
        assertEquals(42, a.s32(1, -1));
        assertEquals(1, a.all().size());
    }

    @Test
    void separatesTheFlagsFromTheType() throws Exception {
        Attributes a = Attributes.parse(hex("04 00 3e 80  06 00 01 40 00 50 00 00  04 00 02 c0"));
        Attribute nested = a.find(0x3e);
        assertTrue(nested.nested());
        assertFalse(nested.netByteOrder());
        Attribute port = a.find(1);
        assertTrue(port.netByteOrder());
        assertFalse(port.nested());
        assertArrayEquals(hex("00 50"), port.value());
        assertTrue(a.find(2).nested() && a.find(2).netByteOrder());
    }

    @Test
    void typedGettersReadHostOrderValues() throws Exception {
        Attributes a = Attributes.parse(hex("""
                05 00 01 00  fe 00 00 00
                06 00 02 00  34 12 00 00
                08 00 03 00  ff ff ff ff
                0c 00 04 00  08 07 06 05 04 03 02 81
                """));
        assertEquals(0xfe, a.u8(1, -1));
        assertEquals(0x1234, a.u16(2, -1));
        assertEquals(-1, a.s32(3, 0));
        assertEquals(0xffff_ffffL, a.u32(3, 0));
        assertEquals(0x8102030405060708L, a.u64(4, 0));
    }

    @Test
    void absentAttributesGiveTheDefault() throws Exception {
        Attributes a = Attributes.parse(hex("08 00 01 00 05 00 00 00"));
        assertEquals(-7, a.u8(9, -7));
        assertEquals(-7, a.u16(9, -7));
        assertEquals(-7, a.s32(9, -7));
        assertEquals(-7L, a.u32(9, -7));
        assertEquals(-7L, a.u64(9, -7));
        assertNull(a.string(9));
        assertNull(a.bytes(9));
        assertNull(a.find(9));
        assertFalse(a.has(9));
        assertSame(Attributes.empty(), a.nested(9));
    }

    @Test
    void aRepeatedAttributeReadsAsTheLastOne() throws Exception {
        Attributes a = Attributes.parse(hex("08 00 01 00 05 00 00 00  08 00 01 00 06 00 00 00"));
        assertEquals(6, a.s32(1, -1));
        assertEquals(2, a.all().size());
    }

    @Test
    void stringStopsAtTheFirstNulAndToleratesNone() throws Exception {
        Attributes a = Attributes.parse(hex("0a 00 01 00 61 62 00 63 64 00 00 00  06 00 02 00 78 79 00 00"));
        assertEquals("ab", a.string(1));
        assertEquals("xy", a.string(2));
    }

    @Test
    void bytesIsACopyOfTheValueWithoutPadding() throws Exception {
        Attributes a = Attributes.parse(hex("06 00 01 00 aa bb 00 00"));
        byte[] v = a.bytes(1);
        assertArrayEquals(hex("aa bb"), v);
        v[0] = 0;
        assertArrayEquals(hex("aa bb"), a.bytes(1));
    }

    @Test
    void nestedParsesTheValueAsAttributes() throws Exception {
        Attributes a = Attributes.parse(hex("""
                18 00 12 00
                   09 00 01 00  76 65 74 68 00 00 00 00
                   08 00 02 00  07 00 00 00
                """));
        Attributes info = a.nested(0x12);
        assertEquals("veth", info.string(1));
        assertEquals(7, info.s32(2, -1));
    }

    @Test
    void exceptKeepsTheUnknownAttributesInOrder() throws Exception {
        Attributes a = Attributes.parse(hex("04 00 05 00  04 00 01 00  04 00 07 00  04 00 02 00"));
        assertEquals(List.of(5, 7), a.except(Set.of(1, 2)).stream().map(Attribute::type).toList());
    }

    @Test
    void ofEqualsTheParsedForm() throws Exception {
        Attributes parsed = Attributes.parse(hex("05 00 01 00 09 00 00 00  04 00 02 80"));
        Attributes built = Attributes.of(List.of(new Attribute(1, hex("09")), new Attribute(2, true, false, new byte[0])));
        assertEquals(built, parsed);
        assertEquals(built.hashCode(), parsed.hashCode());
        assertSame(Attributes.empty(), Attributes.of(List.of()));
    }

    // ---- malformed input ----

    @Test
    void attributeLengthBelowHeaderIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> Attributes.parse(hex("03 00 01 00 00 00 00 00")));
    }

    @Test
    void zeroAttributeLengthIsMalformedNotALoop() {
        assertTimeoutPreemptively(NO_HANG, () ->
                assertThrows(MalformedMessageException.class, () -> Attributes.parse(hex("00 00 01 00 00 00 00 00"))));
    }

    @Test
    void attributeLengthPastTheAreaIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> Attributes.parse(hex("09 00 01 00 00 00 00 00")));
        assertThrows(MalformedMessageException.class, () -> Attributes.parse(hex("ff ff 01 00 00 00 00 00")));
        // fits the buffer, but not the area it was asked to parse
        assertThrows(MalformedMessageException.class,
                () -> Attributes.parse(hex("08 00 01 00 00 00 00 00"), 0, 6));
    }

    @Test
    void strayBytesAfterTheLastAttributeAreMalformed() {
        for (String tail : List.of("00", "00 00", "00 00 00")) {
            assertThrows(MalformedMessageException.class,
                    () -> Attributes.parse(hex("04 00 01 00 " + tail)), tail);
        }
    }

    @Test
    void areaOutsideTheBufferIsMalformed() {
        byte[] data = new byte[8];
        assertThrows(MalformedMessageException.class, () -> Attributes.parse(data, -1, 4));
        assertThrows(MalformedMessageException.class, () -> Attributes.parse(data, 0, -4));
        assertThrows(MalformedMessageException.class, () -> Attributes.parse(data, 9, 0));
        assertThrows(MalformedMessageException.class, () -> Attributes.parse(data, 4, 5));
        assertThrows(MalformedMessageException.class, () -> Attributes.parse(data, 1, Integer.MAX_VALUE));
        assertThrows(MalformedMessageException.class, () -> Attributes.parse(data, Integer.MAX_VALUE, 1));
    }

    @Test
    void valueShorterThanItsTypeIsMalformed() throws Exception {
        Attributes a = Attributes.parse(hex("04 00 01 00  05 00 02 00 01 00 00 00  06 00 03 00 01 02 00 00  08 00 04 00 01 02 03 04"));
        assertThrows(MalformedMessageException.class, () -> a.u8(1, 0));
        assertThrows(MalformedMessageException.class, () -> a.u16(2, 0));
        assertThrows(MalformedMessageException.class, () -> a.u32(3, 0));
        assertThrows(MalformedMessageException.class, () -> a.s32(3, 0));
        assertThrows(MalformedMessageException.class, () -> a.u64(4, 0));
    }

    @Test
    void nestedAttributeOverrunningItsParentIsMalformed() throws Exception {
        // the parent is 12 bytes; its child claims 12 of the 8 left inside it
        Attributes a = Attributes.parse(hex("0c 00 12 80  0c 00 01 00 00 00 00 00  08 00 02 00 00 00 00 00"));
        assertEquals(2, a.all().size());
        assertThrows(MalformedMessageException.class, () -> a.nested(0x12));
    }

    @Test
    void parentOverrunningTheAreaIsMalformed() {
        assertThrows(MalformedMessageException.class,
                () -> Attributes.parse(hex("10 00 12 80  08 00 01 00 00 00 00 00")));
    }
}
