/**
 * The Spark example: a landscape sweep through lcn-spark's {@code spark} engine, and an LCN in a Spark ML pipeline
 * ({@link org.lcnflow.examples.spark.SparkExample}).
 */
package org.lcnflow.examples.spark;
