package io.netns4j.firewall;

/**
 * Sends the packet to this host, to its own port or to {@code ports}: nft {@code redirect [to
 * :8080] [random]}; iptables {@code -t nat -j REDIRECT [--to-ports P[-Q]] [--random]}
 * (PREROUTING and OUTPUT).
 *
 * @param ports  null for the packet's own port; needs a tcp/udp match in the rule
 * @param random {@code --random}: randomised port mapping
 */
public record Redirect(PortRange ports, boolean random) implements Verdict {
    @Override
    public String toNft() {
        return "redirect" + (ports != null ? " to :" + ports : "") + (random ? " random" : "");
    }
}
