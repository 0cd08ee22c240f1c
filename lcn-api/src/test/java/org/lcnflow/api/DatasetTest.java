package org.lcnflow.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatasetTest {

    private static String error(double[][] x, double[][] y) {
        return assertThrows(IllegalArgumentException.class, () -> new Dataset(x, y)).getMessage();
    }

    @Test
    void validatesShapeAndFiniteness() {
        assertEquals("inputs is empty: at least one sample is needed", error(new double[0][], new double[0][]));
        assertEquals("inputs is ragged: row 1 has 1 values, row 0 has 2",
                error(new double[][] {{1, 2}, {3}}, new double[][] {{1}, {2}}));
        assertEquals("targets[1][0] is NaN: data must be finite",
                error(new double[][] {{1}, {2}}, new double[][] {{1}, {Double.NaN}}));
        assertEquals("inputs[0][1] is Infinity: data must be finite",
                error(new double[][] {{1, Double.POSITIVE_INFINITY}}, new double[][] {{1}}));
        assertEquals("inputs and targets must have the same number of samples (rows), got 2 inputs and 1 targets",
                error(new double[][] {{1}, {2}}, new double[][] {{1}}));
        assertEquals("targets row 0 is empty", error(new double[][] {{1}}, new double[][] {{}}));
    }

    @Test
    void deepCopiesInAndOut() {
        double[][] x = {{1, 2, 3}, {4, 5, 6}};
        double[][] y = {{1}, {2}};
        Dataset d = new Dataset(x, y);
        x[0][0] = 99;
        d.inputs()[1][1] = 99;
        assertArrayEquals(new double[] {1, 2, 3}, d.inputs()[0]);
        assertEquals(5.0, d.input(1, 1));
        assertEquals(2, d.sampleCount());
        assertEquals(3, d.inputDimension());
        assertEquals(1, d.outputDimension());
        assertEquals(new Dataset(new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[][] {{1}, {2}}), d);
    }

    @Test
    void requireFitsNamesBothDimensions() {
        Dataset d = new Dataset(new double[][] {{1, 2, 3}}, new double[][] {{1}});
        d.requireFits(Architecture.of(3, new int[] {3}, new int[] {1}));
        assertEquals("the inputs have dimension 3 but the architecture's input dimension d0 is 4 "
                        + "(Architecture(d=[4, 2], k=[3], s=[1]))",
                assertThrows(IllegalArgumentException.class,
                        () -> d.requireFits(Architecture.of(4, new int[] {3}, new int[] {1}))).getMessage());
        assertEquals("the targets have dimension 1 but the architecture's output dimension dN is 2 "
                        + "(Architecture(d=[3, 2], k=[2], s=[1]))",
                assertThrows(IllegalArgumentException.class,
                        () -> d.requireFits(Architecture.of(3, new int[] {2}, new int[] {1}))).getMessage());
    }
}
