package org.lcnflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lcnflow.cli.config.ConfigReader;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.endpoint.EndPoint;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.plugin.PluginRegistry;

/** The end-point analysis in summary.json and in the console report of {@code lcn train}. */
class EndPointReportTest {

    @TempDir
    Path dir;

    @Test
    void summaryHoldsTheLibrarysEndPointAnalysis() throws IOException {
        Problems.writeData(dir);
        Path config = Problems.write(dir, "run.json", Problems.config());
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("train", "--config", config.toString(), "--out", out.toString(), "-q");
        assertEquals(0, run.code(), run.err());
        String text = Files.readString(out.resolve("summary.json"));
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
        JsonNode end = ConfigReader.mapper().readTree(text).get("diagnostics").get("endPoint");

        PluginRegistry registry = PluginRegistry.load();
        FlowRun library = new FlowRunner(registry).run(ConfigReader.read(config, registry).spec());
        EndPoint expected = library.diagnostics().endPoint();
        assertEquals(expected.verdict().name(), end.get("verdict").textValue());
        assertEquals(expected.reason(), end.get("reason").textValue());
        assertEquals(expected.hessian().verdict().name(), end.get("hessian").get("verdict").textValue());
        assertEquals(6, end.get("hessian").get("eigenvalues").size());
        assertEquals(expected.gap().getAsDouble(), end.get("gap").doubleValue(), 0.0);
        assertFalse(end.get("functionSpaceOptimum").get("isGlobalMinimumOfL").booleanValue());
        assertTrue(end.get("functionSpaceOptimum").get("meaning").textValue().contains("lower bound"));
        assertEquals("NOT_APPLICABLE", end.get("prop51").get("status").textValue(), "strides (1, 2)");
        assertEquals(2, end.get("layerPolynomials").get("layers").size());
        // S_2 = s_1 = 1: the second layer's stride 2 spaces only the layers after it
        assertEquals(1, end.get("layerPolynomials").get("layers").get(1).get("spacing").intValue());
        assertEquals(2, end.get("layerPolynomials").get("layers").get(1).get("roots").size());
        assertEquals(1, end.get("layerPolynomials").get("pairs").size());
        assertTrue(end.get("theoryFailures").size() > 0);
        assertTrue(run.out().contains("  end point          " + expected.verdict()), run.out());
        assertTrue(run.out().contains("  Prop. 5.1          NOT_APPLICABLE"), run.out());
    }

    @Test
    void consoleReportsACertifiedGlobalMinimum() throws IOException {
        Path config = Problems.write(dir, "filling.json", "{\"architecture\": {\"d0\": 8, \"widths\": [3, 3]},\n"
                + " \"data\": {\"source\": \"synthetic\", \"m\": 10, \"seed\": 8, \"noise\": 0.3},\n"
                + " \"loss\": {\"name\": \"square\"},\n"
                + " \"integrator\": {\"name\": \"dormand-prince-54\", \"rtol\": 1e-9, \"atol\": 1e-11},\n"
                + " \"init\": {\"seed\": 1, \"scale\": 0.5},\n"
                + " \"stop\": {\"tMax\": 1000, \"gradientTolerance\": 1e-7}}\n");
        Path out = dir.resolve("filling");
        CliRun run = CliRun.of("train", "--config", config.toString(), "--out", out.toString(), "-q");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("  end point          GLOBAL_MINIMUM_CERTIFIED"), run.out());
        assertTrue(run.out().contains("global minimum of L"), run.out());
        assertTrue(run.out().contains("  Prop. 5.1          GLOBAL_MINIMUM"), run.out());
        JsonNode end = ConfigReader.mapper().readTree(out.resolve("summary.json").toFile()).get("diagnostics")
                .get("endPoint");
        assertTrue(end.get("gapCertifiesGlobalMinimum").booleanValue());
        assertTrue(Math.abs(end.get("relativeGap").doubleValue()) < 1e-10);
        assertEquals(1, end.get("hessian").get("zeroModes").intValue());
        assertEquals(1, end.get("hessian").get("expectedZeroModes").intValue());
    }
}
