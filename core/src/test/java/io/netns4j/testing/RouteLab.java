package io.netns4j.testing;

import static io.netns4j.testing.Ip.ip;

/**
 * A namespace to route in, set up with {@code ip}: veth0 (up) with 10.0.0.1/24, 10.0.0.5/24
 * and 2001:db8::1/64, its peer veth1 (up, no address) and lo (up). Gateways such as
 * 10.0.0.2 and 2001:db8::2 are on the connected networks; 192.168.99.1 is on none. The name
 * comes from {@link Scratch}, which deletes the namespace even when the test fails.
 */
public final class RouteLab {
    private RouteLab() {
    }

    public static String create(Scratch scratch, String tag) {
        String ns = scratch.name(tag);
        ip("netns", "add", ns).ok();
        ip("-n", ns, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1").ok();
        ip("-n", ns, "addr", "add", "10.0.0.1/24", "dev", "veth0").ok();
        ip("-n", ns, "addr", "add", "10.0.0.5/24", "dev", "veth0").ok();
        ip("-n", ns, "addr", "add", "2001:db8::1/64", "dev", "veth0", "nodad").ok();
        for (String dev : new String[] {"lo", "veth0", "veth1"}) {
            ip("-n", ns, "link", "set", dev, "up").ok();
        }
        return ns;
    }
}
