package org.lcnflow.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.EmpiricalRisk;

/**
 * The distributed risk against the in-process one: value and gradient to 1e-12 (relative) for every built-in loss,
 * strides above 1, several chunks; the same bits for any number of partitions; ML-vector columns as arrays; and bad
 * input named (column, row, value) without Spark's wrapping.
 */
class DistributedRiskTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final Architecture STRIDED = Architecture.of(27, new int[] {3, 3, 2}, new int[] {1, 2, 1});
    private static final Architecture WIDE = Architecture.of(40, new int[] {4, 3}, new int[] {3, 1});
    private static final List<Map.Entry<String, Parameters>> LOSSES = List.of(
            Map.entry("square", Parameters.empty()),
            Map.entry("lp", Parameters.of(Map.of("p", 3.0))),
            Map.entry("pseudo-huber", Parameters.of(Map.of("delta", 0.5))),
            Map.entry("generalized-huber", Parameters.of(Map.of("alpha", 2.0, "beta", 0.5))),
            Map.entry("log-cosh", Parameters.of(Map.of("alpha", 1.5))));

    @Test
    void agreesWithTheInProcessRiskForEveryBuiltInLoss() {
        for (Architecture a : List.of(STRIDED, WIDE)) {
            Dataset data = LocalSpark.teacherData(a, 700, 11);
            org.apache.spark.sql.Dataset<Row> frame = LocalSpark.frame(data, 3);
            Random random = new Random(5);
            double[] w = new double[a.parameterCount()];
            for (int i = 0; i < w.length; i++) {
                w[i] = 0.7 * random.nextGaussian();
            }
            for (Map.Entry<String, Parameters> loss : LOSSES) {
                EmpiricalRisk local = EmpiricalRisk.of(a, data, REGISTRY.loss(loss.getKey(), loss.getValue()));
                try (DistributedRisk distributed = DistributedRisk.of(a, frame, loss.getKey(), loss.getValue(),
                        DistributedRisk.Options.defaults().withChunkSamples(128))) {
                    assertEquals(6, distributed.chunkCount());
                    double[] expected = new double[w.length];
                    double[] actual = new double[w.length];
                    double value = local.valueAndGradient(w, expected);
                    assertEquals(value, distributed.valueAndGradient(w, actual), 1e-12 * Math.abs(value),
                            loss.getKey() + " value, " + a);
                    double scale = 0;
                    for (double g : expected) {
                        scale = Math.max(scale, Math.abs(g));
                    }
                    for (int i = 0; i < w.length; i++) {
                        assertEquals(expected[i], actual[i], 1e-12 * scale, loss.getKey() + " gradient " + i + ", " + a);
                    }
                    assertEquals(1, distributed.passes());
                }
            }
        }
    }

    @Test
    void theValueAndGradientAreTheSameBitsForAnyNumberOfPartitions() {
        Dataset data = LocalSpark.teacherData(STRIDED, 1000, 3);
        double[] w = {0.5, -0.3, 0.8, 1.1, 0.2, -0.7, 0.9, 0.4};
        double[] reference = null;
        for (int partitions : new int[] {1, 2, 3, 7}) {
            try (DistributedRisk risk = DistributedRisk.of(STRIDED, LocalSpark.frame(data, 4), "pseudo-huber",
                    Parameters.of(Map.of("delta", 0.5)), DistributedRisk.Options.defaults().withChunkSamples(100)
                            .withPartitions(partitions))) {
                assertEquals(partitions, risk.partitions());
                double[] g = new double[w.length + 1];
                double[] gradient = new double[w.length];
                g[0] = risk.valueAndGradient(w, gradient);
                System.arraycopy(gradient, 0, g, 1, w.length);
                if (reference == null) {
                    reference = g;
                } else {
                    assertArrayEquals(reference, g, 0.0, partitions + " partitions");
                }
            }
        }
    }

    @Test
    void aFlowOnTheDistributedRiskEndsWhereTheInProcessFlowEnds() {
        Dataset data = LocalSpark.teacherData(STRIDED, 600, 21);
        double[] w0 = {0.5, -0.3, 0.8, 1.1, 0.2, -0.7, 0.9, 0.4};
        Parameters delta = Parameters.of(Map.of("delta", 0.5));
        // each evaluation is a Spark job (tens of ms in local mode): a short fixed-step flow, 40 evaluations
        FlowIntegrator integrator = REGISTRY.integrator("rk4", Parameters.of(Map.of("step", 1e-4)));
        StopCondition stop = StopCondition.atTime(1e-3);
        FlowResult local = integrator.integrate(EmpiricalRisk.of(STRIDED, data, REGISTRY.loss("pseudo-huber", delta)),
                w0, stop, FlowObserver.NONE);
        try (DistributedRisk risk = DistributedRisk.of(STRIDED, LocalSpark.frame(data, 2), "pseudo-huber", delta,
                DistributedRisk.Options.defaults().withChunkSamples(256))) {
            FlowResult distributed = integrator.integrate(risk, w0, stop, FlowObserver.NONE);
            assertEquals(StopReason.TIME_LIMIT, distributed.stopReason());
            assertEquals(local.evaluations(), distributed.evaluations(), "the same steps");
            assertTrue(distributed.evaluations() <= 50, distributed.toString());
            assertEquals(distributed.evaluations(), risk.passes(), "one distributed pass per evaluation");
            for (int i = 0; i < w0.length; i++) {
                assertEquals(local.parameters()[i], distributed.parameters()[i], 1e-10, "filter entry " + i);
            }
            assertEquals(local.value(), distributed.value(), 1e-11 * local.value());
        }
    }

    @Test
    void aQuadraticLossMakesOnePassForAWholeFlow() {
        Dataset data = LocalSpark.teacherData(STRIDED, 900, 4);
        double[] w0 = {0.5, -0.3, 0.8, 1.1, 0.2, -0.7, 0.9, 0.4};
        FlowIntegrator integrator = REGISTRY.integrator("dormand-prince-54", Parameters.of(Map.of("rtol", 1e-8,
                "atol", 1e-10)));
        StopCondition stop = StopCondition.atTime(0.05);
        FlowResult local = integrator.integrate(EmpiricalRisk.of(STRIDED, data, REGISTRY.loss("square",
                Parameters.empty())), w0, stop, FlowObserver.NONE);
        try (DistributedRisk risk = DistributedRisk.of(STRIDED, LocalSpark.frame(data, 3), "square",
                Parameters.empty(), DistributedRisk.Options.defaults().withChunkSamples(200))) {
            assertEquals(1, risk.passes(), "the statistics' pass, at construction");
            FlowResult distributed = integrator.integrate(risk, w0, stop, FlowObserver.NONE);
            assertEquals(1, risk.passes(), "no pass more for " + distributed.evaluations() + " evaluations");
            assertEquals(local.evaluations(), distributed.evaluations(), "the same steps");
            for (int i = 0; i < w0.length; i++) {
                assertEquals(local.parameters()[i], distributed.parameters()[i], 1e-10, "filter entry " + i);
            }
            assertEquals(local.value(), distributed.value(), 1e-10 * local.value());
        }
    }

    @Test
    void theHessianIsTheInProcessRisksOnBothPaths() {
        Dataset data = LocalSpark.teacherData(STRIDED, 500, 9);
        double[] w = {0.5, -0.3, 0.8, 1.1, 0.2, -0.7, 0.9, 0.4};
        int n = w.length;
        for (Map.Entry<String, Parameters> loss : List.of(LOSSES.get(0), LOSSES.get(2))) {
            EmpiricalRisk local = EmpiricalRisk.of(STRIDED, data, REGISTRY.loss(loss.getKey(), loss.getValue()));
            double[] expected = new double[n * n];
            double value = local.valueGradientAndHessian(w, new double[n], expected);
            double scale = 0;
            for (double h : expected) {
                scale = Math.max(scale, Math.abs(h));
            }
            double[] reference = null;
            for (int partitions : new int[] {1, 3}) {
                try (DistributedRisk risk = DistributedRisk.of(STRIDED, LocalSpark.frame(data, 2), loss.getKey(),
                        loss.getValue(), DistributedRisk.Options.defaults().withChunkSamples(120)
                                .withPartitions(partitions))) {
                    assertTrue(risk.hasHessian());
                    double[] hessian = new double[n * n];
                    assertEquals(value, risk.valueGradientAndHessian(w, new double[n], hessian),
                            1e-11 * Math.abs(value), loss.getKey());
                    for (int i = 0; i < n * n; i++) {
                        assertEquals(expected[i], hessian[i], 1e-11 * scale, loss.getKey() + ": entry " + i);
                    }
                    if (reference == null) {
                        reference = hessian;
                    } else {
                        assertArrayEquals(reference, hessian, 0.0, loss.getKey() + " on " + partitions
                                + " partitions");
                    }
                }
            }
        }
    }

    @Test
    void mlVectorColumnsGiveWhatArraysGive() {
        Dataset data = LocalSpark.teacherData(STRIDED, 300, 8);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < data.sampleCount(); i++) {
            rows.add(RowFactory.create(Vectors.dense(data.inputs()[i]), Vectors.dense(data.targets()[i])));
        }
        StructType schema = new StructType().add("features", new VectorUDT(), false).add("label", new VectorUDT(),
                false);
        org.apache.spark.sql.Dataset<Row> vectors = LocalSpark.session().createDataFrame(rows, schema);
        double[] w = {0.5, -0.3, 0.8, 1.1, 0.2, -0.7, 0.9, 0.4};
        double[] g1 = new double[w.length];
        double[] g2 = new double[w.length];
        try (DistributedRisk a = DistributedRisk.of(STRIDED, vectors, "square", Parameters.empty(),
                DistributedRisk.Options.defaults().withColumns("features", "label"));
             DistributedRisk b = DistributedRisk.of(STRIDED, LocalSpark.frame(data, 2), "square", Parameters.empty(),
                     DistributedRisk.Options.defaults())) {
            assertEquals(b.valueAndGradient(w, g2), a.valueAndGradient(w, g1), 0.0);
            assertArrayEquals(g2, g1, 0.0);
        }
    }

    @Test
    void badInputIsNamedWithoutSparksWrapping() {
        Dataset data = LocalSpark.teacherData(STRIDED, 50, 2);
        org.apache.spark.sql.Dataset<Row> frame = LocalSpark.frame(data, 2);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> DistributedRisk.of(
                STRIDED, frame, "square", Parameters.empty(), DistributedRisk.Options.defaults().withColumns("input",
                        "y")));
        assertEquals("the data have no column 'input' for the inputs (columns: [x, y])", missing.getMessage());

        IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> DistributedRisk.of(
                Architecture.of(29, new int[] {3, 3, 2}, new int[] {1, 2, 1}), frame, "square", Parameters.empty(),
                DistributedRisk.Options.defaults()));
        assertTrue(length.getMessage().matches("row \\d+: column 'x' \\(the inputs\\) has 27 values, the architecture"
                + " needs 29"), length.getMessage());

        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double[] x = data.inputs()[i].clone();
            if (i == 7) {
                x[4] = Double.NaN;
            }
            rows.add(RowFactory.create(LocalSpark.boxed(x), LocalSpark.boxed(data.targets()[i])));
        }
        org.apache.spark.sql.Dataset<Row> withNaN = LocalSpark.session().createDataFrame(rows,
                LocalSpark.arraySchema()).coalesce(1);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> DistributedRisk.of(STRIDED,
                withNaN, "square", Parameters.empty(), DistributedRisk.Options.defaults()));
        assertEquals("row 7: column 'x' (the inputs) has NaN at position 4: every value must be finite",
                nan.getMessage());

        StructType strings = new StructType().add("x", DataTypes.StringType).add("y", DataTypes.StringType);
        org.apache.spark.sql.Dataset<Row> text = LocalSpark.session().createDataFrame(List.of(RowFactory.create(
                "1 2; a", "b")), strings);
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class, () -> DistributedRisk.of(
                STRIDED, text, "square", Parameters.empty(), DistributedRisk.Options.defaults()));
        assertEquals("row 0: column 'x' (the inputs) has 'a' at position 2, which is not a number",
                word.getMessage());

        StructType longs = new StructType().add("x", DataTypes.LongType).add("y", DataTypes.LongType);
        org.apache.spark.sql.Dataset<Row> numbers = LocalSpark.session().createDataFrame(List.of(RowFactory.create(
                1L, 2L)), longs);
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> DistributedRisk.of(
                STRIDED, numbers, "square", Parameters.empty(), DistributedRisk.Options.defaults()));
        assertEquals("column 'x' (the inputs) is bigint: it must be an array of doubles or an ML vector (or text of numbers)",
                type.getMessage());

        IllegalArgumentException loss = assertThrows(IllegalArgumentException.class, () -> DistributedRisk.of(
                STRIDED, frame, "no-such-loss", Parameters.empty(), DistributedRisk.Options.defaults()));
        assertTrue(loss.getMessage().contains("no-such-loss"), loss.getMessage());
    }
}
