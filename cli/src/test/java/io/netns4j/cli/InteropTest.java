package io.netns4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Namespaces made by iproute2 work with netns4j, and the other way round, in /run/netns. */
@RequiresRoot
class InteropTest {
    private final Scratch scratch = new Scratch();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    @Test
    void madeByIpUsedByNetns4j() throws Exception {
        String name = scratch.name("byip");
        ip("netns", "add", name).ok();
        assertTrue(CliRun.of("netns", "list").out().lines().anyMatch(l -> l.equals(name)));
        Process sleeper = scratch.start("ip", "netns", "exec", name, "sleep", "60");
        Scratch.awaitNamespace(sleeper.pid(), name);
        assertEquals(name + "\n", CliRun.of("netns", "identify", Long.toString(sleeper.pid())).out());
        assertTrue(CliRun.of("netns", "pids", name).out().lines().anyMatch(l -> l.equals(Long.toString(sleeper.pid()))));
        sleeper.destroyForcibly().waitFor();
        assertEquals(0, CliRun.of("netns", "delete", name).exit());
        assertFalse(ip("netns", "list").out().contains(name));
    }

    @Test
    void madeByNetns4jUsedByIp() {
        String name = scratch.name("by4j");
        assertEquals(0, CliRun.of("netns", "add", name).exit());
        assertTrue(ip("netns", "list").ok().out().lines().anyMatch(l -> l.startsWith(name)));
        assertEquals(0, ip("netns", "exec", name, "true").exit());
        assertEquals("1: lo", ip("-n", name, "-o", "link", "show", "lo").ok().out().split(":\\s+lo")[0] + ": lo");
        ip("netns", "delete", name).ok();
        scratch.forget(name);
        assertFalse(CliRun.of("netns", "list").out().contains(name));
    }

    @Test
    void jsonMatchesIpFieldByField() throws Exception {
        String a = scratch.name("ja");
        String b = scratch.name("jb");
        CliRun.of("netns", "add", a);
        ip("netns", "add", b).ok();
        ip("netns", "set", b, "auto").ok();
        Set<String> ours = Set.of(a, b);
        assertEquals(rows(ip("-j", "netns", "list").ok().out(), "name", ours),
                rows(CliRun.of("-j", "netns", "list").out(), "name", ours));
        assertEquals(rows(ip("-j", "netns", "list-id").ok().out(), "name", ours),
                rows(CliRun.of("-j", "netns", "list-id").out(), "name", ours));
        assertEquals(rows(ip("-j", "-n", a, "netns", "list").ok().out(), "name", ours),
                rows(CliRun.of("-j", "-n", a, "netns", "list").out(), "name", ours));
    }

    /** The rows of a JSON array whose {@code key} is one of ours (other namespaces may exist). */
    private List<JsonNode> rows(String text, String key, Set<String> ours) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode row : json.readTree(text)) {
            if (row.has(key) && ours.contains(row.get(key).asText())) {
                out.add(row);
            }
        }
        out.sort((x, y) -> x.get(key).asText().compareTo(y.get(key).asText()));
        return out;
    }
}
