package io.netns4j;

/**
 * What identifies a network namespace on this machine: the device and inode of its nsfs
 * file, the pair {@code ip netns identify} compares. Two handles with equal ids refer to the
 * same namespace.
 *
 * @param device the device number of the nsfs file ({@code st_dev})
 * @param inode the inode number of the nsfs file ({@code st_ino}), the number in {@code net:[...]}
 */
public record NamespaceId(long device, long inode) {
    /**
     * The id as {@code /proc/PID/ns/net} links read.
     *
     * @return {@code net:[INODE]}
     */
    @Override
    public String toString() {
        return "net:[" + inode + "]";
    }
}
