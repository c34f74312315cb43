package io.netns4j.cli;

/** netns4j's version, as {@code netns4j -V}, {@code nft -V} and {@code iptables -V} print it. */
final class Version {
    static final String NUMBER = "0.1.0";

    private Version() {
    }
}
