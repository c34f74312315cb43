package io.netns4j.cli;

import io.netns4j.NetnsException;
import io.netns4j.lab.Plan;
import io.netns4j.lab.Problem;
import io.netns4j.lab.Topology;
import io.netns4j.lab.TopologyException;
import io.netns4j.lab.TopologyFile;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code netns4j lab ...}: declarative labs from a topology file (docs/lab-format.md). This
 * version reads, checks and plans; it changes nothing on the machine:
 * <ul>
 *   <li>{@code lab check FILE}: every problem in the file, as FILE:LINE:COLUMN: message;</li>
 *   <li>{@code lab plan FILE} (also {@code lab up --dry-run FILE}): the operations
 *       {@code lab up} will run, as the equivalent commands.</li>
 * </ul>
 * Building and removing labs ({@code lab up}, {@code lab down}) come next.
 */
final class LabCommand implements ObjectCommand {
    static final String USAGE = "Usage:\tnetns4j lab check FILE\n\tnetns4j lab plan FILE\n"
            + "\tnetns4j lab up --dry-run FILE";

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        parse(args);
    }

    private record Parsed(String verb, Path file) {
    }

    private static Parsed parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException(USAGE);
        }
        String verb = Keywords.resolve(args.getFirst(), "check", "plan", "up", "help");
        if (verb == null) {
            throw new UsageException("Command \"" + args.getFirst() + "\" is unknown, try \"netns4j lab help\".");
        }
        if (verb.equals("help")) {
            return new Parsed(verb, null);
        }
        List<String> rest = args.subList(1, args.size());
        if (verb.equals("up")) {
            if (!rest.contains("--dry-run")) {
                throw new UsageException("\"lab up\" cannot build labs in this version of netns4j yet; \"netns4j lab"
                        + " plan FILE\" (or \"lab up --dry-run FILE\") prints what it will do.");
            }
            rest = rest.stream().filter(w -> !w.equals("--dry-run")).toList();
            verb = "plan";
        }
        if (rest.size() != 1) {
            throw new UsageException("\"lab " + verb + "\" takes one topology file: " + USAGE.lines()
                    .filter(l -> l.contains(" " + verbWord(args.getFirst()) + " ")).findFirst().orElse(USAGE).strip());
        }
        return new Parsed(verb, Path.of(rest.getFirst()));
    }

    private static String verbWord(String word) {
        return word.startsWith("u") ? "up" : word.startsWith("p") ? "plan" : "check";
    }

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        Parsed p = parse(args);
        if (p.verb().equals("help")) {
            ctx.out.println(USAGE);
            return 0;
        }
        Topology topology;
        try {
            topology = TopologyFile.read(p.file());
        } catch (NoSuchFileException e) {
            throw new UsageException("Cannot read topology file \"" + p.file() + "\": no such file.");
        } catch (IOException e) {
            throw new UsageException("Cannot read topology file \"" + p.file() + "\": " + e.getMessage());
        } catch (TopologyException e) {
            for (Problem problem : e.problems()) {
                ctx.err.println(problem);
            }
            throw new UsageException(e.problems().size() + " problem(s) in " + p.file() + "; nothing was changed.");
        }
        if (p.verb().equals("check")) {
            ctx.out.println(p.file() + ": lab \"" + topology.name() + "\" is valid (" + topology.nodes().size()
                    + " nodes, " + topology.links().size() + " links)");
        } else {
            ctx.out.print(Plan.of(topology));
        }
        return 0;
    }
}
