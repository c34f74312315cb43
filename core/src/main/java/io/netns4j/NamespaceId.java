package io.netns4j;

/**
 * What identifies a network namespace on this machine: the device and inode of its nsfs
 * file, the pair {@code ip netns identify} compares. Two handles with equal ids refer to the
 * same namespace.
 */
public record NamespaceId(long device, long inode) {
    @Override
    public String toString() {
        return "net:[" + inode + "]";
    }
}
