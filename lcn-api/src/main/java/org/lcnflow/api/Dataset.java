package org.lcnflow.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * Training data: {@code m} samples, inputs {@code x_i in R^{d_0}} and targets {@code y_i in R^{d_N}},
 * stored one sample per row (the paper's {@code X} and {@code Y} hold samples as columns, so
 * {@code inputs} is {@code X^T}).
 *
 * <p>Validated at construction: non-empty, rectangular, equal sample counts, every number finite.
 * Immutable: arrays are deep-copied in and out.
 *
 * @param inputs  {@code m x d_0}
 * @param targets {@code m x d_N}
 */
public record Dataset(double[][] inputs, double[][] targets) {

    /**
     * Copies and validates.
     *
     * @throws IllegalArgumentException naming the array, the row and column and the offending value
     */
    public Dataset {
        Objects.requireNonNull(inputs, "inputs is null");
        Objects.requireNonNull(targets, "targets is null");
        inputs = validatedCopy("inputs", inputs);
        targets = validatedCopy("targets", targets);
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException("inputs and targets must have the same number of samples (rows), got "
                    + inputs.length + " inputs and " + targets.length + " targets");
        }
    }

    private static double[][] validatedCopy(String name, double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException(name + " is empty: at least one sample is needed");
        }
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            if (row == null) {
                throw new IllegalArgumentException(name + " row " + i + " is null");
            }
            if (row.length == 0) {
                throw new IllegalArgumentException(name + " row " + i + " is empty");
            }
            if (row.length != rows[0].length) {
                throw new IllegalArgumentException(name + " is ragged: row " + i + " has " + row.length
                        + " values, row 0 has " + rows[0].length);
            }
            for (int j = 0; j < row.length; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] is " + row[j]
                            + ": data must be finite");
                }
            }
            copy[i] = row.clone();
        }
        return copy;
    }

    /** @return a deep copy of the inputs, {@code m x d_0} */
    @Override
    public double[][] inputs() {
        return deepCopy(inputs);
    }

    /** @return a deep copy of the targets, {@code m x d_N} */
    @Override
    public double[][] targets() {
        return deepCopy(targets);
    }

    /** @return the number of samples {@code m} */
    public int sampleCount() {
        return inputs.length;
    }

    /** @return the input dimension, the length of every input row */
    public int inputDimension() {
        return inputs[0].length;
    }

    /** @return the output dimension, the length of every target row */
    public int outputDimension() {
        return targets[0].length;
    }

    /**
     * @param sample 0-based sample index
     * @param index  0-based coordinate
     * @return {@code x_sample[index]}
     */
    public double input(int sample, int index) {
        return inputs[sample][index];
    }

    /**
     * @param sample 0-based sample index
     * @param index  0-based coordinate
     * @return {@code y_sample[index]}
     */
    public double target(int sample, int index) {
        return targets[sample][index];
    }

    /**
     * Checks that the data fit an architecture.
     *
     * @param architecture the network
     * @throws IllegalArgumentException naming both numbers when {@code d_0} or {@code d_N} differ
     */
    public void requireFits(Architecture architecture) {
        Objects.requireNonNull(architecture, "architecture is null");
        if (inputDimension() != architecture.inputDimension()) {
            throw new IllegalArgumentException("the inputs have dimension " + inputDimension()
                    + " but the architecture's input dimension d0 is " + architecture.inputDimension() + " ("
                    + architecture + ")");
        }
        if (outputDimension() != architecture.outputDimension()) {
            throw new IllegalArgumentException("the targets have dimension " + outputDimension()
                    + " but the architecture's output dimension dN is " + architecture.outputDimension() + " ("
                    + architecture + ")");
        }
    }

    private static double[][] deepCopy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dataset && Arrays.deepEquals(inputs, ((Dataset) other).inputs)
                && Arrays.deepEquals(targets, ((Dataset) other).targets);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(inputs) + Arrays.deepHashCode(targets);
    }

    @Override
    public String toString() {
        return "Dataset(samples=" + inputs.length + ", inputDimension=" + inputDimension() + ", outputDimension="
                + outputDimension() + ")";
    }
}
