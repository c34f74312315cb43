package io.netns4j.firewall.iptables;

import io.netns4j.firewall.Family;
import io.netns4j.firewall.Rule;
import io.netns4j.internal.netlink.nft.NftExpression;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The xt matches and targets iptables-nft 1.8.9 writes through nft_compat, byte for byte as the
 * real {@code iptables} wrote them on x86_64 (captured from its rules in a namespace), read back
 * to the same rule, and printed by {@code -S} and {@code -L} as iptables prints them. No root.
 */
class IptablesXtEncodingTest {
    /** Program ("iptables"/"ip6tables"), arguments, the xt expression, the -S line, the -L tail. */
    private static final String[][] CASES = {
            {"iptables", "-A INPUT -m connmark --mark 3/0xff -j ACCEPT", "match[connmark rev 1 03000000ff0000000000000000000000]",
                    "-A INPUT -m connmark --mark 0x3/0xff -j ACCEPT", "connmark match  0x3/0xff"},
            {"iptables", "-A INPUT -m connmark ! --mark 3 -j ACCEPT", "match[connmark rev 1 03000000ffffffff0100000000000000]",
                    "-A INPUT -m connmark ! --mark 0x3 -j ACCEPT", "connmark match ! 0x3"},
            {"iptables", "-A INPUT -m iprange --src-range 10.0.0.1-10.0.0.5 -j ACCEPT",
                    "match[iprange rev 1 0a000001000000000000000000000000" + "0a000005000000000000000000000000"
                            + "0".repeat(64) + "0100000000000000]",
                    "-A INPUT -m iprange --src-range 10.0.0.1-10.0.0.5 -j ACCEPT", "source IP range 10.0.0.1-10.0.0.5"},
            {"iptables", "-A INPUT -m iprange ! --dst-range 10.0.0.1-10.0.0.5 --src-range 1.1.1.1 -j ACCEPT",
                    "match[iprange rev 1 01010101000000000000000000000000" + "01010101000000000000000000000000"
                            + "0a000001000000000000000000000000" + "0a000005000000000000000000000000" + "2300000000000000]",
                    "-A INPUT -m iprange --src-range 1.1.1.1-1.1.1.1 ! --dst-range 10.0.0.1-10.0.0.5 -j ACCEPT",
                    "source IP range 1.1.1.1-1.1.1.1 destination IP range ! 10.0.0.1-10.0.0.5"},
            {"ip6tables", "-A INPUT -m iprange --src-range ::1-::5 -j ACCEPT",
                    "match[iprange rev 1 00000000000000000000000000000001" + "00000000000000000000000000000005"
                            + "0".repeat(64) + "0100000000000000]",
                    "-A INPUT -m iprange --src-range ::1-::5 -j ACCEPT", "source IP range ::1-::5"},
            {"iptables", "-A INPUT -m length --length 10:100 -j ACCEPT", "match[length rev 0 0a00640000000000]",
                    "-A INPUT -m length --length 10:100 -j ACCEPT", "length 10:100"},
            {"iptables", "-A INPUT -m length ! --length 10 -j ACCEPT", "match[length rev 0 0a000a0001000000]",
                    "-A INPUT -m length ! --length 10 -j ACCEPT", "length !10"},
            {"iptables", "-A INPUT -m length --length 100: -j ACCEPT", "match[length rev 0 6400ffff00000000]",
                    "-A INPUT -m length --length 100:65535 -j ACCEPT", "length 100:65535"},
            {"iptables", "-A INPUT -m ttl ! --ttl-eq 5 -j ACCEPT", "match[ttl rev 0 0105000000000000]",
                    "-A INPUT -m ttl ! --ttl-eq 5 -j ACCEPT", "TTL match TTL != 5"},
            {"iptables", "-A INPUT -m ttl --ttl-gt 5 -j ACCEPT", "match[ttl rev 0 0305000000000000]",
                    "-A INPUT -m ttl --ttl-gt 5 -j ACCEPT", "TTL match TTL > 5"},
            {"ip6tables", "-A INPUT -m hl --hl-lt 5 -j ACCEPT", "match[hl rev 0 0205000000000000]",
                    "-A INPUT -m hl --hl-lt 5 -j ACCEPT", "HL match HL < 5"},
            {"iptables", "-A INPUT -m pkttype --pkt-type broadcast -j ACCEPT", "match[pkttype rev 0 0100000000000000]",
                    "-A INPUT -m pkttype --pkt-type broadcast -j ACCEPT", "PKTTYPE = broadcast"},
            {"iptables", "-A INPUT -m pkttype ! --pkt-type host -j ACCEPT", "match[pkttype rev 0 0000000001000000]",
                    "-A INPUT -m pkttype ! --pkt-type unicast -j ACCEPT", "PKTTYPE != unicast"},
            {"iptables", "-A INPUT -m addrtype --src-type LOCAL,UNICAST --limit-iface-in -j ACCEPT",
                    "match[addrtype rev 1 0600000004000000]",
                    "-A INPUT -m addrtype --src-type UNICAST,LOCAL --limit-iface-in -j ACCEPT",
                    "ADDRTYPE match src-type UNICAST,LOCAL limit-in"},
            {"iptables", "-A INPUT -m addrtype ! --dst-type LOCAL -j ACCEPT", "match[addrtype rev 1 0000040002000000]",
                    "-A INPUT -m addrtype ! --dst-type LOCAL -j ACCEPT", "ADDRTYPE match dst-type !LOCAL"},
            {"iptables", "-A OUTPUT -m addrtype --dst-type BLACKHOLE --limit-iface-out -j ACCEPT",
                    "match[addrtype rev 1 0000400008000000]",
                    "-A OUTPUT -m addrtype --dst-type BLACKHOLE --limit-iface-out -j ACCEPT",
                    "ADDRTYPE match dst-type BLACKHOLE limit-out"},
    };

