package io.netns4j.firewall.iptables;

import io.netns4j.error.InvalidRequestException;
import io.netns4j.internal.sys.Errno;

/**
 * An iptables argument line that netns4j cannot take, found by {@link IptablesCommandLine#parse}
 * before anything is read or changed: an unknown or misplaced option, a missing value, an
 * option outside netns4j's subset ({@code --syn}, {@code -m recent}, {@code -j QUEUE}...).
 * The message is what {@code netns4j iptables} prints for the same words, starting with the
 * program ({@code iptables: Bad argument "bogus" ...}, {@code ip6tables: ...}) and naming the
 * fix where there is one. {@link #errno()} is EINVAL; nothing reached the kernel.
 */
public class IptablesSyntaxException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    IptablesSyntaxException(String message) {
        super(message, Errno.EINVAL, null);
    }
}
