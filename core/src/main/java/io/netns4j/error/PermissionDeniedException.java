package io.netns4j.error;

/** The caller lacks the privilege (EPERM, EACCES): run as root, or grant CAP_SYS_ADMIN and CAP_NET_ADMIN. */
public class PermissionDeniedException extends NetnsException {
    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(String message, int errno, String kernelMessage) {
        super(message, errno, kernelMessage);
    }
}
