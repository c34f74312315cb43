package io.netns4j.firewall;

import io.netns4j.internal.sys.LibNftables;



/** Options of an nft run, named after the {@code nft} flags they equal. */
public enum NftOption {
    /** {@code nft -j}: JSON output (and JSON input is accepted). */
    JSON(LibNftables.OUTPUT_JSON),
    /** {@code nft -a}: show rule handles. */
    HANDLE(LibNftables.OUTPUT_HANDLE),
    /** {@code nft -s}: omit stateful values (counters, quotas). */
    STATELESS(LibNftables.OUTPUT_STATELESS),
    /** {@code nft -e}: echo what was added. */
    ECHO(LibNftables.OUTPUT_ECHO),
    /** {@code nft -n}: numeric output everywhere. */
    NUMERIC(LibNftables.OUTPUT_NUMERIC_ALL),
    /** {@code nft -y}: numeric chain priorities. */
    NUMERIC_PRIORITY(LibNftables.OUTPUT_NUMERIC_PRIO),
    /** {@code nft -p}: numeric protocols. */
    NUMERIC_PROTOCOL(LibNftables.OUTPUT_NUMERIC_PROTO),
    /** {@code nft -T}: numeric times. */
    NUMERIC_TIME(LibNftables.OUTPUT_NUMERIC_TIME),
    /** {@code nft -t}: omit set contents. */
    TERSE(LibNftables.OUTPUT_TERSE),
    /** {@code nft -S}: service names for ports. */
    SERVICE(LibNftables.OUTPUT_SERVICE),
    /** {@code nft -N}: reverse DNS for addresses. */
    REVERSE_DNS(LibNftables.OUTPUT_REVERSEDNS),
    /** {@code nft -u}: user and group names for UIDs and GIDs. */
    GUID(LibNftables.OUTPUT_GUID),
    /** {@code nft -c}: check only, change nothing. */
    DRY_RUN(0);

    final int flag;

    NftOption(int flag) {
        this.flag = flag;
    }
}
