package org.lcnflow.examples.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lcnflow.core.endpoint.EndPoint;

/** Runs the example on {@code local[2]} and checks what it prints against what it returns. */
class SparkExampleTest {

    @Test
    void theSweepMatchesTheInProcessOneAndTheLoadedModelGivesTheSameOutputs() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SparkExample.Outcome outcome = SparkExample.run("local[2]", new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(outcome.sameAsInProcess(), printed);
        assertEquals(40, outcome.sweep().rows().size());
        assertTrue(outcome.sweep().counts().get(EndPoint.Verdict.GLOBAL_MINIMUM_CERTIFIED) > 0, printed);
        assertTrue(printed.contains("the same rows as the in-process sweep: true"), printed);
        assertEquals("GRADIENT_TOLERANCE", outcome.model().stopReason(), printed);
        assertTrue(outcome.model().gradientNorm() <= 1e-6, printed);
        assertTrue(outcome.model().lossMonotone(), printed);
        assertTrue(printed.contains("  end point " + outcome.model().endPoint() + ": "), printed);
        assertEquals(0.0, outcome.largestDifferenceAfterLoading(), 0.0, printed);
        assertTrue(printed.contains("largest difference of the outputs 0.0"), printed);
    }
}
