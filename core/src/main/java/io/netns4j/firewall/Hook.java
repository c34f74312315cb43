package io.netns4j.firewall;

import java.util.List;
import java.util.Objects;

/**
 * What makes a chain a base chain, attached to a netfilter hook:
 * {@code type filter hook input priority 0; policy accept;}.
 *
 * @param type     {@code filter}, {@code nat} or {@code route}
 * @param hook     {@code prerouting}, {@code input}, {@code forward}, {@code output},
 *                 {@code postrouting}, {@code ingress} or {@code egress}
 * @param priority lower runs first; iptables uses 0 for filter, -100 (dstnat) and 100 (srcnat) for nat
 * @param policy   what happens to packets no rule decided on
 * @param device   the device of a netdev {@code ingress}/{@code egress} chain; null otherwise
 */
public record Hook(String type, String hook, int priority, Policy policy, String device) {
    private static final List<String> TYPES = List.of("filter", "nat", "route");
    private static final List<String> HOOKS =
            List.of("prerouting", "input", "forward", "output", "postrouting", "ingress", "egress");

    /**
     * Checks the type and hook.
     *
     * @throws IllegalArgumentException when {@code type} or {@code hook} is not one nft knows, or
     * {@code device} cannot be written
     * @throws NullPointerException when {@code policy} is null
     */
    public Hook {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("Invalid chain type \"" + type + "\": filter, nat or route");
        }
        if (!HOOKS.contains(hook)) {
            throw new IllegalArgumentException("Invalid hook \"" + hook + "\": one of " + HOOKS);
        }
        Objects.requireNonNull(policy, "policy");
        if (device != null) {
            NftSyntax.quotable(device, "device name", 15);
        }
    }

    /**
     * {@code type filter hook HOOK priority 0; policy POLICY;}
     *
     * @param hook {@code input}, {@code forward}, {@code output}, ...
     * @param policy what happens to packets no rule decided on
     * @return the hook
     * @throws IllegalArgumentException when {@code hook} is not a hook name
     */
    public static Hook filter(String hook, Policy policy) {
        return new Hook("filter", hook, 0, policy, null);
    }

    /**
     * {@code type nat hook HOOK priority P; policy accept;} with iptables' priorities: -100 before routing
     * ({@code prerouting}, {@code output}), 100 after.
     *
     * @param hook {@code prerouting}, {@code output}, {@code input} or {@code postrouting}
     * @return the hook
     * @throws IllegalArgumentException when {@code hook} is not a hook name
     */
    public static Hook nat(String hook) {
        int priority = hook.equals("prerouting") || hook.equals("output") ? -100 : 100;
        return new Hook("nat", hook, priority, Policy.ACCEPT, null);
    }

    /**
     * The same hook with another policy; iptables {@code -P CHAIN POLICY}.
     *
     * @param p the policy
     * @return a new hook
     */
    public Hook withPolicy(Policy p) {
        return new Hook(type, hook, priority, p, device);
    }

    /**
     * The nft text inside the chain block.
     *
     * @return e.g. {@code type filter hook input priority 0; policy accept;}
     */
    public String toNft() {
        return "type " + type + " hook " + hook + (device != null ? " device " + NftSyntax.quote(device) : "")
                + " priority " + priority + "; policy " + policy.keyword() + ";";
    }
}
