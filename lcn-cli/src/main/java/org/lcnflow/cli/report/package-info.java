/**
 * What the commands write: {@code summary.json} and the text report of a run with its diagnostics and end
 * point ({@code Reports}, {@code EndPointReports}), the charts ({@code Charts}: loss, balancedness,
 * comparisons, the landscape, the paper's Figure 1 from {@code LossCurves}), and every file written to a
 * temporary file and renamed, so that a killed run leaves only complete files ({@code AtomicFiles}).
 */
package org.lcnflow.cli.report;
