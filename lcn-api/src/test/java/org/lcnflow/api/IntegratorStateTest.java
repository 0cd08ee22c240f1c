package org.lcnflow.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntegratorStateTest {

    private static IntegratorState state(Map<String, double[]> vectors) {
        return new IntegratorState("adams-bashforth", "adams-bashforth(steps=4)", 1.5, 10, 2, 40,
                new double[] {1, 2}, 0.5, new double[] {0.1, 0.2}, Map.of("h", 0.01), vectors);
    }

    @Test
    void arrayEntriesAreCopiedInAndOut() {
        double[] row = {1, 2, 3};
        Map<String, double[]> vectors = new HashMap<>();
        vectors.put("nordsieck.0", row);
        IntegratorState s = state(vectors);
        row[0] = 99;
        vectors.put("other", new double[1]);
        assertArrayEquals(new double[] {1, 2, 3}, s.vector("nordsieck.0"));
        s.vector("nordsieck.0")[1] = 99;
        s.vectors().get("nordsieck.0")[2] = 99;
        assertArrayEquals(new double[] {1, 2, 3}, s.vector("nordsieck.0"));
        assertEquals(1, s.vectors().size());
    }

    @Test
    void equalityComparesArrayContents() {
        assertEquals(state(Map.of("a", new double[] {1, 2})), state(Map.of("a", new double[] {1, 2})));
        assertNotEquals(state(Map.of("a", new double[] {1, 2})), state(Map.of("a", new double[] {1, 3})));
        assertNotEquals(state(Map.of("a", new double[] {1})), state(Map.of("b", new double[] {1})));
    }

    @Test
    void theOneStepConstructorHasNoArrays() {
        IntegratorState s = new IntegratorState("rk4", "rk4(step=0.1)", 0, 0, 0, 1, new double[] {1},
                0, new double[] {0}, Map.of());
        assertTrue(s.vectors().isEmpty());
        assertEquals(state(Map.of()), state(Map.of()));
    }

    @Test
    void aMissingArrayIsNamedWithTheOnesPresent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> state(Map.of("scaled", new double[2])).vector("nordsieck.0"));
        assertTrue(e.getMessage().contains("'nordsieck.0'") && e.getMessage().contains("scaled"), e.getMessage());
    }
}
