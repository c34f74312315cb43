/**
 * netns4j-cli: the {@code netns4j} command ({@code io.netns4j.cli.Main}). It exports nothing;
 * the launcher runs its shaded jar on the class path.
 */
module io.netns4j.cli {
    requires io.netns4j.core;
    requires io.netns4j.lab;
    requires jdk.unsupported; // sun.misc.Signal: netns exec passes signals to the command
}
