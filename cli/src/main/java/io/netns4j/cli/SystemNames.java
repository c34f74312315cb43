package io.netns4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * User and group names by id, as {@code getpwuid}/{@code getgrgid} find them in the files
 * (/etc/passwd, /etc/group: name, password, id, ...), for the owners {@code ip -d} prints.
 * Names that come from elsewhere (NSS, LDAP) are not found: the id is printed then.
 */
final class SystemNames {
    private SystemNames() {
    }

    /** The name of {@code id} in {@code file}, or null. */
    static String of(String file, long id) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[2].equals(Long.toString(id))) {
                    return f[0];
                }
            }
        } catch (IOException | RuntimeException e) {
            return null; // unreadable: the number is printed instead, as ip does for an unknown id
        }
        return null;
    }
}
