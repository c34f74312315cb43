package io.netns4j.link;

import java.net.InetAddress;

/**
 * A VXLAN tunnel endpoint: {@code ip link add vx0 type vxlan id 42 remote 10.0.0.2 local
 * 10.0.0.1 dstport 4789 dev eth0 ttl 64 nolearning}. Use either {@code remote} or {@code group}.
 */
public record Vxlan(int id, InetAddress remote, InetAddress group, InetAddress local, Integer dstPort,
                    String device, Integer ttl, Boolean learning) implements LinkKind {
    public Vxlan {
        if (id < 0 || id > 0xffffff) {
            throw new IllegalArgumentException("vxlan id " + id + " is out of range (0 to 16777215)");
        }
        if (remote != null && group != null) {
            throw new IllegalArgumentException("vxlan takes \"remote\" or \"group\", not both");
        }
    }

    public static Vxlan id(int id) {
        return new Vxlan(id, null, null, null, null, null, null, null);
    }

    @Override
    public String kindName() {
        return "vxlan";
    }
}