    /** conntrack revision 3 with options beyond --ctstate (captured from iptables-nft 1.8.9). */
    private static final String[][] CONNTRACK = {
            {"iptables", "-A INPUT -m conntrack --ctproto tcp -j ACCEPT",
                    "match[conntrack rev 3 00000000000000000000000000000000000000000000000000000000000000000000000000"
                            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                            + "0000000600000000000000000002000000000000000000000000000000000000000000]",
                    "-A INPUT -m conntrack --ctproto 6 -j ACCEPT", "ctproto 6"},
            {"iptables", "-A INPUT -m conntrack --ctstate NEW --ctproto tcp --ctorigsrc 1.1.1.1 --ctorigdstport 22"
                    + " --ctstatus ASSURED --ctexpire 5:6 --ctdir ORIGINAL -j ACCEPT",
                    "match[conntrack rev 3 01010101000000000000000000000000ffffffffffffffffffffffffffffffff0000000000"
                            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000500000006"
                            + "00000006000000160000000000c7120000080004000000160000000000000000000000]",
                    "-A INPUT -m conntrack --ctstate NEW --ctproto 6 --ctorigsrc 1.1.1.1 --ctorigdstport 22 --ctstatus"
                            + " ASSURED --ctexpire 5:6 --ctdir ORIGINAL -j ACCEPT",
                    "ctstate NEW ctproto 6 ctorigsrc 1.1.1.1 ctorigdstport 22 ctstatus ASSURED ctexpire 5:6 ctdir ORIGINAL"},
            {"iptables", "-A INPUT -m conntrack ! --ctorigdstport 80:90 -j ACCEPT",
                    "match[conntrack rev 3 00000000000000000000000000000000000000000000000000000000000000000000000000"
                            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                            + "00000000000000500000000000000200020000000000005a0000000000000000000000]",
                    "-A INPUT -m conntrack ! --ctorigdstport 80:90 -j ACCEPT", "! ctorigdstport 80:90"},
            {"ip6tables", "-A INPUT -m conntrack --ctorigsrc 2001:db8::/32 ! --ctrepldst ::1 -j ACCEPT",
                    "match[conntrack rev 3 20010db8000000000000000000000000ffffffff0000000000000000000000000000000000"
                            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                            + "000000000000000000000000000000000000000000000000000001ffffffffffffffffffffffffffffffff0000000000"
                            + "0000000000000000000000000024002000000000000000000000000000000000000000]",
                    "-A INPUT -m conntrack --ctorigsrc 2001:db8::/32 ! --ctrepldst ::1 -j ACCEPT",
                    "ctorigsrc 2001:db8::/32 ! ctrepldst ::1"},
    };

