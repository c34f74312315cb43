package io.netns4j.cli;

import io.netns4j.NetnsException;

import java.util.List;

/** Placeholder until the rule object lands; replaced by the real command. */
final class RuleCommand implements ObjectCommand {
    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        throw new UsageException("\"rule\" is not available in this build yet.");
    }
}
