package io.netns4j.cli;

import io.netns4j.NetnsException;

import java.util.List;

/** Placeholder until the link object lands; replaced by the real command. */
final class LinkCommand implements ObjectCommand {
    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        throw new UsageException("\"link\" is not available in this build yet.");
    }
}
