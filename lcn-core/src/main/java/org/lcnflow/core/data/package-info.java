/**
 * The built-in data sources, each a {@code DataSourceProvider} found by {@link java.util.ServiceLoader}:
 * {@code csv} and {@code npy} read matrices with one sample per row, {@code synthetic} draws Gaussian
 * inputs and targets from a seeded teacher LCN of the same architecture (with noise and outliers).
 */
package org.lcnflow.core.data;
