package io.netns4j.firewall;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.sys.Errno;

/**
 * libnftables refused a command: a syntax error (the text points at the token) or a kernel
 * rejection ({@code Error: Could not process rule: No such file or directory}). The
 * message is libnftables' own text, as {@code nft} prints it; nothing of the transaction
 * was applied. {@link #errno()} is the kernel's errno when the text names one, else 0.
 */
public class NftablesException extends NetnsException {
    private static final long serialVersionUID = 1L;
    private static final int[] KNOWN = {Errno.ENOENT, Errno.EEXIST, Errno.EBUSY, Errno.EOPNOTSUPP, Errno.EPERM,
            Errno.EINVAL, Errno.ENOSPC, Errno.ENOMEM, Errno.EACCES, Errno.ERANGE, Errno.ENODEV, 40 /* ELOOP */};

    /**
     * Creates the exception from libnftables' error text.
     *
     * @param errorText what libnftables wrote to its error buffer; the message and
     * {@link #kernelMessage()} are this text, stripped, and {@link #errno()} the errno it names (or 0)
     */
    public NftablesException(String errorText) {
        super(errorText.strip(), errnoOf(errorText), errorText.strip());
    }

    private static int errnoOf(String text) {
        for (int e : KNOWN) {
            if (text.contains(": " + Errno.describe(e))) {
                return e;
            }
        }
        return 0;
    }
}
