package io.netns4j.cli;

import io.netns4j.error.NetnsException;
import io.netns4j.route.Route;
import io.netns4j.route.RouteFilter;
import io.netns4j.route.RouteLookup;
import io.netns4j.route.Routes;
import io.netns4j.types.InetFamily;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code netns4j route ...}: {@code ip route} with its syntax, output and JSON. Every verb
 * is one call on {@link Routes}; the words are all checked before it. {@code -4} or
 * {@code -6} right after {@code route} picks the family ({@code ip -6 route}).
 */
final class RouteCommand implements ObjectCommand {
    static final String USAGE = """
            Usage: netns4j route [ -4 | -6 ] { list | flush } SELECTOR
                   netns4j route [ -4 | -6 ] get ADDRESS [ from ADDRESS ] [ iif STRING ] [ oif STRING ]
                                 [ mark NUMBER ] [ uid NUMBER ] [ tos TOS ] [ fibmatch ]
                   netns4j route [ -4 | -6 ] { add | del | change | append | replace | prepend } ROUTE
            SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ] [ table TABLE_ID ]
                        [ proto RTPROTO ] [ type TYPE ] [ scope SCOPE ] [ dev STRING ] [ iif STRING ]
                        [ via PREFIX ] [ src PREFIX ] [ metric NUMBER ]
            ROUTE := [ TYPE ] PREFIX [ tos TOS ] [ table TABLE_ID ] [ proto RTPROTO ] [ scope SCOPE ]
                     [ metric METRIC ] [ from PREFIX ] INFO_SPEC
            INFO_SPEC := NH OPTIONS [ nexthop NH ]...
            NH := [ via [ inet | inet6 ] ADDRESS ] [ dev STRING ] [ weight NUMBER ] [ onlink ]
            OPTIONS := [ mtu [ lock ] NUMBER ] [ advmss [ lock ] NUMBER ] [ hoplimit [ lock ] NUMBER ]
                       [ window NUMBER ] [ cwnd NUMBER ] [ initcwnd NUMBER ] [ initrwnd NUMBER ]
                       [ reordering NUMBER ] [ ssthresh NUMBER ] [ quickack BOOL ] [ features ecn ]
                       [ fastopen_no_cookie BOOL ] [ src ADDRESS ] [ pref low | medium | high ]
            TYPE := { unicast | local | broadcast | multicast | throw | unreachable | prohibit | blackhole | nat }
            TABLE_ID := [ local | main | default | all | NUMBER | a name from /etc/iproute2/rt_tables ]
            SCOPE := [ host | link | global | NUMBER ]
            RTPROTO := [ kernel | boot | static | NUMBER ]""";

    /**
     * The command line checked and turned into one request: a {@link Route} (add, del, ...),
     * a {@link RouteFilter} (show, flush) or a {@link RouteLookup} (get); null for help.
     */
    record Parsed(String verb, Object request) {
    }

    /**
     * Checks every word and builds the request, touching no namespace: bad input fails here
     * with a {@link UsageException} or {@link IllegalArgumentException} (exit 2).
     */
    static Parsed parse(List<String> args) throws UsageException {
        FamilyWords leading = FamilyWords.of(args);
        InetFamily family = leading.family();
        List<String> rest = leading.rest();
        if (rest.isEmpty()) {
            return new Parsed("show", RouteSyntax.filter(rest, family));
        }
        String word = rest.getFirst();
        List<String> more = rest.subList(1, rest.size());
        String verb = word.equals("chg") ? "change" : Keywords.resolve(word, "add", "change", "replace", "prepend",
                "append", "test", "delete", "list", "show", "lst", "get", "flush", "save", "restore", "showdump",
                "help");
        if (verb == null) {
            throw new UsageException("Command \"" + word + "\" is unknown, try \"netns4j route help\".");
        }
        return switch (verb) {
            case "help" -> new Parsed(verb, null);
            case "list", "show", "lst" -> new Parsed("show", RouteSyntax.filter(more, family));
            case "flush" -> {
                if (more.isEmpty()) {
                    throw new UsageException("\"route flush\" requires arguments, e.g. \"netns4j route flush dev"
                            + " veth0\" or \"netns4j route flush table main\".");
                }
                yield new Parsed(verb, RouteSyntax.filter(more, family));
            }
            case "get" -> new Parsed(verb, RouteSyntax.lookup(more, family));
            case "test", "save", "restore", "showdump" -> throw new UsageException("\"route " + verb
                    + "\" is not supported by netns4j yet.");
            default -> new Parsed(verb, RouteSyntax.route(more, family, verb.equals("delete")));
        };
    }

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        parse(options.withFamilyWord(args));
    }

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        Parsed p = parse(ctx.options.withFamilyWord(args));
        if (p.request() == null) {
            ctx.out.println(USAGE);
            return 0;
        }
        Routes routes = ctx.namespace().routes();
        switch (p.request()) {
            case RouteFilter f when p.verb().equals("flush") -> routes.flush(f);
            case RouteFilter f -> print(ctx, routes.list(f), RouteOutput.Omit.of(f));
            case RouteLookup q -> print(ctx, List.of(routes.get(q)), RouteOutput.Omit.NONE);
            case Route r -> {
                switch (p.verb()) {
                    case "add" -> routes.add(r);
                    case "change" -> routes.change(r);
                    case "replace" -> routes.replace(r);
                    case "prepend" -> routes.prepend(r);
                    case "append" -> routes.append(r);
                    default -> routes.delete(r);
                }
            }
            default -> throw new IllegalStateException("unexpected request " + p.request());
        }
        return 0;
    }

    private static void print(Context ctx, List<Route> routes, RouteOutput.Omit omit) {
        if (ctx.json()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Route r : routes) {
                rows.add(RouteOutput.json(r, omit));
            }
            ctx.printJson(rows);
        } else {
            routes.forEach(r -> ctx.out.print(RouteOutput.text(r, omit, ctx.options.colour())));
        }
    }
}