    /** The same for targets (bytes captured from iptables-nft 1.8.9). */
    private static final String[][] TARGETS = {
            {"iptables", "-A INPUT -j LOG --log-tcp-options --log-ip-options --log-uid --log-macdecode --log-prefix x"
                    + " --log-level 7", "target[LOG rev 0 072e78" + "0".repeat(58) + "]",
                    "-A INPUT -j LOG --log-prefix x --log-level 7 --log-tcp-options --log-ip-options --log-uid"
                            + " --log-macdecode", "LOG flags 46 level 7 prefix \"x\""},
            {"ip6tables", "-A INPUT -j LOG --log-ip-options --log-uid", "target[LOG rev 0 040c" + "0".repeat(60) + "]",
                    "-A INPUT -j LOG --log-ip-options --log-uid", "LOG flags 12 level 4"},
            {"iptables", "-A INPUT -j CONNMARK --set-mark 3/0xff", "target[CONNMARK rev 2 03000000ff000000ffffffff00000000]",
                    "-A INPUT -j CONNMARK --set-xmark 0x3/0xff", "CONNMARK xset 0x3/0xff"},
            {"iptables", "-A INPUT -j CONNMARK --and-mark 3", "target[CONNMARK rev 2 00000000fcffffffffffffff00000000]",
                    "-A INPUT -j CONNMARK --set-xmark 0x0/0xfffffffc", "CONNMARK and 0x3"},
            {"iptables", "-A INPUT -j CONNMARK --save-mark", "target[CONNMARK rev 2 00000000ffffffffffffffff00000100]",
                    "-A INPUT -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff", "CONNMARK save"},
            {"iptables", "-A INPUT -j CONNMARK --save-mark --nfmask 0xff",
                    "target[CONNMARK rev 2 00000000ffffffffff00000000000100]",
                    "-A INPUT -j CONNMARK --save-mark --nfmask 0xff --ctmask 0xffffffff",
                    "CONNMARK save nfmask 0xff ctmask ~0xffffffff"},
            {"iptables", "-A INPUT -j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xf0",
                    "target[CONNMARK rev 2 00000000f0000000ff00000000000200]",
                    "-A INPUT -j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xf0",
                    "CONNMARK restore ctmask 0xf0 nfmask ~0xff"},
            {"iptables", "-A INPUT -j CONNMARK --restore-mark --mask 0xff",
                    "target[CONNMARK rev 2 00000000ff000000ff00000000000200]",
                    "-A INPUT -j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xff", "CONNMARK restore mask 0xff"},
            {"iptables", "-t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 8080-8090 --random",
                    "target[REDIRECT rev 0 010000000600000000000000000000001f901f9a00000000]",
                    "-A PREROUTING -p tcp -j REDIRECT --to-ports 8080-8090 --random", "redir ports 8080-8090 random"},
            {"ip6tables", "-t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 8080",
                    "target[REDIRECT rev 0 02000000" + "0".repeat(64) + "1f901f90]",
                    "-A PREROUTING -p tcp -j REDIRECT --to-ports 8080", "redir ports 8080"},
            {"iptables", "-t nat -A POSTROUTING -j MASQUERADE --random-fully",
                    "target[MASQUERADE rev 0 010000001000000000000000000000000000000000000000]",
                    "-A POSTROUTING -j MASQUERADE --random-fully", "random-fully"},
            {"iptables", "-t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 1000-2000",
                    "target[MASQUERADE rev 0 0100000002000000000000000000000003e807d000000000]",
                    "-A POSTROUTING -p tcp -j MASQUERADE --to-ports 1000-2000", "masq ports: 1000-2000"},
            {"ip6tables", "-t nat -A POSTROUTING -j MASQUERADE --random-fully --random",
                    "target[MASQUERADE rev 0 14" + "0".repeat(78) + "]",
                    "-A POSTROUTING -j MASQUERADE --random --random-fully", "random random-fully"},
            {"iptables", "-t nat -A POSTROUTING -j SNAT --to-source 1.2.3.4 --persistent --random",
                    "target[SNAT rev 0 010000000d00000001020304010203040000000000000000]",
                    "-A POSTROUTING -j SNAT --to-source 1.2.3.4 --random --persistent", "to:1.2.3.4 random persistent"},
            {"ip6tables", "-t nat -A POSTROUTING -j SNAT --to-source ::1 --persistent --random",
                    "target[SNAT rev 1 0d000000" + "0".repeat(30) + "01" + "0".repeat(30) + "0100000000]",
                    "-A POSTROUTING -j SNAT --to-source ::1 --random --persistent", "to:::1 random persistent"},
            {"iptables", "-t nat -A PREROUTING -j DNAT --to-destination 1.2.3.4 --random --persistent",
                    "target[DNAT rev 2 0d000000010203040000000000000000000000000102030400000000000000000000000000000000"
                            + "0000000000000000]",
                    "-A PREROUTING -j DNAT --to-destination 1.2.3.4 --random --persistent", "to:1.2.3.4 random persistent"},
    };

