package io.netns4j.firewall;

/**
 * What an nft run printed: {@code output} (listings, {@code -e} echoes) and
 * {@code messages} (warnings on success), each as libnftables wrote it.
 */
public record NftResult(String output, String messages) {
}
