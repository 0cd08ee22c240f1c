package org.lcnflow.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlowValuesTest {

    @Test
    void stopConditionValidatesEachField() {
        assertEquals("tMax must be > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new StopCondition(0, 0, 1)).getMessage());
        assertEquals("tMax must be > 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new StopCondition(Double.NaN, 0, 1)).getMessage());
        assertEquals("gradientTolerance must be >= 0 and finite, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new StopCondition(1, -1, 1)).getMessage());
        assertEquals("maxSteps must be >= 1, got -5",
                assertThrows(IllegalArgumentException.class, () -> new StopCondition(1, 0, -5)).getMessage());
        assertEquals("maxParameterNorm must be > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new StopCondition(1, 0, 1, 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> StopCondition.atTime(Double.POSITIVE_INFINITY)).getMessage().contains("never ends"));
        StopCondition s = new StopCondition(2.0, 1e-8, 100);
        assertEquals(StopCondition.DEFAULT_MAX_PARAMETER_NORM, s.maxParameterNorm());
        assertEquals(new StopCondition(Double.POSITIVE_INFINITY, 1e-8, 10).tMax(), Double.POSITIVE_INFINITY);
    }

    @Test
    void flowResultCopiesParametersAndRejectsNaN() {
        double[] w = {1, 2};
        FlowResult r = new FlowResult(w, 1, 2, 3, 4, 0, 5, StopReason.TIME_LIMIT);
        w[0] = 9;
        r.parameters()[1] = 9;
        assertArrayEquals(new double[] {1, 2}, r.parameters());
        assertEquals(new FlowResult(new double[] {1, 2}, 1, 2, 3, 4, 0, 5, StopReason.TIME_LIMIT), r);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new FlowResult(w, 1, Double.NaN, 3, 4, 0, 5, StopReason.DIVERGED)).getMessage()
                .startsWith("a flow result may not hold NaN"));
        assertThrows(IllegalArgumentException.class, () -> new FlowResult(w, 1, 1, 3, -1, 0, 5, StopReason.DIVERGED));
    }

    @Test
    void noneObserverNeverCancels() {
        assertTrue(FlowObserver.NONE.onStep(0, new double[1], 0, new double[1]));
    }
}
