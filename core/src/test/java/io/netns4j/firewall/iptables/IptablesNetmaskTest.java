package io.netns4j.firewall.iptables;

import io.netns4j.firewall.Family;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.Rule;
import io.netns4j.internal.netlink.nft.NftExpression;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -s}/{@code -d ADDR/MASK} as iptables 1.8.9 reads, writes and prints them: a
 * non-contiguous netmask becomes iptables-nft's whole-address load, bitwise AND and cmp (the
 * address ANDed with the mask), read back to the same rule and printed with the mask in
 * address form; a contiguous one, in whatever form, is the prefix length. No root (the oracle
 * compares the same cases with the real iptables).
 */
class IptablesNetmaskTest {
    /** Family, arguments, nft text, -S line, the source and destination columns of -L -n. */
    private static final String[][] CASES = {
            {"ip", "-A INPUT -s 10.0.0.5/255.0.255.0 -j ACCEPT", "ip saddr & 255.0.255.0 == 10.0.0.0 counter accept",
                    "-A INPUT -s 10.0.0.0/255.0.255.0 -j ACCEPT", " 10.0.0.0/255.0.255.0  0.0.0.0/0           "},
            {"ip", "-A INPUT ! -d 10.1.0.0/255.0.255.0", "ip daddr & 255.0.255.0 != 10.0.0.0 counter",
                    "-A INPUT ! -d 10.0.0.0/255.0.255.0", " 0.0.0.0/0           !10.0.0.0/255.0.255.0 "},
            {"ip", "-A INPUT -s 10.1.2.3/0xff.0.0377.0", "ip saddr & 255.0.255.0 == 10.0.2.0 counter",
                    "-A INPUT -s 10.0.2.0/255.0.255.0", " 10.0.2.0/255.0.255.0  0.0.0.0/0           "},
            {"ip", "-A INPUT -s 10.1.2.3/255.255.255.0", "ip saddr 10.1.2.0/24 counter",
                    "-A INPUT -s 10.1.2.0/24", " 10.1.2.0/24          0.0.0.0/0           "},
            {"ip", "-A INPUT -s 10.1.2.3/0x18", "ip saddr 10.1.2.0/24 counter",
                    "-A INPUT -s 10.1.2.0/24", " 10.1.2.0/24          0.0.0.0/0           "},
            {"ip", "-A INPUT -s 10.1.2.3/010", "ip saddr 10.0.0.0/8 counter",
                    "-A INPUT -s 10.0.0.0/8", " 10.0.0.0/8           0.0.0.0/0           "},
            {"ip6", "-A INPUT -s 2001:db8:1:2::5/ffff:0:ffff::", "ip6 saddr & ffff:0:ffff:: == 2001:0:1:: counter",
                    "-A INPUT -s 2001:0:1::/ffff:0:ffff::", " 2001:0:1::/ffff:0:ffff::  ::/0                "},
            {"ip6", "-A INPUT -s ::ffff:10.1.2.3/::ffff:255.0.255.0",
                    "ip6 saddr & ::ffff:ff00:ff00 == ::ffff:a00:200 counter",
                    "-A INPUT -s ::ffff:10.0.2.0/::ffff:255.0.255.0",
                    " ::ffff:10.0.2.0/::ffff:255.0.255.0  ::/0                "},
            {"ip6", "-A INPUT -d 2001:db8::/ffff:ffff::", "ip6 daddr 2001:db8::/32 counter",
                    "-A INPUT -d 2001:db8::/32", " ::/0                 2001:db8::/32       "},
    };

    private static Family family(String f) {
        return f.equals("ip6") ? Family.IP6 : Family.IP;
    }

    @Test
    void masksAreParsedWrittenReadBackAndPrintedAsIptablesDoes() throws IptablesSyntaxException {
        IptablesText.Format numeric = new IptablesText.Format(true, false, false, false);
        for (String[] c : CASES) {
            Family family = family(c[0]);
            Rule r = IptablesCommandLine.parse(c[1], family).rule().orElseThrow();
            assertEquals(c[2], r.toNft(), c[1]);
            IptablesText text = new IptablesText(family);
            assertEquals(c[3], text.saveRule("INPUT", r, false), c[1]);
            String listed = text.listRule(1, r, numeric);
            assertTrue(listed.contains(c[4]), c[1] + ": " + listed);
            IptablesNftWriter.Encoded e = IptablesNftWriter.encode(r, family);
            assertEquals(r, IptablesNftReader.read(e.expressions(), family), "read back: " + c[1]);
            assertEquals(IptablesCommandLine.parse(c[3], family).rule().orElseThrow(), r, "-S parses back: " + c[3]);
        }
    }

