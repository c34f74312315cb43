package io.netns4j.firewall.iptables;

import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over iptables' words, as getopt would present them: {@code --opt=value} is split
 * in two, and bundled short flags ({@code -nvL}) are spread out.
 */
final class IptablesTokens {
    private static final String FLAGS = "nvxLSFZXh";
    private final List<String> words;
    private final String program;
    private int pos;

    IptablesTokens(List<String> args, String program) {
        this.program = program;
        List<String> out = new ArrayList<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 2) {
                out.add(a.substring(0, eq));
                out.add(a.substring(eq + 1));
            } else if (a.matches("-[a-zA-Z]{2,}") && bundled(a)) {
                for (char c : a.substring(1).toCharArray()) {
                    out.add("-" + c);
                }
            } else {
                out.add(a);
            }
        }
        this.words = out;
    }

    /** {@code -nvL}: every letter a flag, except that the last may take arguments. */
    private static boolean bundled(String a) {
        for (int i = 1; i < a.length() - 1; i++) {
            if (FLAGS.indexOf(a.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A refusal: {@code PROGRAM: TEXT}. */
    private IptablesSyntaxException syntax(String text) {
        return new IptablesSyntaxException(program + ": " + text);
    }

    boolean more() {
        return pos < words.size();
    }

    String peek() {
        return words.get(pos);
    }

    String next() {
        return words.get(pos++);
    }

    /** The value of {@code option}; a refusal naming it when missing. */
    String value(String option, String what) throws IptablesSyntaxException {
        if (!more() || (peek().startsWith("-") && peek().length() > 1 && !peek().matches("-\\d+"))) {
            throw syntax("option \"" + option + "\" requires an argument (" + what + ")");
        }
        return next();
    }

    /** The next word when it is an optional argument (not an option), else null. */
    String optional() {
        if (more() && !peek().startsWith("-") && !peek().equals("!")) {
            return next();
        }
        return null;
    }

    /** The next word when it is a number, else null. */
    Integer optionalNumber() {
        if (more() && peek().matches("\\d{1,9}")) {
            return Integer.parseInt(next());
        }
        return null;
    }
}
