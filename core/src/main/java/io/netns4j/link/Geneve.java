package io.netns4j.link;

import java.net.InetAddress;

/** A Geneve tunnel: {@code ip link add gn0 type geneve id 5 remote 10.0.0.2 dstport 6081 ttl 64}. */
public record Geneve(int id, InetAddress remote, Integer dstPort, Integer ttl) implements LinkKind {
    public Geneve {
        if (id < 0 || id > 0xffffff) {
            throw new IllegalArgumentException("geneve id " + id + " is out of range (0 to 16777215)");
        }
    }

    @Override
    public String kindName() {
        return "geneve";
    }
}
