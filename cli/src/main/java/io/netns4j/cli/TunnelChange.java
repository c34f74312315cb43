package io.netns4j.cli;

import io.netns4j.error.NetnsException;
import io.netns4j.error.NotSupportedException;
import io.netns4j.link.KindAttributes;
import io.netns4j.link.Link;
import io.netns4j.link.LinkKind;
import io.netns4j.link.Links;
import io.netns4j.link.TunnelKinds;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tunnel changed in place ({@code link set DEV type gre OPTIONS}, {@code tunnel change NAME ...}):
 * as ip does, the tunnel's current settings are read (its IFLA_INFO_DATA, decoded into the kind's
 * record), the words are applied to them, and the whole record is sent, so what the words leave
 * alone stays as it was. A tunnel with settings the record cannot hold (encapsulation, external,
 * isatap, ...) is refused: sending the record would reset them.
 */
final class TunnelChange {
    /** EOPNOTSUPP, what the kernel answers a change of another kind's options. */
    private static final int EOPNOTSUPP = 95;

    private TunnelChange() {
    }

    /**
     * @param type  the kind the words are for ({@code type gre}), or null to take the link's own
     * @param words the kind's options, checked before against the kind's defaults
     * @return the tunnel's record with the words applied
     */
    static LinkKind merged(Links links, String device, String type, List<String> words, String form)
            throws NetnsException, UsageException {
        Link link = links.get(device);
        String kind = link.kind();
        if (!TunnelKinds.KINDS.contains(kind == null ? "" : kind)) {
            throw new NotSupportedException("\"" + device + "\" is " + (kind == null ? "not a tunnel" : "a " + kind
                    + " link, not a tunnel") + ": nothing was changed.", EOPNOTSUPP, null);
        }
        if (type != null && !type.equals(kind)) {
            throw new NotSupportedException("\"" + device + "\" is a " + kind + " tunnel, not " + type
                    + ": a link's kind cannot change; nothing was changed.", EOPNOTSUPP, null);
        }
        KindAttributes data = link.details().kindData();
        List<Integer> lost = TunnelKinds.unmodelled(kind, data);
        if (!lost.isEmpty()) {
            throw new NotSupportedException("The " + kind + " tunnel \"" + device + "\" has settings netns4j does not"
                    + " model yet (IFLA_INFO_DATA attributes " + lost.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + ": encapsulation, external, isatap, ...), which changing it"
                    + " would reset; nothing was changed.", EOPNOTSUPP, null);
        }
        Map<Integer, String> names = new HashMap<>();
        for (Link l : links.list()) {
            names.put(l.index(), l.name());
        }
        LinkKind current = TunnelKinds.from(kind, data, names::get);
        return TunnelArgs.apply(current, new Words(words, form));
    }
}
