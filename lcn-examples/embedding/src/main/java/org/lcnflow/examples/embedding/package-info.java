/**
 * Example: a host program that embeds lcn-flow to learn a smoothing filter from its own data, once with
 * Guice (one injector at the program's edge from {@code LcnModule} and the host's own module, which
 * publishes an in-memory data source) and once with plain constructors.
 */
package org.lcnflow.examples.embedding;