    @Test
    void aNonContiguousMaskIsAWholeAddressLoadAndAnAnd() throws IptablesSyntaxException {
        Rule r = IptablesCommandLine.parse("-A INPUT -s 10.0.0.5/255.0.255.0 -j ACCEPT", Family.IP).rule().orElseThrow();
        List<NftExpression> x = IptablesNftWriter.encode(r, Family.IP).expressions();
        NftExpression.Payload load = assertInstanceOf(NftExpression.Payload.class, x.get(0));
        assertEquals(12, load.offset());
        assertEquals(4, load.length());
        NftExpression.Bitwise and = assertInstanceOf(NftExpression.Bitwise.class, x.get(1));
        assertEquals("ff00ff00", HexFormat.of().formatHex(and.mask()));
        assertEquals("00000000", HexFormat.of().formatHex(and.xor()));
        NftExpression.Cmp cmp = assertInstanceOf(NftExpression.Cmp.class, x.get(2));
        assertEquals("0a000000", HexFormat.of().formatHex(cmp.data()));
        Match.Address a = (Match.Address) r.matches().getFirst();
        assertEquals("255.0.255.0", a.mask().getHostAddress());
        assertNull(new Match.Address(false, a.prefix(), false, null).mask());
    }

    @Test
    void badMasksAreRefusedAsIptablesRefusesThem() {
        String[][] bad = {
                {"ip", "-A INPUT -s 10.0.0.0/255.0.255"}, {"ip", "-A INPUT -s 10.0.0.0/255.0.255.0."},
                {"ip", "-A INPUT -s 10.0.0.0/255..0.0"}, {"ip", "-A INPUT -s 10.0.0.0/256.0.0.0"},
                {"ip", "-A INPUT -s 10.0.0.0/255.0.x.0"}, {"ip", "-A INPUT -s 10.0.0.0/ffff::"},
                {"ip", "-A INPUT -s 10.0.0.0/08"}, {"ip", "-A INPUT -s 10.0.0.0/33"}, {"ip", "-A INPUT -s 10.0.0.0/"},
                {"ip", "-A INPUT ! -s 10.0.0.0/0.0.0.0"}, {"ip6", "-A INPUT -s 2001:db8::/255.0.0.0"},
                {"ip6", "-A INPUT -s 2001:db8::/ffff:::1"}, {"ip6", "-A INPUT ! -s 2001:db8::/::"},
                {"ip6", "-A INPUT -s 2001:db8::/129"},
        };
        for (String[] b : bad) {
            IptablesSyntaxException e = assertThrows(IptablesSyntaxException.class,
                    () -> IptablesCommandLine.parse(b[1], family(b[0])), b[1]);
            assertTrue(e.getMessage().contains("mask") || e.getMessage().contains("match no packet")
                    || e.getMessage().contains("prefix length"), b[1] + ": " + e.getMessage());
        }
    }

    @Test
    void strtoulBaseZero() {
        assertEquals(24, IptablesFixedOptions.strtoui("24", 32));
        assertEquals(24, IptablesFixedOptions.strtoui("0x18", 32));
        assertEquals(8, IptablesFixedOptions.strtoui("010", 32));
        assertEquals(0, IptablesFixedOptions.strtoui("0", 32));
        assertEquals(24, IptablesFixedOptions.strtoui("+24", 32));
        assertEquals(-1, IptablesFixedOptions.strtoui("33", 32));
        assertEquals(-1, IptablesFixedOptions.strtoui("08", 32));
        assertEquals(-1, IptablesFixedOptions.strtoui("0x", 32));
        assertEquals(-1, IptablesFixedOptions.strtoui("", 32));
        assertEquals(-1, IptablesFixedOptions.strtoui("-1", 32));
    }
}
