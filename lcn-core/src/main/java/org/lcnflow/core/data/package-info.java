/** The built-in data sources: {@code csv}, {@code npy} and {@code synthetic}. */
package org.lcnflow.core.data;
