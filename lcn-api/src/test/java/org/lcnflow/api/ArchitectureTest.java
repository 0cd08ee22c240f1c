package org.lcnflow.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void derivesDimensionsByEquation12() {
        // d1 = (27 - 3)/1 + 1 = 25, d2 = (25 - 3)/2 + 1 = 12, d3 = (12 - 2)/1 + 1 = 11
        Architecture a = Architecture.of(27, new int[] {3, 3, 2}, new int[] {1, 2, 1});
        assertArrayEquals(new int[] {27, 25, 12, 11}, a.dimensions());
        assertEquals(3, a.depth());
        assertEquals(27, a.inputDimension());
        assertEquals(11, a.outputDimension());
        assertEquals(8, a.parameterCount());
        // k_v = k1 + (k2 - 1) s1 + (k3 - 1) s1 s2 = 3 + 2 + 2 = 7, s_v = 2
        assertEquals(7, a.finalWidth());
        assertEquals(2, a.finalStride());
        assertArrayEquals(new int[] {0, 3, 6}, new int[] {a.offset(0), a.offset(1), a.offset(2)});
        assertArrayEquals(new int[] {1, 1, 2, 2},
                new int[] {a.cumulativeStride(0), a.cumulativeStride(1), a.cumulativeStride(2), a.cumulativeStride(3)});
    }

    @Test
    void rejectsNonIntegerDimensionNamingLayerAndNumbers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architecture.of(10, new int[] {3}, new int[] {2}));
        assertEquals("layer 1: d1 = (d0 - k1)/s1 + 1 = (10 - 3)/2 + 1 = 4.5 is not an integer (eq. (1.2)); "
                + "10 - 3 = 7 must be a multiple of the stride 2", e.getMessage());
    }

    @Test
    void rejectsNonIntegerDimensionInADeeperLayer() {
        // d0 = 9 gives d1 = 8 and d2 = (8 - 2)/2 + 1 = 4: valid; d0 = 10 gives d1 = 9 and (9 - 2)/2: not
        assertArrayEquals(new int[] {9, 8, 4}, Architecture.of(9, new int[] {2, 2}, new int[] {1, 2}).dimensions());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> Architecture.of(10, new int[] {2, 2}, new int[] {1, 2}));
        assertTrue(e2.getMessage().startsWith("layer 2: d2 = (d1 - k2)/s2 + 1 = (9 - 2)/2 + 1 = 4.5"), e2.getMessage());
    }

    @Test
    void rejectsOutOfRangeNumbers() {
        assertEquals("input dimension d0 must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Architecture.of(0, new int[] {1}, new int[] {1})).getMessage());
        assertEquals("layer 2: filter width k2 must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Architecture.of(5, new int[] {2, 0}, new int[] {1, 1})).getMessage());
        assertEquals("layer 1: stride s1 must be >= 1, got -1", assertThrows(IllegalArgumentException.class,
                () -> Architecture.of(5, new int[] {2}, new int[] {-1})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Architecture.of(3, new int[] {4}, new int[] {1})).getMessage()
                .startsWith("layer 1: filter width k1 = 4 exceeds the layer's input dimension d0 = 3"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Architecture.of(3, new int[] {1, 1}, new int[] {1})).getMessage()
                .startsWith("widths and strides must have the same length"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Architecture.of(3, new int[0], new int[0])).getMessage().contains("at least one layer"));
    }

    @Test
    void copiesArraysInAndOut() {
        int[] widths = {2, 2};
        int[] strides = {2, 1};
        Architecture a = Architecture.of(6, widths, strides);
        widths[0] = 5;
        strides[0] = 7;
        assertArrayEquals(new int[] {2, 2}, a.widths());
        a.widths()[0] = 9;
        a.strides()[0] = 9;
        a.dimensions()[0] = 9;
        assertArrayEquals(new int[] {2, 2}, a.widths());
        assertArrayEquals(new int[] {2, 1}, a.strides());
        assertArrayEquals(new int[] {6, 3, 2}, a.dimensions());
    }

    @Test
    void equalsAndHashCodeByValue() {
        Architecture a = Architecture.of(6, new int[] {2, 2}, new int[] {2, 1});
        Architecture b = Architecture.of(6, new int[] {2, 2}, new int[] {2, 1});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Architecture.of(8, new int[] {2, 2}, new int[] {2, 1}));
        assertNotEquals(a, Architecture.of(7, new int[] {2, 2}, new int[] {1, 2}));
        assertEquals("Architecture(d=[6, 3, 2], k=[2, 2], s=[2, 1])", a.toString());
    }

    @Test
    void fillingMeansAllStridesOneAndAtMostOneEvenWidth() {
        assertTrue(Architecture.of(10, new int[] {3, 2, 5}, new int[] {1, 1, 1}).isFilling());
        assertFalse(Architecture.of(10, new int[] {2, 2, 3}, new int[] {1, 1, 1}).isFilling());
        assertFalse(Architecture.of(11, new int[] {3, 3}, new int[] {2, 1}).isFilling());
        assertTrue(Architecture.of(4, new int[] {1}, new int[] {1}).isFilling());
    }
}
