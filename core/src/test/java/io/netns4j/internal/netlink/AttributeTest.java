package io.netns4j.internal.netlink;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttributeTest {

    @Test
    void wireTypeAddsTheNestedAndByteOrderFlags() {
        assertEquals(0x0012, new Attribute(0x12, false, false, new byte[0]).wireType());
        assertEquals(0x8012, new Attribute(0x12, true, false, new byte[0]).wireType());
        assertEquals(0x4012, new Attribute(0x12, false, true, new byte[0]).wireType());
        assertEquals(0xc012, new Attribute(0x12, true, true, new byte[0]).wireType());
    }

    @Test
    void twoArgumentConstructorMakesAPlainAttribute() {
        Attribute a = new Attribute(3, new byte[] {'l', 'o', 0});
        assertFalse(a.nested());
        assertFalse(a.netByteOrder());
        assertEquals(3, a.wireType());
    }

    @Test
    void valueIsCopiedInAndOut() {
        byte[] value = {1, 2, 3};
        Attribute a = new Attribute(1, value);
        value[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, a.value());
        a.value()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, a.value());
    }

    @Test
    void equalityComparesTypeFlagsAndValueBytes() {
        Attribute a = new Attribute(1, false, false, new byte[] {1, 2});
        assertEquals(a, new Attribute(1, false, false, new byte[] {1, 2}));
        assertEquals(a.hashCode(), new Attribute(1, false, false, new byte[] {1, 2}).hashCode());
        assertNotEquals(a, new Attribute(2, false, false, new byte[] {1, 2}));
        assertNotEquals(a, new Attribute(1, true, false, new byte[] {1, 2}));
        assertNotEquals(a, new Attribute(1, false, true, new byte[] {1, 2}));
        assertNotEquals(a, new Attribute(1, false, false, new byte[] {1, 3}));
    }

    @Test
    void toStringShowsTypeNestingAndHexValue() {
        String s = new Attribute(18, true, false, new byte[] {(byte) 0xab, 0x01}).toString();
        assertTrue(s.contains("type=18"), s);
        assertTrue(s.contains("nested"), s);
        assertTrue(s.contains("ab01"), s);
    }
}
