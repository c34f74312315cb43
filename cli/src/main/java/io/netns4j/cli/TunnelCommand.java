package io.netns4j.cli;

import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.error.NotSupportedException;
import io.netns4j.link.Link;
import io.netns4j.link.LinkKind;
import io.netns4j.link.LinkRequest;
import io.netns4j.link.Links;

import java.util.List;
import java.util.Set;

/**
 * {@code netns4j tunnel ...}: {@code ip tunnel} (ip-tunnel(8)) add, change, del and show for the
 * classic tunnels, with ip 6.1's words (ip/iptunnel.c, ip/ip6tunnel.c). iproute2 does these with
 * ioctls on the fallback devices (tunl0, gre0, sit0, ip_vti0, ip6tnl0, ip6gre0, ip6_vti0); netns4j
 * makes the same device with the same settings by rtnetlink ({@code link add NAME type ipip|gre|sit|
 * vti|ip6tnl|ip6gre|vti6}), changes it as {@code link set ... type KIND} does (read, apply, send),
 * and shows it from the link dump in ip's format ({@link TunnelShow}). {@code prl}, {@code 6rd},
 * isatap and the ioctl-only settings of vti tunnels (ttl, tos, pmtudisc) are refused by name.
 */
final class TunnelCommand implements ObjectCommand {
    static final String FORM = "tunnel { add | change | del | show } [ NAME ] [ mode { gre | ipip | sit | vti |"
            + " ip6ip6 | ipip6 | ip6gre | vti6 | any } ] [ remote ADDR ] [ local ADDR ] [ [i|o]seq ] [ [i|o]key KEY ]"
            + " [ [i|o]csum ] [ ttl TTL ] [ tos TOS ] [ [no]pmtudisc ] [ dev PHYS_DEV ] [ encaplimit ELIM ]"
            + " [ tclass TCLASS ] [ flowlabel FLOWLABEL ]";

    /** ip's IPv6 modes: one of them after {@code mode} makes {@code ip tunnel} an {@code ip -6 tunnel}. */
    private static final Set<String> IPV6_MODES = Set.of("ipv6/ipv6", "ip6ip6", "vti6", "ip/ipv6", "ipv4/ipv6",
            "ipip6", "ip4ip6", "ip6gre", "gre/ipv6", "any/ipv6", "any");
    /** The devices each tunnel module makes in every namespace: the kernel does not delete them. */
    private static final Set<String> FALLBACK = Set.of("tunl0", "gre0", "sit0", "ip_vti0", "ip6tnl0", "ip6gre0",
            "ip6_vti0");
    /** ENODEV, EPERM, EOPNOTSUPP, as the ioctls answer. */
    private static final int ENODEV = 19;
    private static final int EPERM = 1;
    private static final int EOPNOTSUPP = 95;

    /** A parsed command line: the verb, IPv6 or not, and the words read as ip reads them. */
    record Parsed(String verb, boolean ipv6, TunnelWords words) {
    }

