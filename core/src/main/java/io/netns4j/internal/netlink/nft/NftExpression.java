package io.netns4j.internal.netlink.nft;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One nf_tables expression of a rule, as {@code nft --debug=netlink} prints it: the kinds
 * iptables-nft writes, and any other kind kept as its raw attributes. Records hold values in
 * wire form (byte arrays as the kernel stores them), so a rule read back equals the rule written.
 */
public sealed interface NftExpression {

    /** The expression's kernel name ({@code meta}, {@code cmp}, ...). */
    String name();

    /** Writes this expression's NFTA_EXPR_DATA attributes. */
    void writeData(MessageBuilder b);

    /** {@code [ meta load KEY => reg DREG ]}. */
    record Meta(int key, int dreg) implements NftExpression {
        public static final int MARK = 3;
        public static final int IIFNAME = 6;
        public static final int OIFNAME = 7;
        public static final int L4PROTO = 16;

        public String name() {
            return "meta";
        }

        public void writeData(MessageBuilder b) {
            b.attr(1, NftChecks.be32(dreg)).attr(2, NftChecks.be32(key));
        }
    }

    /** {@code [ cmp OP reg SREG DATA ]}. */
    record Cmp(int sreg, int op, byte[] data) implements NftExpression {
        public static final int EQ = 0;
        public static final int NEQ = 1;
        public static final int LT = 2;
        public static final int LTE = 3;
        public static final int GT = 4;
        public static final int GTE = 5;

        public Cmp {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        public String name() {
            return "cmp";
        }

        public void writeData(MessageBuilder b) {
            b.attr(1, NftChecks.be32(sreg)).attr(2, NftChecks.be32(op));
            int d = b.beginNested(3);
            b.attr(Nft.DATA_VALUE, data).endNested(d);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cmp c && c.sreg == sreg && c.op == op && Arrays.equals(c.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * sreg + op) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Cmp[" + op + " reg " + sreg + " " + HexFormat.of().formatHex(data) + "]";
        }
    }

    /** {@code [ payload load LEN @ BASE header + OFFSET => reg DREG ]}. */
    record Payload(int base, int offset, int length, int dreg) implements NftExpression {
        public static final int NETWORK = 1;
        public static final int TRANSPORT = 2;

        public String name() {
            return "payload";
        }

        public void writeData(MessageBuilder b) {
            b.attr(1, NftChecks.be32(dreg)).attr(2, NftChecks.be32(base)).attr(3, NftChecks.be32(offset))
                    .attr(4, NftChecks.be32(length));
        }
    }

    /** {@code [ bitwise reg DREG = ( reg SREG & MASK ) ^ XOR ]}. */
    record Bitwise(int sreg, int dreg, byte[] mask, byte[] xor) implements NftExpression {
        public Bitwise {
            if (mask.length != xor.length) {
                throw new IllegalArgumentException("mask and xor differ in length");
            }
            mask = mask.clone();
            xor = xor.clone();
        }

        @Override
        public byte[] mask() {
            return mask.clone();
        }

        @Override
        public byte[] xor() {
            return xor.clone();
        }

        public String name() {
            return "bitwise";
        }

        public void writeData(MessageBuilder b) {
            b.attr(1, NftChecks.be32(sreg)).attr(2, NftChecks.be32(dreg)).attr(3, NftChecks.be32(mask.length));
            int m = b.beginNested(4);
            b.attr(Nft.DATA_VALUE, mask).endNested(m);
            int x = b.beginNested(5);
            b.attr(Nft.DATA_VALUE, xor).endNested(x);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bitwise w && w.sreg == sreg && w.dreg == dreg && Arrays.equals(w.mask, mask)
                    && Arrays.equals(w.xor, xor);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(mask) + Arrays.hashCode(xor);
        }

        @Override
        public String toString() {
            return "Bitwise[& " + HexFormat.of().formatHex(mask) + " ^ " + HexFormat.of().formatHex(xor) + "]";
        }
    }

    /** {@code [ counter pkts P bytes B ]}; counts are ignored by {@link #equals}. */
    record Counter(long packets, long bytes) implements NftExpression {
        public String name() {
            return "counter";
        }

