package org.lcnflow.core.data;

/** Shared checks for data read from files. */
final class Matrices {

    private Matrices() {
    }

    /**
     * Checks a pair of sample-major arrays against each other and the architecture's dimensions.
     *
     * @param xName          where the inputs came from (file name)
     * @param x              inputs, m x d0
     * @param yName          where the targets came from
     * @param y              targets, m x dN
     * @param inputDimension d0
     * @param outputDimension dN
     */
    static void requireShapes(String xName, double[][] x, String yName, double[][] y, int inputDimension,
                              int outputDimension) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(xName + " has " + x.length + " samples (rows) but " + yName + " has "
                    + y.length + "; inputs and targets need one row per sample each");
        }
        if (x[0].length != inputDimension) {
            throw new IllegalArgumentException(xName + " has " + x[0].length + " columns but the architecture's input"
                    + " dimension d0 is " + inputDimension);
        }
        if (y[0].length != outputDimension) {
            throw new IllegalArgumentException(yName + " has " + y[0].length + " columns but the architecture's output"
                    + " dimension dN is " + outputDimension);
        }
    }
}
