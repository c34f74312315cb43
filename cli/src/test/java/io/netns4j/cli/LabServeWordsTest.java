package io.netns4j.cli;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lab serve}'s words, checked before anything is opened (no root). */
class LabServeWordsTest {
    @Test
    void defaultsToLoopbackPort8040AndTakesLabNames() throws Exception {
        LabServeCommand.Request r = LabServeCommand.parse(List.of("a", "b"));
        assertEquals(List.of("a", "b"), r.labs());
        assertTrue(r.listen().getAddress().isLoopbackAddress());
        assertEquals(8040, r.listen().getPort());
    }

    @Test
    void listenTakesAddressesNotNames() throws Exception {
        assertEquals(0, LabServeCommand.parse(List.of("--listen", "127.0.0.1:0")).listen().getPort());
        assertEquals(InetAddress.getByName("::1"), LabServeCommand.parse(List.of("--listen", "[::1]:9000")).listen().getAddress());
        assertTrue(LabServeCommand.parse(List.of("--listen", ":9000")).listen().getAddress().isLoopbackAddress());
        assertTrue(assertThrows(UsageException.class, () -> LabServeCommand.parse(List.of("--listen", "example.com:80")))
                .getMessage().contains("not an IP address"));
        assertTrue(assertThrows(UsageException.class, () -> LabServeCommand.parse(List.of("--listen", "127.0.0.1:99999")))
                .getMessage().contains("not a port"));
        assertTrue(assertThrows(UsageException.class, () -> LabServeCommand.parse(List.of("--listen")))
                .getMessage().contains("needs HOST:PORT"));
        assertTrue(assertThrows(UsageException.class, () -> LabServeCommand.parse(List.of("--port", "1")))
                .getMessage().contains("no option \"--port\""));
        assertTrue(assertThrows(UsageException.class, () -> LabServeCommand.parse(List.of("a/b")))
                .getMessage().contains("not a lab name"));
    }
}
