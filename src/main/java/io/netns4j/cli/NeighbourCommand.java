package io.netns4j.cli;

import io.netns4j.NetnsException;

import java.util.List;

/** Placeholder until the neighbour object lands; replaced by the real command. */
final class NeighbourCommand implements ObjectCommand {
    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        throw new UsageException("\"neighbour\" is not available in this build yet.");
    }
}