        public void writeData(MessageBuilder b) {
            b.attr(1, NftChecks.be64(bytes)).attr(2, NftChecks.be64(packets));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Counter;
        }

        @Override
        public int hashCode() {
            return 7;
        }
    }

    /** {@code [ immediate reg 0 VERDICT [-> CHAIN] ]}: accept, drop, return, jump, goto. */
    record Immediate(int verdict, String chain) implements NftExpression {
        public String name() {
            return "immediate";
        }

        public void writeData(MessageBuilder b) {
            b.attr(1, NftChecks.be32(Nft.REG_VERDICT));
            int d = b.beginNested(2);
            int v = b.beginNested(Nft.DATA_VERDICT);
            b.attr(Nft.VERDICT_CODE, NftChecks.be32(verdict));
            if (chain != null) {
                b.attrString(Nft.VERDICT_CHAIN, chain);
            }
            b.endNested(v).endNested(d);
        }
    }

    /** {@code [ range OP reg SREG FROM TO ]}: iptables-nft's port ranges. */
    record Range(int sreg, boolean negated, byte[] from, byte[] to) implements NftExpression {
        public Range {
            from = from.clone();
            to = to.clone();
        }

        @Override
        public byte[] from() {
            return from.clone();
        }

        @Override
        public byte[] to() {
            return to.clone();
        }

        public String name() {
            return "range";
        }

        public void writeData(MessageBuilder b) {
            b.attr(1, NftChecks.be32(sreg)).attr(2, NftChecks.be32(negated ? 1 : 0));
            int f = b.beginNested(3);
            b.attr(Nft.DATA_VALUE, from).endNested(f);
            int t = b.beginNested(4);
            b.attr(Nft.DATA_VALUE, to).endNested(t);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Range r && r.sreg == sreg && r.negated == negated && Arrays.equals(r.from, from)
                    && Arrays.equals(r.to, to);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(from) * 31 + Arrays.hashCode(to);
        }

        @Override
        public String toString() {
            return "Range[" + (negated ? "!= " : "") + HexFormat.of().formatHex(from) + "-"
                    + HexFormat.of().formatHex(to) + "]";
        }
    }

    /** {@code [ limit rate R/UNIT burst B type packets flags F ]}; unit in seconds. */
    record Limit(long rate, long unitSeconds, int burst, int type, int flags) implements NftExpression {
        public String name() {
            return "limit";
        }

        public void writeData(MessageBuilder b) {
            b.attr(1, NftChecks.be64(rate)).attr(2, NftChecks.be64(unitSeconds)).attr(3, NftChecks.be32(burst))
                    .attr(4, NftChecks.be32(type)).attr(5, NftChecks.be32(flags));
        }
    }

    /** An xtables extension run by nft_compat: {@code [ match name N rev R ]} or {@code [ target ... ]}. */
    record Xt(boolean target, String xtName, int revision, byte[] info) implements NftExpression {
        public Xt {
            info = info.clone();
        }

        @Override
        public byte[] info() {
            return info.clone();
        }

        public String name() {
            return target ? "target" : "match";
        }

        public void writeData(MessageBuilder b) {
            b.attrString(1, xtName).attr(2, NftChecks.be32(revision)).attr(3, info);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Xt x && x.target == target && x.xtName.equals(xtName) && x.revision == revision
                    && Arrays.equals(x.info, info);
        }

        @Override
        public int hashCode() {
            return xtName.hashCode() * 31 + Arrays.hashCode(info);
        }

        @Override
        public String toString() {
            return name() + "[" + xtName + " rev " + revision + " " + HexFormat.of().formatHex(info) + "]";
        }
    }

    /** Any other expression, kept as its raw data attributes. */
    record Other(String name, Attributes data) implements NftExpression {
        public void writeData(MessageBuilder b) {
            for (Attribute a : data.all()) {
                b.attr(a);
            }
        }
    }

    /** Writes {@code e} as one NFTA_LIST_ELEM. */
    static void write(MessageBuilder b, NftExpression e) {
        int elem = b.beginNested(Nft.LIST_ELEM);
        b.attrString(Nft.EXPR_NAME, e.name());
        int data = b.beginNested(Nft.EXPR_DATA);
        e.writeData(b);
        b.endNested(data).endNested(elem);
    }

