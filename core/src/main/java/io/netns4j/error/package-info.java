/**
 * The exceptions netns4j throws. {@link io.netns4j.error.NetnsException} (an
 * {@link java.io.IOException}) carries the errno the kernel returned and, for a refused netlink
 * request, the kernel's extended-ACK text ({@code ip} prints it as {@code Error: ...}). Its
 * subclasses name the common cases so callers can catch them:
 * {@link io.netns4j.error.AlreadyExistsException} (EEXIST),
 * {@link io.netns4j.error.NotFoundException} (ENOENT, ENODEV, ESRCH),
 * {@link io.netns4j.error.PermissionDeniedException} (EPERM, EACCES),
 * {@link io.netns4j.error.BusyException} (EBUSY),
 * {@link io.netns4j.error.NotSupportedException} (EOPNOTSUPP and friends),
 * {@link io.netns4j.error.InvalidRequestException} (EINVAL, ERANGE); and two that do not come
 * from an errno: {@link io.netns4j.error.MalformedMessageException} (netlink data that does not
 * parse) and {@link io.netns4j.error.NamespaceNotReadyException} (a namespace file that
 * {@code ip netns add} is still mounting).
 */
package io.netns4j.error;
