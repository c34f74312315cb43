package io.netns4j.lab.view;

import io.netns4j.internal.json.JsonWriter;

import java.util.Map;

/**
 * One message of the page's event stream: an SSE event {@code type} with a JSON object.
 * Types: {@code snapshot} (a lab's whole picture), {@code iface} (one interface's state),
 * {@code rates} (counters of a lab's interfaces), {@code faults} (partition and impairments),
 * {@code services}, {@code timeline} (one entry of the lab's history), {@code gone} (a lab ended).
 *
 * @param type the event's name
 * @param data its fields, written as JSON
 */
record ViewEvent(String type, Map<String, Object> data) {
    /** The event as the {@code text/event-stream} format writes it, with its id. */
    String sse(long id) {
        return "id: " + id + "\nevent: " + type + "\ndata: " + JsonWriter.write(data) + "\n\n";
    }
}