    static Family family(String program) {
        return program.equals("ip6tables") ? Family.IP6 : Family.IP;
    }

    static NftExpression.Xt xt(Rule rule, Family family) {
        List<NftExpression> e = IptablesNftWriter.encode(rule, family).expressions();
        return e.stream().filter(NftExpression.Xt.class::isInstance).map(NftExpression.Xt.class::cast)
                .reduce((a, b) -> b.target() ? b : a).orElseThrow();
    }

    static void check(String[] c) throws IptablesSyntaxException {
        Family family = family(c[0]);
        Rule rule = IptablesCommandLine.parse(c[1], family).rule().orElseThrow();
        assertEquals(c[2], xt(rule, family).toString(), c[1]);
        List<NftExpression> encoded = IptablesNftWriter.encode(rule, family).expressions();
        assertEquals(rule.withoutCounts(), IptablesNftReader.read(encoded, family).withoutCounts(), c[1]);
        IptablesText text = new IptablesText(family);
        assertEquals(c[3], text.saveRule(c[3].split(" ")[1], rule, false), c[1]);
        String listed = text.listRule(1, rule, new IptablesText.Format(true, false, false, false));
        assertTrue(listed.endsWith(" " + c[4]), listed + " should end with " + c[4]);
        Rule again = IptablesCommandLine.parse(c[3], family).rule().orElseThrow();
        assertEquals(rule.withoutCounts(), again.withoutCounts(), "-S reads back: " + c[3]);
    }

    @Test
    void matchesAreTheBytesIptablesNftWrites() throws IptablesSyntaxException {
        for (String[] c : CASES) {
            check(c);
        }
    }

    @Test
    void conntrackOptionsAreTheBytesIptablesNftWrites() throws IptablesSyntaxException {
        for (String[] c : CONNTRACK) {
            check(c);
        }
    }

    @Test
    void targetsAreTheBytesIptablesNftWrites() throws IptablesSyntaxException {
        for (String[] c : TARGETS) {
            check(c);
        }
    }

    @Test
    void listingWithoutNumbersNamesLevelsAndFlagsAsIptablesDoes() throws IptablesSyntaxException {
        IptablesText text = new IptablesText(Family.IP);
        IptablesText.Format names = new IptablesText.Format(false, false, false, false);
        Rule log = IptablesCommandLine.parse("-A INPUT -j LOG --log-tcp-sequence --log-tcp-options --log-ip-options"
                + " --log-uid --log-macdecode --log-prefix x", Family.IP).rule().orElseThrow();
        String listed = text.listRule(1, log, names);
        assertTrue(listed.endsWith(" LOG level warn tcp-sequence tcp-options ip-options uid macdecode prefix \"x\""),
                listed);
        Rule err = IptablesCommandLine.parse("-A INPUT -j LOG --log-level 3", Family.IP).rule().orElseThrow();
        assertTrue(text.listRule(1, err, names).endsWith(" LOG level err"), text.listRule(1, err, names));
    }

    @Test
    void theWriterRefusesFlagsIptablesCannotSay() {
        Rule dnat = Rule.of(new io.netns4j.firewall.Verdict.Nat(false, "1.2.3.4", null,
                java.util.Set.of(io.netns4j.firewall.NatFlag.RANDOM_FULLY)));
        assertThrows(IllegalArgumentException.class, () -> IptablesNftWriter.encode(dnat, Family.IP));
        Rule masq = Rule.of(new io.netns4j.firewall.Verdict.Masquerade(null,
                java.util.Set.of(io.netns4j.firewall.NatFlag.PERSISTENT)));
        assertThrows(IllegalArgumentException.class, () -> IptablesNftWriter.encode(masq, Family.IP));
    }

