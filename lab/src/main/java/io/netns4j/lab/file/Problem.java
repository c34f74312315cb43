package io.netns4j.lab.file;



/**
 * One thing wrong with a topology file, at a 1-based line and column, with what to do about it.
 * Prints as compilers do: {@code lab.yaml:12:7: message (hint)}.
 *
 * @param file the file as it was named to the reader
 * @param line the 1-based line
 * @param column the 1-based column
 * @param message what is wrong
 * @param hint what to do, or null
 */
public record Problem(String file, int line, int column, String message, String hint) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message + (hint == null ? "" : " (" + hint + ")");
    }
}
