package io.netns4j;

import java.nio.file.Path;

/**
 * Run by {@link UnprivilegedCallTest} as user nobody: opens a namespace the test made and
 * tries {@code call}, {@code run} and {@code links().list()}, printing
 * {@code WHAT EXCEPTION MILLIS MESSAGE} per attempt (or {@code WHAT returned}).
 */
public final class UnprivilegedCallMain {
    private UnprivilegedCallMain() {
    }

    interface Attempt {
        void run(Netns ns) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        NetnsRegistry registry = NetnsRegistry.at(Path.of(args[0]));
        try (Netns ns = registry.open(args[1])) {
            attempt("call", ns, h -> h.call(() -> 1));
            attempt("run", ns, h -> h.run(() -> { }));
            attempt("links", ns, h -> h.links().list());
        }
    }

    private static void attempt(String what, Netns ns, Attempt a) {
        long t0 = System.nanoTime();
        try {
            a.run(ns);
            System.out.println(what + " returned");
        } catch (Exception e) {
            System.out.println(what + " " + e.getClass().getName() + " " + (System.nanoTime() - t0) / 1_000_000
                    + " " + e.getMessage());
        }
        System.out.flush();
    }
}
