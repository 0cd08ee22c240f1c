/**
 * The {@code lcn} command ({@link org.lcnflow.cli.Lcn}) and its subcommands: {@code train},
 * {@code evaluate}, {@code compare}, {@code landscape}, {@code plugins}, {@code losses}, {@code demo}.
 * Each command reads its configuration ({@code org.lcnflow.cli.config}), runs ({@code org.lcnflow.cli.run})
 * and writes its reports and charts ({@code org.lcnflow.cli.report}); imports run in that direction only.
 * The interface of this module is the command line; its Java classes are not a library API. Losses and
 * integrators are reached through the plugin registry alone (lcn-losses and lcn-integrators are runtime
 * dependencies).
 */
package org.lcnflow.cli;
