/**
 * lcn-flow on Apache Spark 4 (Scala 2.13), the platform's only module that depends on Spark (as {@code provided}):
 * {@link org.lcnflow.spark.DistributedRisk}, the empirical risk (eq. (1.3)) over a distributed {@code Dataset}, its
 * rows checked and cached once in fixed chunks, each evaluation one pass whose result is the same bits for any
 * number of partitions; {@link org.lcnflow.spark.SparkSweepEngine}, landscape sweeps on the executors; and
 * {@link org.lcnflow.spark.LcnRegressor} / {@link org.lcnflow.spark.LcnRegressionModel}, an LCN in Spark ML. The JVM needs the flags Spark's own launcher passes (see {@code docs/spark.md}).
 */
package org.lcnflow.spark;
