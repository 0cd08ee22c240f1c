package org.lcnflow.core.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.DataSource;
import org.lcnflow.api.Dataset;

/** Inputs and targets read from two matrix files, one sample per row. Immutable. */
final class MatrixFileDataSource implements DataSource {

    private final String format;
    private final Path inputs;
    private final Path targets;
    private final Function<Path, double[][]> reader;

    MatrixFileDataSource(String format, Path inputs, Path targets, Function<Path, double[][]> reader) {
        this.format = format;
        this.inputs = Objects.requireNonNull(inputs, "inputs is null");
        this.targets = Objects.requireNonNull(targets, "targets is null");
        this.reader = reader;
    }

    @Override
    public Dataset load(Architecture architecture) {
        double[][] x = reader.apply(inputs);
        double[][] y = reader.apply(targets);
        Matrices.requireShapes(inputs.toString(), x, targets.toString(), y, architecture.inputDimension(),
                architecture.outputDimension());
        return new Dataset(x, y);
    }

    @Override
    public String toString() {
        return format + "(x=" + inputs + ", y=" + targets + ")";
    }
}
