/**
 * Running what a command asks for: one training run with its files ({@code Training}), checkpoints and
 * resumption ({@code CheckpointFiles}), a landscape sweep over seeded initializations in parallel
 * ({@code Landscape}), progress on a terminal or in log lines ({@code Progress}, {@code RunsProgress}) and
 * Ctrl-C ({@code Interrupts}).
 */
package org.lcnflow.cli.run;
