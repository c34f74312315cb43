package io.netns4j.cli;

import io.netns4j.NetnsException;

import java.util.List;

/** Placeholder until the address object lands; replaced by the real command. */
final class AddressCommand implements ObjectCommand {
    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        throw new UsageException("\"address\" is not available in this build yet.");
    }
}