    static Parsed parse(GlobalOptions options, List<String> args) throws UsageException {
        boolean ipv6 = "inet6".equals(options.family());
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals("mode")) {
                ipv6 |= IPV6_MODES.contains(args.get(i + 1));
                break;
            }
        }
        if (options.family() != null && !options.family().equals("inet") && !options.family().equals("inet6")) {
            throw new UsageException("\"tunnel\" takes -4 or -6, not the " + options.family() + " family.");
        }
        if (args.isEmpty()) {
            return new Parsed("show", ipv6, TunnelWords.parse(List.of(), ipv6, "show"));
        }
        String verb = Keywords.resolve(args.getFirst(), "add", "change", "delete", "show", "lst", "list", "prl",
                "6rd", "help");
        if (verb == null) {
            throw new UsageException("Command \"" + args.getFirst() + "\" is unknown, try \"netns4j tunnel help\".");
        }
        verb = switch (verb) {
            case "lst", "list" -> "show";
            case "delete" -> "del";
            default -> verb;
        };
        if (verb.equals("prl") || verb.equals("6rd")) {
            throw new UsageException("\"tunnel " + verb + "\" (the potential router list and 6rd of sit tunnels) is not"
                    + " supported by netns4j yet.");
        }
        if (verb.equals("help")) {
            return new Parsed(verb, ipv6, null);
        }
        List<String> rest = args.subList(1, args.size());
        return new Parsed(verb, ipv6, TunnelWords.parse(rest, ipv6, verb));
    }

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        Parsed p = parse(options, args);
        if (p.verb().equals("add")) {
            p.words().kind(); // every check ip makes, before anything is opened
        }
        if (List.of("add", "change", "del").contains(p.verb()) && p.words().name() == null) {
            throw new UsageException("\"tunnel " + p.verb() + "\" needs the tunnel's NAME" + (p.verb().equals("add")
                    ? " here (ip lets the kernel pick gre1, tunl1, ...)" : "") + ": the form is \"netns4j " + FORM
                    + "\".");
        }
        if (p.verb().equals("show") && options.stats() > 0) {
            throw new UsageException("\"-s tunnel show\" (the tunnels' counters) is not supported by netns4j yet.");
        }
    }

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        Parsed p = parse(ctx.options, args);
        TunnelWords w = p.words();
        Links links = ctx.namespace().links();
        switch (p.verb()) {
            case "help" -> ctx.out.println("Usage: netns4j " + FORM);
            case "add" -> add(links, w);
            case "change" -> change(links, w);
            case "del" -> delete(links, w);
            default -> {
                return TunnelShow.show(ctx, links, w);
            }
        }
        return 0;
    }

    private static void add(Links links, TunnelWords w) throws UsageException, NetnsException {
        if (w.name() == null) {
            throw new UsageException("\"tunnel add\" needs a NAME here (ip lets the kernel pick gre1, tunl1, ...):"
                    + " the form is \"netns4j " + FORM + "\".");
        }
        LinkKind kind = w.kind();
        try {
            links.add(LinkRequest.create(w.name(), kind));
        } catch (NetnsException e) {
            throw again(e, "add tunnel \"" + w.name() + "\" failed: " + e.getMessage());
        }
    }

    private static void change(Links links, TunnelWords w) throws UsageException, NetnsException {
        if (w.name() == null) {
            throw new UsageException("\"tunnel change\" needs the tunnel's NAME: netns4j does not change the fallback"
                    + " device's own settings.");
        }
        Link link = find(links, w.name(), "get");
        if (!TunnelShow.isClassicTunnel(link)) {
            throw new NotSupportedException("get tunnel \"" + w.name() + "\" failed: Operation not supported",
                    EOPNOTSUPP, null);
        }
        String type = w.modeKind(link.kind());
        LinkKind merged = TunnelChange.merged(links, w.name(), type, w.options(), FORM);
        links.set(LinkRequest.change(w.name()).withKindOptions(merged));
    }

    private static void delete(Links links, TunnelWords w) throws UsageException, NetnsException {
        if (w.name() == null) {
            throw new UsageException("\"tunnel del\" needs the tunnel's NAME: the form is \"netns4j tunnel del NAME\".");
        }
        if (FALLBACK.contains(w.name())) {
            throw new NetnsException("delete tunnel \"" + w.name() + "\" failed: Operation not permitted (the tunnel"
                    + " module's fallback device stays while the module is loaded).", EPERM, null);
        }
        Link link = find(links, w.name(), "delete");
        if (!TunnelShow.isClassicTunnel(link)) {
            throw new NotSupportedException("delete tunnel \"" + w.name() + "\" failed: Operation not supported",
                    EOPNOTSUPP, null);
        }
        links.delete(w.name());
    }

    /** The link, or ip's {@code VERB tunnel "NAME" failed: No such device}. */
    static Link find(Links links, String name, String verb) throws NetnsException {
        try {
            return links.get(name);
        } catch (NotFoundException e) {
            throw new NotFoundException(verb + " tunnel \"" + name + "\" failed: No such device", ENODEV,
                    e.kernelMessage());
        }
    }

    private static NetnsException again(NetnsException e, String message) {
        NetnsException n = new NetnsException(message, e.errno(), e.kernelMessage());
        n.initCause(e);
        return n;
    }

}
