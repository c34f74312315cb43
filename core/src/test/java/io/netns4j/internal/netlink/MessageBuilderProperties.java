package io.netns4j.internal.netlink;

import io.netns4j.error.MalformedMessageException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MessageBuilder -> bytes -> NetlinkMessage.parseAll -> Attributes gives back what was built. */
class MessageBuilderProperties {

    sealed interface Node permits Leaf, Nest {
    }

    record Leaf(int type, boolean netByteOrder, byte[] value) implements Node {
    }

    record Nest(int type, List<Node> children) implements Node {
    }

    @Provide
    Arbitrary<List<Node>> trees() {
        return node(3).list().ofMaxSize(6);
    }

    private static Arbitrary<Node> node(int depth) {
        Arbitrary<Integer> type = Arbitraries.integers().between(0, Netlink.NLA_TYPE_MASK);
        Arbitrary<Node> leaf = Combinators.combine(type, Arbitraries.of(false, true), Noise.bytes(70)).as(Leaf::new);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Node> nest = Combinators.combine(type, node(depth - 1).list().ofMaxSize(4)).as(Nest::new);
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, nest));
    }

    private static void write(MessageBuilder b, List<Node> nodes) {
        for (Node n : nodes) {
            switch (n) {
                case Leaf l when l.netByteOrder() -> b.attr(new Attribute(l.type(), false, true, l.value()));
                case Leaf l -> b.attr(l.type(), l.value());
                case Nest nest -> {
                    int mark = b.beginNested(nest.type());
                    write(b, nest.children());
                    b.endNested(mark);
                }
            }
        }
    }

    private static void assertSameTree(List<Node> expected, Attributes actual) throws MalformedMessageException {
        assertEquals(expected.size(), actual.all().size());
        for (int i = 0; i < expected.size(); i++) {
            Attribute a = actual.all().get(i);
            switch (expected.get(i)) {
                case Leaf l -> assertEquals(new Attribute(l.type(), false, l.netByteOrder(), l.value()), a);
                case Nest n -> {
                    assertEquals(n.type(), a.type());
                    assertTrue(a.nested());
                    assertSameTree(n.children(), Attributes.parse(a.value()));
                }
            }
        }
    }

    @Property
    void attributeTreesSurviveBuildAndParse(@ForAll("trees") List<Node> tree,
                                            @ForAll @IntRange(max = 0xffff) int type,
                                            @ForAll @IntRange(max = 0xffff) int flags,
                                            @ForAll @Size(max = 20) byte[] fixedHeader) throws MalformedMessageException {
        MessageBuilder b = new MessageBuilder(type, flags);
        for (byte x : fixedHeader) {
            b.u8(x);
        }
        write(b.align(), tree);
        byte[] built = b.build();

        List<NetlinkMessage> parsed = NetlinkMessage.parseAll(built, built.length);
        assertEquals(1, parsed.size());
        NetlinkMessage m = parsed.getFirst();
        assertEquals(List.of(type, flags, 0, 0), List.of(m.type(), m.flags(), m.seq(), m.pid()));
        assertArrayEquals(fixedHeader, Arrays.copyOf(m.payload(), fixedHeader.length));
        assertSameTree(tree, m.attributes(fixedHeader.length));
        assertArrayEquals(built, m.encode());
    }

    @Property
    void typedValuesReadBackAsWritten(@ForAll byte u8, @ForAll short u16, @ForAll int s32, @ForAll long u64,
                                      @ForAll("names") String name) throws MalformedMessageException {
        byte[] built = new MessageBuilder(1, 0).attrU8(1, u8).attrU16(2, u16).attrU32(3, s32).attrU64(4, u64)
                .attrString(5, name).attrFlag(6).build();
        Attributes a = NetlinkMessage.parseAll(built, built.length).getFirst().attributes(0);
        assertEquals(Byte.toUnsignedInt(u8), a.u8(1, -1));
        assertEquals(Short.toUnsignedInt(u16), a.u16(2, -1));
        assertEquals(s32, a.s32(3, 0));
        assertEquals(Integer.toUnsignedLong(s32), a.u32(3, -1));
        assertEquals(u64, a.u64(4, 0));
        assertEquals(name, a.string(5));
        assertEquals(0, a.bytes(6).length);
    }

    @Provide
    Arbitrary<String> names() {
        // no NUL (it ends the string) and no lone surrogates (not encodable as UTF-8)
        return Arbitraries.strings().withCharRange('\u0001', '\ud7ff').ofMaxLength(40);
    }

    @Property
    void messagesBackToBackSplitApart(@ForAll @Size(min = 1, max = 4) List<@From("trees") List<Node>> trees)
            throws MalformedMessageException {
        ByteArrayOutputStream datagram = new ByteArrayOutputStream();
        for (int i = 0; i < trees.size(); i++) {
            MessageBuilder b = new MessageBuilder(100 + i, 0);
            write(b, trees.get(i));
            datagram.writeBytes(b.build());
        }
        byte[] d = datagram.toByteArray();
        List<NetlinkMessage> parsed = NetlinkMessage.parseAll(d, d.length);
        assertEquals(trees.size(), parsed.size());
        for (int i = 0; i < trees.size(); i++) {
            assertEquals(100 + i, parsed.get(i).type());
            assertSameTree(trees.get(i), parsed.get(i).attributes(0));
        }
    }
}
