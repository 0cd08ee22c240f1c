package org.lcnflow.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.flow.GradientFlow;
import org.lcnflow.core.network.Initialization;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.EmpiricalRisk;

/**
 * {@link LcnRegressor} and {@link LcnRegressionModel} as Spark ML stages: in a {@code Pipeline} they fit (to the
 * end point of the in-process flow), transform ({@code V x} per row), save, load, and the loaded model gives the
 * same outputs; a bad column is named.
 */
class LcnRegressorTest {

    private static final Architecture STRIDED = Architecture.of(27, new int[] {3, 3, 2}, new int[] {1, 2, 1});

    private static LcnRegressor regressor() {
        return new LcnRegressor().setArchitecture(new int[] {3, 3, 2}, new int[] {1, 2, 1})
                .setLoss("square", "{}").setIntegrator("auto", "{\"rtol\": 1e-8, \"atol\": 1e-10}")
                .setStop(100, 1e-7, 100_000).setChunkSamples(128);
    }

    @Test
    void aPipelineFitsTransformsSavesAndLoadsToTheSameOutputs() throws IOException {
        Dataset data = LocalSpark.teacherData(STRIDED, 400, 31);
        org.apache.spark.sql.Dataset<Row> frame = LocalSpark.frame(data, 2);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {regressor()});
        PipelineModel fitted = pipeline.fit(frame);
        LcnRegressionModel model = (LcnRegressionModel) fitted.stages()[0];
        assertEquals("GRADIENT_TOLERANCE", model.stopReason());
        assertTrue(model.gradientNorm() <= 1e-7, model.toString());

        // the same flow in process ends at the same point
        PluginRegistry registry = PluginRegistry.load();
        FlowResult local = registry.integrator("auto", Parameters.of(Map.of("rtol", 1e-8, "atol", 1e-10)))
                .integrate(EmpiricalRisk.of(STRIDED, data, registry.loss("square", Parameters.empty())),
                        new Initialization.Seeded(1, 0.5).filters(STRIDED), new StopCondition(100, 1e-7, 100_000),
                        FlowObserver.NONE);
        assertEquals(local.value(), model.trainingLoss(), 1e-9 * local.value());
        // the run's checks, as GradientFlow makes them on data in memory
        FlowRun memory = GradientFlow.builder().architecture(STRIDED).data(data)
                .loss(registry.loss("square", Parameters.empty()))
                .integrator(registry.integrator("auto", Parameters.of(Map.of("rtol", 1e-8, "atol", 1e-10))))
                .initialFilters(new Initialization.Seeded(1, 0.5).filters(STRIDED))
                .stop(new StopCondition(100, 1e-7, 100_000)).build().run();
        assertEquals(memory.diagnostics().endPoint().verdict().name(), model.endPoint(), model.endPointReason());
        assertTrue(model.lossMonotone());
        assertEquals(memory.diagnostics().boundedness().holds(), model.boundednessHolds());
        assertTrue(model.balancednessDrift() < 1e-6, "balancedness drift " + model.balancednessDrift());

        List<Row> predicted = fitted.transform(frame).select("x", "prediction").collectAsList();
        for (Row row : predicted.subList(0, 20)) {
            double[] x = toArray(row.getList(0));
            assertArrayEquals(model.predict(x), toArray(row.getList(1)), 0.0);
        }

        Path dir = Files.createTempDirectory("lcn-pipeline");
        fitted.write().overwrite().save(dir.resolve("model").toString());
        PipelineModel loaded = PipelineModel.load(dir.resolve("model").toString());
        LcnRegressionModel loadedModel = (LcnRegressionModel) loaded.stages()[0];
        assertArrayEquals(model.layerFilters(), loadedModel.layerFilters(), 0.0);
        assertEquals(model.stopReason(), loadedModel.stopReason());
        assertEquals(model.evaluations(), loadedModel.evaluations());
        assertEquals(model.endPoint(), loadedModel.endPoint());
        assertEquals(model.endPointReason(), loadedModel.endPointReason());
        assertEquals(model.balancednessDrift(), loadedModel.balancednessDrift());
        List<Row> again = loaded.transform(frame).select("prediction").collectAsList();
        for (int i = 0; i < predicted.size(); i++) {
            assertEquals(predicted.get(i).getList(1), again.get(i).getList(0), "row " + i);
        }

        regressor().write().overwrite().save(dir.resolve("regressor").toString());
        LcnRegressor reread = LcnRegressor.load(dir.resolve("regressor").toString());
        assertEquals("auto", reread.getOrDefault(reread.integrator()));
        assertEquals(128, (Integer) reread.getOrDefault(reread.chunkSamples()));
    }

    @Test
    void aMissingColumnIsNamed() {
        Dataset data = LocalSpark.teacherData(STRIDED, 20, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> regressor().setColumns("features", "y", "prediction").fit(LocalSpark.frame(data, 1)));
        assertEquals("the data have no column 'features' for the inputs (columns: [x, y])", e.getMessage());
        Transformer untrained = new LcnRegressionModel();
        assertTrue(untrained.toString().contains("untrained"), untrained.toString());
    }

    private static double[] toArray(List<Object> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Double) values.get(i);
        }
        return out;
    }
}
