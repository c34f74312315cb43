package io.netns4j.internal.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonWriterTest {
    @Test
    void compactLikeIpJ() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", "a\"b\\c\n");
        row.put("id", 3);
        assertEquals("[{\"name\":\"a\\\"b\\\\c\\n\",\"id\":3}]", JsonWriter.write(List.of(row), false));
        assertEquals("[]", JsonWriter.write(List.of(), false));
    }

    @Test
    void prettyOutputParsesToTheSameValue() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", "x\u0001");
        row.put("ok", true);
        row.put("list", List.of(1, 2));
        String pretty = JsonWriter.write(List.of(row, Map.of()), true);
        ObjectMapper m = new ObjectMapper();
        assertEquals(m.readTree(JsonWriter.write(List.of(row, Map.of()), false)), m.readTree(pretty));
        assertEquals(true, pretty.contains("\n    {"));
    }
}