    /** Reads one NFTA_LIST_ELEM's attributes. */
    static NftExpression read(Attributes elem) throws MalformedMessageException {
        String name = elem.string(Nft.EXPR_NAME);
        if (name == null) {
            throw new MalformedMessageException("expression without a name");
        }
        Attributes d = elem.has(Nft.EXPR_DATA) ? elem.nested(Nft.EXPR_DATA) : Attributes.empty();
        return switch (name) {
            case "meta" -> d.has(3) ? new Other(name, d) : new Meta(u(d, 2, "meta key"), u(d, 1, "meta dreg"));
            case "cmp" -> new Cmp(u(d, 1, "cmp sreg"), u(d, 2, "cmp op"), value(d, 3, "cmp data"));
            case "payload" -> d.has(5) ? new Other(name, d) : new Payload(u(d, 2, "payload base"),
                    u(d, 3, "payload offset"), u(d, 4, "payload length"), u(d, 1, "payload dreg"));
            case "bitwise" -> bitwise(d);
            case "counter" -> new Counter(NftChecks.be64(d.bytes(2), "counter packets"),
                    NftChecks.be64(d.bytes(1), "counter bytes"));
            case "immediate" -> immediate(d);
            case "range" -> {
                int op = u(d, 2, "range op");
                if (op != 0 && op != 1) {
                    throw new MalformedMessageException("range op " + op);
                }
                yield new Range(u(d, 1, "range sreg"), op == 1, value(d, 3, "range from"), value(d, 4, "range to"));
            }
            case "limit" -> new Limit(NftChecks.be64(d.bytes(1), "limit rate"), NftChecks.be64(d.bytes(2), "limit unit"),
                    u(d, 3, "limit burst"), u(d, 4, "limit type"), d.has(5) ? u(d, 5, "limit flags") : 0);
            case "match", "target" -> new Xt(name.equals("target"), text(d, 1, name + " name"), u(d, 2, name + " rev"),
                    d.has(3) ? d.bytes(3) : new byte[0]);
            default -> new Other(name, d);
        };
    }

    private static NftExpression bitwise(Attributes d) throws MalformedMessageException {
        if (d.has(6) && u(d, 6, "bitwise op") != 0) {
            return new Other("bitwise", d);
        }
        byte[] mask = value(d, 4, "bitwise mask");
        byte[] xor = value(d, 5, "bitwise xor");
        if (mask.length != xor.length || mask.length != u(d, 3, "bitwise length")) {
            throw new MalformedMessageException("bitwise mask, xor and length disagree");
        }
        return new Bitwise(u(d, 1, "bitwise sreg"), u(d, 2, "bitwise dreg"), mask, xor);
    }

    private static NftExpression immediate(Attributes d) throws MalformedMessageException {
        if (u(d, 1, "immediate dreg") != Nft.REG_VERDICT) {
            return new Other("immediate", d);
        }
        Attributes data = nested(d, 2, "immediate data");
        Attributes v = nested(data, Nft.DATA_VERDICT, "immediate verdict");
        return new Immediate(u(v, Nft.VERDICT_CODE, "verdict code"),
                v.has(Nft.VERDICT_CHAIN) ? text(v, Nft.VERDICT_CHAIN, "verdict chain") : null);
    }

    private static int u(Attributes a, int type, String what) throws MalformedMessageException {
        return NftChecks.be32(a.bytes(type), what);
    }

    private static Attributes nested(Attributes a, int type, String what) throws MalformedMessageException {
        if (!a.has(type)) {
            throw new MalformedMessageException(what + " is missing");
        }
        return a.nested(type);
    }

    private static byte[] value(Attributes a, int type, String what) throws MalformedMessageException {
        byte[] v = nested(a, type, what).bytes(Nft.DATA_VALUE);
        if (v == null) {
            throw new MalformedMessageException(what + " has no value");
        }
        return v;
    }

    private static String text(Attributes a, int type, String what) throws MalformedMessageException {
        byte[] v = a.bytes(type);
        if (v == null) {
            throw new MalformedMessageException(what + " is missing");
        }
        int end = 0;
        while (end < v.length && v[end] != 0) {
            end++;
        }
        return new String(v, 0, end, StandardCharsets.UTF_8);
    }
}
