package org.lcnflow.core.testing;

import org.lcnflow.api.Loss;
import org.lcnflow.api.SeparableLoss;

/** Losses defined in the tests, independent of lcn-losses. */
public final class TestLosses {

    private TestLosses() {
    }

    /** {@code sum r^2}, with the bound {@code h(L) = sqrt(d_N m L)} of the paper (via Hoelder). */
    public static final SeparableLoss SQUARE = new SeparableLoss() {
        @Override
        public boolean isAnalytic() {
            return true;
        }

        @Override
        public double l1Bound(double risk, int outputDimension, int samples) {
            return Math.sqrt((double) outputDimension * samples * risk);
        }

        @Override
        public double phi(double r) {
            return r * r;
        }

        @Override
        public double phiPrime(double r) {
            return 2 * r;
        }

        @Override
        public double phiSecond(double r) {
            return 2;
        }
    };

    /** {@code sum sqrt(1 + r^2)}: smooth and not quadratic (pseudo-Huber with delta 1, {@code h(L) = L}). */
    public static final SeparableLoss SMOOTH_ABS = new SeparableLoss() {
        @Override
        public boolean isAnalytic() {
            return true;
        }

        @Override
        public double l1Bound(double risk, int outputDimension, int samples) {
            return risk;
        }

        @Override
        public double phi(double r) {
            return Math.sqrt(1 + r * r);
        }

        @Override
        public double phiPrime(double r) {
            return r / Math.sqrt(1 + r * r);
        }

        @Override
        public double phiSecond(double r) {
            double s = Math.sqrt(1 + r * r);
            return 1 / (s * s * s);
        }
    };

    /** {@code log(1 + ||z - y||^2)}: not separable, exercises the generic path. */
    public static final Loss LOG_NORM = new Loss() {
        @Override
        public double value(double[] z, double[] y) {
            double s = 0;
            for (int j = 0; j < z.length; j++) {
                s += (z[j] - y[j]) * (z[j] - y[j]);
            }
            return Math.log1p(s);
        }

        @Override
        public void gradient(double[] z, double[] y, double[] out) {
            double s = 0;
            for (int j = 0; j < z.length; j++) {
                s += (z[j] - y[j]) * (z[j] - y[j]);
            }
            for (int j = 0; j < z.length; j++) {
                out[j] = 2 * (z[j] - y[j]) / (1 + s);
            }
        }
    };
}
