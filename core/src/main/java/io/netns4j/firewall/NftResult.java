package io.netns4j.firewall;

/**
 * What an nft run printed, each part as libnftables wrote it.
 *
 * @param output   the standard output: listings, {@code -e} echoes; empty when none
 * @param messages the error output of a run that succeeded: warnings; empty when none
 */
public record NftResult(String output, String messages) {
}
