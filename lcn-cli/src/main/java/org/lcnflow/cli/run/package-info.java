/**
 * Running what a command asks for: one training run with its files ({@code Training}), checkpoints and
 * resumption ({@code CheckpointFiles}), progress of a run or of a landscape sweep (lcn-core's {@code sweep}) on a terminal or in log lines ({@code Progress}, {@code RunsProgress}) and
 * Ctrl-C ({@code Interrupts}).
 */
package org.lcnflow.cli.run;
