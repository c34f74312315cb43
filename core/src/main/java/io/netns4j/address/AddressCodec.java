package io.netns4j.address;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.route.AddressMessage;
import io.netns4j.internal.netlink.route.Ifa;
import io.netns4j.route.RouteScopes;
import io.netns4j.types.InetFamily;
import io.netns4j.types.InetPrefix;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Addresses as messages: the {@code RTM_NEWADDR}/{@code RTM_DELADDR} that {@code ip address
 * add|del|replace|change} send (byte for byte, golden tests compare) and a dumped
 * {@code RTM_NEWADDR} read back as an {@link Address}.
 */
final class AddressCodec {
    private AddressCodec() {
    }

    /** The request, attributes in the order {@code ip} writes them. */
    static byte[] encode(AddressRequest spec, int index, int type, int msgFlags) {
        InetPrefix local = spec.local();
        boolean adding = type != Ifa.RTM_DELADDR;
        int flagBits = 0;
        for (AddressFlag f : spec.flags()) {
            flagBits |= f.bit();
        }
        int scope = spec.scope() != null ? spec.scope() : adding ? defaultScope(local) : 0;
        int prefixLength = spec.peer() != null ? spec.peer().length() : local.length();
        AddressMessage m = AddressMessage.request(local.family(), prefixLength, flagBits <= 0xff ? flagBits : 0, scope,
                index).withAddress(Ifa.IFA_LOCAL, local.address());
        if (spec.label() != null) {
            m = m.withLabel(spec.label());
        }
        if (spec.metric() != null) {
            m = m.withU32(Ifa.IFA_RT_PRIORITY, (int) (long) spec.metric());
        }
        if (flagBits > 0xff) {
            m = m.withU32(Ifa.IFA_FLAGS, flagBits);
        }
        if (spec.peer() != null) {
            m = m.withAddress(Ifa.IFA_ADDRESS, spec.peer().address());
        } else if (!spec.matchesAnyPrefixLength()) {
            m = m.withAddress(Ifa.IFA_ADDRESS, local.address());
        }
        if (spec.broadcast() != null) {
            m = m.withAddress(Ifa.IFA_BROADCAST, spec.broadcast());
        } else if (spec.isBroadcastAuto() && adding && prefixLength <= 30) {
            InetPrefix base = spec.peer() != null ? spec.peer() : local;
            m = m.withAddress(Ifa.IFA_BROADCAST, hostBitsSet(base.address(), prefixLength));
        }
        if (spec.anycast() != null) {
            m = m.withAddress(Ifa.IFA_ANYCAST, spec.anycast());
        }
        if (spec.validLifetime() != null || spec.preferredLifetime() != null) {
            long valid = spec.validLifetime() == null ? Address.FOREVER : spec.validLifetime();
            long preferred = spec.preferredLifetime() == null ? Address.FOREVER : spec.preferredLifetime();
            m = m.withCacheInfo(new AddressMessage.CacheInfo(preferred, valid, 0, 0));
        }
        return m.encode(type, msgFlags);
    }

    /** {@code ip}'s default: host scope for 127.0.0.0/8, global for the rest. */
    static int defaultScope(InetPrefix local) {
        return !local.isIpv6() && (local.address().getAddress()[0] & 0xff) == 127
                ? RouteScopes.HOST : RouteScopes.GLOBAL;
    }

    static InetAddress hostBitsSet(InetAddress base, int prefixLength) {
        byte[] b = base.getAddress();
        for (int bit = prefixLength; bit < 32; bit++) {
            b[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when the message is not an IPv4 or IPv6 address (or has none). */
    static Address decode(AddressMessage m) throws MalformedMessageException {
        if (InetFamily.ofNumber(m.family()) == null) {
            return null;
        }
        InetAddress address = m.address();
        InetAddress local = m.local() != null ? m.local() : address;
        if (local == null) {
            return null;
        }
        InetAddress peer = address != null && !address.equals(local) ? address : null;
        AddressMessage.CacheInfo ci = m.cacheInfo();
        long metric = m.metric();
        return new Address(m.index(), local, m.prefixLength(), peer, m.broadcast(), m.anycast(),
                m.scope(), m.label(), m.allFlags(), ci == null ? Address.FOREVER : ci.valid(),
                ci == null ? Address.FOREVER : ci.preferred(), metric < 0 ? null : metric);
    }
}
