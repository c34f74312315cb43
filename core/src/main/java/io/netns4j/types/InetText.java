package io.netns4j.types;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Addresses written as {@code ip} writes them (glibc's {@code inet_ntop}): IPv6 in its
 * shortest form ({@code 2001:db8::1}, not {@code 2001:db8:0:0:0:0:0:1}), IPv4-mapped
 * addresses with a dotted tail ({@code ::ffff:10.0.0.1}).
 */
public final class InetText {
    private InetText() {
    }

    /**
     * An address as {@code ip} writes it.
     *
     * @param a an address, not null
     * @return dotted quad for IPv4; for IPv6 the shortest form ({@code 2001:db8::1}), IPv4-mapped with a dotted tail
     */
    public static String format(InetAddress a) {
        return a instanceof Inet4Address ? a.getHostAddress() : format6(a.getAddress());
    }

    /**
     * A prefix as {@code ip} writes it.
     *
     * @param p a prefix, not null
     * @return {@code ADDRESS/LENGTH}, the address as {@link #format(InetAddress)} writes it
     */
    public static String format(InetPrefix p) {
        return format(p.address()) + "/" + p.length();
    }

    private static String format6(byte[] b) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i > 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.').append(b[14] & 0xff)
                        .append('.').append(b[15] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
