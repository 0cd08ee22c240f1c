package org.lcnflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParametersTest {

    @Test
    void readsNumbersFromNumbersAndText() {
        Parameters p = Parameters.of(Map.of("a", 0.5, "b", "1e-6", "c", 7, "d", "12"));
        assertEquals(0.5, p.getDouble("a", 1));
        assertEquals(1e-6, p.getDouble("b", 1));
        assertEquals(7.0, p.getDouble("c", 1));
        assertEquals(7L, p.getLong("c", 1));
        assertEquals(12L, p.getLong("d", 1));
        assertEquals(3.0, p.getDouble("missing", 3.0));
        assertEquals(4L, p.getLong("missing", 4L));
        assertEquals("x", p.getString("missing", "x"));
        assertEquals("1e-6", p.getString("b", "x"));
        assertEquals(1e-6, p.requireDouble("b"));
    }

    @Test
    void acceptsIntegralDoublesAsLongsAndRejectsFractions() {
        Parameters p = Parameters.of(Map.of("n", 4.0, "f", 2.5, "t", "2.5", "big", 1e30));
        assertEquals(4L, p.getLong("n", 0));
        assertEquals("parameter 'f' must be an integer, got 2.5",
                assertThrows(IllegalArgumentException.class, () -> p.getLong("f", 0)).getMessage());
        assertEquals("parameter 't' must be an integer, got '2.5'",
                assertThrows(IllegalArgumentException.class, () -> p.getLong("t", 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.getLong("big", 0));
    }

    @Test
    void wrongTypesNameTheParameter() {
        Parameters p = Parameters.of(Map.of("step", "fast", "flag", "yes"));
        assertEquals("parameter 'step' must be a number, got 'fast'",
                assertThrows(IllegalArgumentException.class, () -> p.getDouble("step", 1)).getMessage());
        assertEquals("parameter 'flag' must be true or false, got 'yes'",
                assertThrows(IllegalArgumentException.class, () -> p.getBoolean("flag", true)).getMessage());
        assertEquals("parameter 'rtol' is required",
                assertThrows(IllegalArgumentException.class, () -> p.requireDouble("rtol")).getMessage());
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("x", List.of(1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Parameters.of(bad)).getMessage()
                .startsWith("parameter 'x' must be a number, a string or a boolean"));
    }

    @Test
    void requireOnlyListsKnownNames() {
        Parameters p = Parameters.of(Map.of("delt", 1.0));
        assertEquals("pseudo-huber: unknown parameter 'delt'; known parameters: [delta]",
                assertThrows(IllegalArgumentException.class,
                        () -> p.requireOnly("pseudo-huber", Set.of("delta"))).getMessage());
        assertEquals("square: unknown parameter 'delt'; it takes no parameters",
                assertThrows(IllegalArgumentException.class, () -> p.requireOnly("square", Set.of())).getMessage());
        assertSame(p, p.requireOnly("pseudo-huber", Set.of("delta", "delt")));
    }

    @Test
    void isImmutableAndComparedByValue() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("alpha", 2.0);
        source.put("beta", -1.0);
        Parameters p = Parameters.of(source);
        source.put("gamma", 1.0);
        assertEquals(Set.of("alpha", "beta"), p.names());
        assertFalse(p.has("gamma"));
        assertEquals("(alpha=2.0, beta=-1.0)", p.toString());
        Parameters q = p.with("gamma", 3);
        assertFalse(p.has("gamma"));
        assertEquals(3L, q.getLong("gamma", 0));
        assertEquals(p, Parameters.of(Map.of("alpha", 2.0, "beta", -1.0)));
        assertEquals(Parameters.empty(), Parameters.of(Map.of()));
        assertThrows(UnsupportedOperationException.class, () -> p.names().add("x"));
    }
}
