package io.netns4j.cli;

import io.netns4j.Netns;
import io.netns4j.NetnsException;
import io.netns4j.NetnsRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code netns4j demo}: the seed document's walkthrough, corrected, run end to end through
 * the library, printing each step as the {@code ip} command it stands for. Everything it
 * makes lives in two namespaces of its own, removed again at the end, also on failure.
 */
final class DemoCommand implements ObjectCommand {
    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        if (!args.isEmpty()) {
            throw new UsageException("\"netns4j demo\" takes no arguments.");
        }
        NetnsRegistry registry = ctx.registry;
        String suffix = Long.toString(ProcessHandle.current().pid());
        String host = "demo-host-" + suffix;
        String example = "demo-example_ns-" + suffix;
        List<String> made = new ArrayList<>();
        try {
            step(ctx, "ip netns add " + host);
            registry.add(host).close();
            made.add(host);
            step(ctx, "ip netns add " + example);
            registry.add(example).close();
            made.add(example);
            step(ctx, "ip -n " + host + " netns set " + example + " auto");
            try (Netns h = registry.open(host); Netns e = registry.open(example)) {
                ctx.out.println("   id of " + example + " inside " + host + ": " + h.assignPeerId(e, -1));
            }
            step(ctx, "ip -n " + host + " netns list");
            Main.execute(ctx.options.forLine(host, List.of("netns", "list")), ctx.out, ctx.err, registry);
            step(ctx, "ip -j -n " + host + " netns list-id");
            Main.execute(ctx.options.forLine(host, List.of("netns", "list-id")).withJson(true), ctx.out, ctx.err,
                    registry);
        } finally {
            for (String name : made.reversed()) {
                step(ctx, "ip netns delete " + name + "   (and wait until the kernel has freed it)");
                registry.delete(name, Duration.ofSeconds(30));
            }
        }
        ctx.out.println("demo finished: everything it made is gone");
        return 0;
    }

    private static void step(Context ctx, String command) {
        ctx.out.println("== " + command);
        ctx.out.flush();
    }
}
