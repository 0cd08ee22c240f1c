package org.lcnflow.core.network;

import org.lcnflow.api.Architecture;

/** Where a run's initial filters come from: given per layer, or drawn from a seeded generator. */
public sealed interface Initialization permits Initialization.Given, Initialization.Seeded {

    /**
     * @param architecture the network
     * @return the initial filters, concatenated in layer order
     * @throws IllegalArgumentException when they do not fit the architecture, naming layer and numbers
     */
    double[] filters(Architecture architecture);

    /**
     * Filters given layer by layer.
     *
     * @param layers one filter per layer (deep-copied)
     */
    record Given(double[][] layers) implements Initialization {

        /** Copies the filters. */
        public Given {
            java.util.Objects.requireNonNull(layers, "layers is null");
            double[][] copy = new double[layers.length][];
            for (int i = 0; i < layers.length; i++) {
                copy[i] = java.util.Objects.requireNonNull(layers[i], "layer filter is null").clone();
            }
            layers = copy;
        }

        @Override
        public double[][] layers() {
            double[][] copy = new double[layers.length][];
            for (int i = 0; i < layers.length; i++) {
                copy[i] = layers[i].clone();
            }
            return copy;
        }

        @Override
        public double[] filters(Architecture architecture) {
            if (layers.length != architecture.depth()) {
                throw new IllegalArgumentException("the initial filters have " + layers.length + " layers but the"
                        + " architecture has depth " + architecture.depth());
            }
            double[] w = new double[architecture.parameterCount()];
            for (int i = 0; i < layers.length; i++) {
                if (layers[i].length != architecture.width(i)) {
                    throw new IllegalArgumentException("the initial filter of layer " + (i + 1) + " has "
                            + layers[i].length + " values but the layer's width k" + (i + 1) + " is "
                            + architecture.width(i));
                }
                for (int j = 0; j < layers[i].length; j++) {
                    if (!Double.isFinite(layers[i][j])) {
                        throw new IllegalArgumentException("the initial filter of layer " + (i + 1) + " has the"
                                + " non-finite value " + layers[i][j] + " at position " + (j + 1));
                    }
                }
                System.arraycopy(layers[i], 0, w, architecture.offset(i), layers[i].length);
            }
            return w;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Given && java.util.Arrays.deepEquals(layers, ((Given) other).layers);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.deepHashCode(layers);
        }

        @Override
        public String toString() {
            return "Given" + java.util.Arrays.deepToString(layers);
        }
    }

    /**
     * Seeded Gaussian filters ({@link InitialFilters#gaussian}).
     *
     * @param seed  the seed
     * @param scale the standard deviation of every entry, {@code > 0}
     */
    record Seeded(long seed, double scale) implements Initialization {

        /** Checks the scale. */
        public Seeded {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("init scale must be > 0 and finite, got " + scale);
            }
        }

        @Override
        public double[] filters(Architecture architecture) {
            return InitialFilters.gaussian(architecture, seed, scale);
        }
    }
}
