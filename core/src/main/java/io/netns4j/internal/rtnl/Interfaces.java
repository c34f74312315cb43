package io.netns4j.internal.rtnl;

import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.route.Ifla;
import io.netns4j.internal.netlink.route.LinkMessage;
import io.netns4j.internal.netlink.route.Rtnl;
import io.netns4j.internal.sys.Errno;
import io.netns4j.types.InterfaceNames;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Resolves interface names to indexes inside one namespace (one RTM_GETLINK each). */
public final class Interfaces {
    private Interfaces() {
    }

    /** The index of interface {@code name} in {@code ns}; says which namespace was searched when absent. */
    public static int index(NamespaceSession ns, String name) throws NetnsException {
        InterfaceNames.check(name);
        byte[] nul = Arrays.copyOf(name.getBytes(StandardCharsets.UTF_8), name.getBytes(StandardCharsets.UTF_8).length + 1);
        byte[] req = LinkMessage.request(0, List.of(new Attribute(Ifla.IFLA_IFNAME, nul)))
                .encode(Rtnl.RTM_GETLINK, 0);
        try {
            return LinkMessage.decode(ns.routeSocket().request(req)).index();
        } catch (NotFoundException e) {
            throw new NotFoundException("Device \"" + name + "\" does not exist in " + ns.describe() + ".",
                    Errno.ENODEV, e.kernelMessage());
        }
    }

    /** The link with {@code index} in {@code ns}. */
    public static LinkMessage byIndex(NamespaceSession ns, int index) throws NetnsException {
        byte[] req = LinkMessage.request(index, List.of()).encode(Rtnl.RTM_GETLINK, 0);
        return LinkMessage.decode(ns.routeSocket().request(req));
    }
}
