/**
 * Plugin discovery: {@link org.lcnflow.core.plugin.PluginRegistry} loads every
 * {@code LossProvider}, {@code IntegratorProvider} and {@code DataSourceProvider} once through
 * {@link java.util.ServiceLoader} (from the class path or a folder of plugin jars), rejects two providers
 * of one name naming both jars, and answers an unknown name with the names that do exist
 * ({@link org.lcnflow.core.plugin.PluginException}). A {@link org.lcnflow.core.plugin.Component} is a
 * provider chosen by name with its parameters. Depends on nothing but lcn-api; the Guice wiring on top of it
 * is {@link org.lcnflow.core.LcnModule}.
 */
package org.lcnflow.core.plugin;
