package io.netns4j.firewall;

import io.netns4j.internal.json.JsonReader;
import io.netns4j.internal.json.JsonWriter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compact JSON parser main code uses for nft's listings (no root needed). */
class JsonReaderTest {
    @Test
    void parsesTheShapesNftPrints() {
        Object v = JsonReader.parse(" {\"nftables\": [{\"rule\": {\"handle\": 5, \"expr\": [{\"accept\": null}],"
                + " \"x\": -1.5e2, \"t\": true, \"f\": false, \"s\": \"a\\\"b\\\\c\\u00e9\\n\"}}]} ");
        Map<?, ?> rule = (Map<?, ?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) v).get("nftables")).getFirst()).get("rule");
        assertEquals(5L, rule.get("handle"));
        assertTrue(((Map<?, ?>) ((List<?>) rule.get("expr")).getFirst()).containsKey("accept"));
        assertNull(((Map<?, ?>) ((List<?>) rule.get("expr")).getFirst()).get("accept"));
        assertEquals(-150.0, rule.get("x"));
        assertEquals(true, rule.get("t"));
        assertEquals(false, rule.get("f"));
        assertEquals("a\"b\\c\u00e9\n", rule.get("s"));
        assertEquals(List.of("handle", "expr", "x", "t", "f", "s"), List.copyOf(rule.keySet()), "key order kept");
    }

    @Test
    void numbersTooBigForALongBecomeDoubles() {
        assertEquals(9223372036854775807L, JsonReader.parse("9223372036854775807"));
        assertEquals(1e19, JsonReader.parse("10000000000000000000"));
        assertEquals(List.of(), JsonReader.parse("[]"));
        assertEquals(Map.of(), JsonReader.parse("{ }"));
    }

    @Test
    void writerAndReaderRoundTrip() {
        Object v = JsonReader.parse("{\"a\":[1,\"x\\ty\",null,{\"b\":false}],\"c\":\"\\u0001\"}");
        assertEquals(v, JsonReader.parse(JsonWriter.write(v)));
        assertEquals("{\"a\":[1,\"x\\ty\",null,{\"b\":false}],\"c\":\"\\u0001\"}", JsonWriter.write(v));
    }

    @Test
    void malformedInputNamesTheOffset() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "tru", "\"abc", "01x", "[1] 2",
                "\"\\q\"", "-", "1.", "{1:2}", "\"a\u0001\"")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("Malformed JSON at offset "), e.getMessage());
        }
        char[] deep = new char[2000];
        Arrays.fill(deep, '[');
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(new String(deep)));
    }
}
