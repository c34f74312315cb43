package io.netns4j.cli;

import io.netns4j.NetnsException;

import java.util.List;

/** Placeholder until the iptables front end lands; replaced by the real command. */
final class IptablesCommand implements ObjectCommand {
    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        throw new UsageException("\"iptables\" is not available in this build yet.");
    }
}
