package io.netns4j.lab.wire;

import io.netns4j.lab.model.Impairment;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How an engine marks what it makes, so that the machine is the state: the tap of device DEV is
 * {@code imp-DEV} (names over 15 bytes: {@code imp-} + DEV's first 6 characters + {@code -} + 4 hex
 * digits of DEV's hash), and its alias is {@code netns4j-impair:} followed by the impairment's
 * words, seed included ({@code ip -n NS link show imp-eth1} shows {@code alias netns4j-impair:delay
 * 50ms seed 7}). A tap without the mark is never touched.
 */
final class WireMarks {
    static final String MARK = "netns4j-impair:";
    /** IFALIASZ - 1: the kernel keeps an alias of at most 255 bytes. */
    static final int ALIAS_MAX = 255;
    private static final String PREFIX = "imp-";

    private WireMarks() {
    }

    /** The name of the tap that carries {@code device}'s egress. */
    static String tapName(String device) {
        String plain = PREFIX + device;
        if (plain.getBytes(StandardCharsets.UTF_8).length <= 15) {
            return plain;
        }
        String head = device.length() > 6 ? device.substring(0, 6) : device;
        while (head.getBytes(StandardCharsets.UTF_8).length > 6) {
            head = head.substring(0, head.length() - 1);
        }
        return PREFIX + head + "-" + String.format("%04x", device.hashCode() & 0xffff);
    }

    /** The alias for {@code imp} with its seed. */
    static String alias(Impairment imp) {
        String a = MARK + String.join(" ", imp.words());
        if (a.getBytes(StandardCharsets.UTF_8).length > ALIAS_MAX) {
            throw new IllegalArgumentException("the impairment's words take more than " + (ALIAS_MAX - MARK.length())
                    + " bytes, more than a device's alias (the engine's mark) holds");
        }
        return a;
    }

    /** The impairment an alias marks, or empty when it carries no mark (or one that does not read back). */
    static Optional<Impairment> read(String alias) {
        if (alias == null || !alias.startsWith(MARK)) {
            return Optional.empty();
        }
        List<String> words = Arrays.stream(alias.substring(MARK.length()).trim().split("\\s+")).filter(w -> !w.isEmpty())
                .toList();
        try {
            return Optional.of(Impairment.parse(words.isEmpty() ? List.of("none") : words)
                    .withEngine(Impairment.Engine.USERSPACE));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
