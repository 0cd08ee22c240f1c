package org.lcnflow.api;

/**
 * Where training data come from: files, a generator, a user's program. Created by a
 * {@link DataSourceProvider} from its parameters.
 */
public interface DataSource {

    /**
     * Loads or generates the data for an architecture.
     *
     * @param architecture the network the data are for; a source may use it to size generated data
     * @return the dataset, with {@code d_0}-dimensional inputs and {@code d_N}-dimensional targets
     * @throws IllegalArgumentException when the data are missing, malformed or do not fit the
     *                                  architecture, naming the file, line or parameter
     */
    Dataset load(Architecture architecture);
}