    @Test
    void readerRefusesStructuresItCannotSay() {
        byte[] bad = HexFormat.of().parseHex("0000000009000000"); // addrtype with no types but an invert flag
        var r = IptablesNftReader.read(List.of(new NftExpression.Xt(false, "addrtype", 1, bad)), Family.IP);
        assertTrue(r.matches().getFirst() instanceof io.netns4j.firewall.Match.Unsupported, r.toString());
        var ttl = IptablesNftReader.read(List.of(new NftExpression.Xt(false, "ttl", 0,
                HexFormat.of().parseHex("0505000000000000"))), Family.IP);
        assertTrue(ttl.matches().getFirst() instanceof io.netns4j.firewall.Match.Unsupported, ttl.toString());
    }

    @Test
    void refusalsAreIptables() {
        String[][] bad = {
                {"-A INPUT -m connmark -j ACCEPT", "option \"--mark\" must be specified"},
                {"-A INPUT -m connmark --mark 1 --mark 2", "can only be used once"},
                {"-A INPUT -m iprange", "You must specify `--src-range' or `--dst-range'"},
                {"-A INPUT -m iprange --src-range ::1-::2", "Bad value for \"--src-range\""},
                {"-A INPUT -m iprange --src-range 1.1.1.1 -m iprange --dst-range 1.1.1.2", "one per rule"},
                {"-A INPUT -m length --length 65536", "out of range (0-65535)"},
                {"-A INPUT -m length --length 1:2:3", "Too many components"},
                {"-A INPUT -m ttl --ttl-eq 5 --ttl-lt 3", "cannot be used together"},
                {"-A INPUT -m ttl ! --ttl-lt 3", "cannot be inverted"},
                {"-A INPUT -m hl --hl-eq 3", "iptables has -m ttl"},
                {"-A INPUT -m pkttype --pkt-type 1", "Bad packet type '1'"},
                {"-A INPUT -m addrtype --limit-iface-in", "you must specify --src-type or --dst-type"},
                {"-A INPUT -m addrtype --src-type LOCAL --limit-iface-in --limit-iface-out", "cannot be used together"},
                {"-A INPUT -m addrtype --src-type LOCAL,", "bad type \"\""},
                {"-A INPUT --src-range 1.1.1.1", "\"-m iprange\" before it"},
                {"-A INPUT -j CONNMARK", "No operation specified"},
                {"-A INPUT -m conntrack", "-m conntrack needs --ctstate"},
                {"-A INPUT -m conntrack --ctproto tcp --ctproto udp", "can only be used once"},
                {"-A INPUT -m conntrack --ctdir SIDEWAYS", "ORIGINAL or REPLY"},
                {"-A INPUT -m conntrack ! --ctdir REPLY", "cannot be inverted"},
                {"-A INPUT -m conntrack --ctexpire 20:10", "above the maximum"},
                {"-A INPUT -m conntrack --ctorigsrc 1.2.3.4/32", "leave out the /32"},
                {"-A INPUT -m conntrack --ctproto tcp -m conntrack --ctstatus NONE", "give their options to one"},
                {"-A INPUT --ctproto tcp", "\"-m conntrack\" before it"},
                {"-A INPUT -j CONNMARK --save-mark --restore-mark", "cannot be used together"},
                {"-A INPUT -j CONNMARK --save-mark --mask 1 --nfmask 2", "cannot be used together"},
                {"-A INPUT -j CONNMARK --and-mark 1/2", "without a mask"},
                {"-t nat -A PREROUTING -j REDIRECT --to-ports 80", "Need TCP, UDP, SCTP or DCCP"},
                {"-t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 80 --to-ports 81", "can only be used once"},
                {"-t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 80:90", "use dash"},
                {"-t nat -A PREROUTING -j DNAT --to-destination 1.2.3.4 --random-fully", "\"-j SNAT\" before it"},
                {"-t nat -A POSTROUTING -j MASQUERADE --persistent", "\"-j SNAT\" before it"},
                {"-t nat -A POSTROUTING -j SNAT --random", "\"--to-source\" must be specified"},
        };
        for (String[] b : bad) {
            IptablesSyntaxException e = assertThrows(IptablesSyntaxException.class,
                    () -> IptablesCommandLine.parse(b[0], Family.IP), b[0]);
            assertTrue(e.getMessage().contains(b[1]), b[0] + ": " + e.getMessage());
        }
    }
}
