package io.netns4j.address;

import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;
import io.netns4j.types.InterfaceNames;

import java.util.regex.Pattern;

/**
 * Which addresses {@link Addresses#list} and {@link Addresses#flush} select: the selectors of
 * {@code ip addr show|flush [dev NAME] [scope SCOPE] [to PREFIX] [label PATTERN] [FLAG...]},
 * plus {@code -4}/{@code -6}. Immutable: start from {@link #all()}; each {@code withX} method returns a
 * changed copy. An empty filter selects
 * every address.
 */
public final class AddressFilter {
    private String device;
    private InetFamily family;
    private Integer scope;
    private InetPrefix to;
    private String label;
    private Pattern labelPattern;
    private int flags;
    private int flagMask;

    private AddressFilter() {
    }

    /** A copy, for the withers. */
    private AddressFilter(AddressFilter o) {
        device = o.device;
        family = o.family;
        scope = o.scope;
        to = o.to;
        label = o.label;
        labelPattern = o.labelPattern;
        flags = o.flags;
        flagMask = o.flagMask;
    }

    /**
     * A filter that selects every address.
     *
     * @return a new, empty filter
     */
    public static AddressFilter all() {
        return new AddressFilter();
    }

    /**
     * Only addresses on interface {@code name}. Equivalent to {@code dev NAME}.
     *
     * @param name the interface name
     * @return a changed copy; this filter is unchanged
     * @throws IllegalArgumentException when {@code name} is not a valid interface name
     */
    public AddressFilter withDevice(String name) {
        AddressFilter c = new AddressFilter(this);
        c.device = InterfaceNames.check(name);
        return c;
    }

    /**
     * Only addresses of {@code family}. Equivalent to {@code ip -4 addr} or {@code ip -6 addr}.
     *
     * @param family IPv4 or IPv6
     * @return a changed copy; this filter is unchanged
     * @throws IllegalArgumentException when a {@link #withPrefix} prefix of the other family was given
     */
    public AddressFilter withFamily(InetFamily family) {
        AddressFilter c = new AddressFilter(this);
        if (to != null && InetFamily.of(to.address()) != family) {
            throw new IllegalArgumentException("\"to " + InetText.format(to) + "\" is not an " + family.ipName()
                    + " prefix");
        }
        c.family = family;
        return c;
    }

    /**
     * Only addresses of this scope. Equivalent to {@code scope SCOPE}.
     *
     * @param scope 0 to 255, see {@link io.netns4j.route.RouteScopes}
     * @return a changed copy; this filter is unchanged
     * @throws IllegalArgumentException when {@code scope} is out of range
     */
    public AddressFilter withScope(int scope) {
        AddressFilter c = new AddressFilter(this);
        if (scope < 0 || scope > 255) {
            throw new IllegalArgumentException("scope " + scope + " is out of range (0 to 255)");
        }
        c.scope = scope;
        return c;
    }

    /**
     * Only addresses inside {@code prefix}; also selects its family. Equivalent to {@code to PREFIX}.
     *
     * @param prefix the prefix the addresses must lie in
     * @return a changed copy; this filter is unchanged
     * @throws IllegalArgumentException when a {@link #withFamily} of the other family was given
     */
    public AddressFilter withPrefix(InetPrefix prefix) {
        AddressFilter c = new AddressFilter(this);
        if (family != null && InetFamily.of(prefix.address()) != family) {
            throw new IllegalArgumentException("\"to " + InetText.format(prefix) + "\" is not an " + family.ipName()
                    + " prefix");
        }
        c.to = prefix;
        c.family = InetFamily.of(prefix.address());
        return c;
    }

    /**
     * Only addresses whose label (the interface name when they have none) matches the shell
     * pattern {@code pattern} ({@code *}, {@code ?}, {@code [...]}). Equivalent to {@code label PATTERN}.
     *
     * @param pattern the shell pattern
     * @return a changed copy; this filter is unchanged
     */
    public AddressFilter withLabel(String pattern) {
        AddressFilter c = new AddressFilter(this);
        c.labelPattern = Pattern.compile(globToRegex(pattern));
        c.label = pattern;
        return c;
    }

    /**
     * Only addresses with {@code flag} set ({@code ip addr show secondary}).
     *
     * @param flag the flag that must be set
     * @return a changed copy; this filter is unchanged
     */
    public AddressFilter withFlag(AddressFlag flag) {
        AddressFilter c = new AddressFilter(this);
        c.flags |= flag.bit();
        c.flagMask |= flag.bit();
        return c;
    }

    /**
     * Only addresses without {@code flag} ({@code -tentative}; {@code primary} is without
     * secondary, {@code dynamic} without permanent).
     *
     * @param flag the flag that must not be set
     * @return a changed copy; this filter is unchanged
     */
    public AddressFilter withoutFlag(AddressFlag flag) {
        AddressFilter c = new AddressFilter(this);
        c.flags &= ~flag.bit();
        c.flagMask |= flag.bit();
        return c;
    }

    /**
     * The interface name given.
     *
     * @return the name, or null when the filter selects every interface
     */
    public String device() {
        return device;
    }

    /**
     * The family given (directly or by {@link #withPrefix}).
     *
     * @return the family, or null for both
     */
    public InetFamily family() {
        return family;
    }

    /**
     * The label pattern given.
     *
     * @return the pattern, or null
     */
    public String label() {
        return label;
    }

    /**
     * Whether {@code a}, on the interface named {@code deviceName}, passes every selector but
     * the device (which {@link Addresses#list} applies when it asks the kernel).
     *
     * @param a the address
     * @param deviceName the name of its interface, used when the address has no label; may be null
     * @return whether it is selected
     */
    public boolean matches(Address a, String deviceName) {
        if (family != null && a.family() != family) {
            return false;
        }
        if (scope != null && a.scope() != scope) {
            return false;
        }
        if (((flags ^ a.flags()) & flagMask) != 0) {
            return false;
        }
        if (labelPattern != null) {
            String l = a.label() != null ? a.label() : deviceName;
            if (l == null || !labelPattern.matcher(l).matches()) {
                return false;
            }
        }
        return to == null || to.contains(a.local());
    }

    /** A shell pattern (fnmatch without flags) as a regular expression. */
    static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            int close = c == '[' ? glob.indexOf(']', i + 2) : -1;
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (close > 0) {
                String set = glob.substring(i + 1, close);
                boolean negate = set.startsWith("!") || set.startsWith("^");
                re.append('[').append(negate ? "^" : "")
                        .append(set.substring(negate ? 1 : 0).replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
