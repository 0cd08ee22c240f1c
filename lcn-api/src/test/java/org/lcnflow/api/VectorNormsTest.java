package org.lcnflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VectorNormsTest {

    @Test
    void euclideanNormNeitherOverflowsNorUnderflows() {
        assertEquals(5.0, VectorNorms.euclidean(new double[] {3, 4}));
        assertEquals(5e200, VectorNorms.euclidean(new double[] {3e200, 4e200}), 1e186);
        assertEquals(5e-200, VectorNorms.euclidean(new double[] {3e-200, 4e-200}), 1e-214);
        assertEquals(0.0, VectorNorms.euclidean(new double[] {0, 0}));
        assertEquals(0.0, VectorNorms.euclidean(new double[0]));
        assertEquals(Double.POSITIVE_INFINITY, VectorNorms.euclidean(new double[] {1, Double.NEGATIVE_INFINITY}));
        assertEquals(Double.NaN, VectorNorms.euclidean(new double[] {1, Double.NaN}));
        assertEquals(Double.POSITIVE_INFINITY, VectorNorms.euclidean(new double[] {Double.MAX_VALUE, Double.MAX_VALUE}));
    }
}
