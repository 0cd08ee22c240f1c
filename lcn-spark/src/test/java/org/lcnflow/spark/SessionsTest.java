package org.lcnflow.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A standalone master that does not answer is named at once, not after Spark's minute of retries. */
class SessionsTest {

    @Test
    void aStandaloneMasterThatRefusesIsNamed() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort(); // free once closed: nothing listens there
        }
        String url = "spark://127.0.0.1:" + closed;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sessions.requireReachable(url));
        assertTrue(e.getMessage().startsWith("cannot reach the Spark master '" + url + "' (127.0.0.1:" + closed),
                e.getMessage());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> Sessions.requireReachable("spark://host:port"));
        assertEquals("master 'spark://host:port': 'host:port' is not host:port", port.getMessage());
    }

    @Test
    void aListeningMasterOrAnotherKindOfMasterPasses() throws IOException {
        try (ServerSocket master = new ServerSocket(0)) {
            assertDoesNotThrow(() -> Sessions.requireReachable("spark://127.0.0.1:1,127.0.0.1:" + master.getLocalPort()));
        }
        assertDoesNotThrow(() -> Sessions.requireReachable("local[2]"));
        assertDoesNotThrow(() -> Sessions.requireReachable("yarn"));
    }
}
