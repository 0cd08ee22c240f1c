package org.lcnflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.cli.config.ConfigReader;
import org.lcnflow.cli.config.RunConfig;
import org.lcnflow.cli.report.Charts;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.EmpiricalRisk;

class CommandsTest {

    @TempDir
    Path dir;

    private Path config() throws IOException {
        Problems.writeData(dir);
        return Problems.write(dir, "run.json", Problems.config());
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).doubleValue();
        }
        return values;
    }

    @Test
    void evaluateAgreesWithTheLibraryToTheLastDigit() throws IOException {
        Path config = config();
        CliRun run = CliRun.of("evaluate", "--config", config.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode json = ConfigReader.mapper().readTree(run.out());

        PluginRegistry registry = PluginRegistry.load();
        RunConfig parsed = ConfigReader.read(config, registry);
        Architecture a = parsed.spec().architecture();
        Dataset data = new FlowRunner(registry).loadData(parsed.spec());
        EmpiricalRisk risk = EmpiricalRisk.of(a, data, registry.loss("pseudo-huber",
                org.lcnflow.api.Parameters.of(java.util.Map.of("delta", 0.7))));
        double[] w = {0.1, 0.2, 0.3, 0.4, -0.5, 0.6};
        double[] gradient = new double[w.length];
        double loss = risk.valueAndGradient(w, gradient);
        assertEquals(loss, json.get("loss").doubleValue(), 0.0);
        assertArrayEquals(gradient, doubles(json.get("gradient")), 0.0);
        assertArrayEquals(risk.finalFilter(w).coefficients(), doubles(json.get("finalFilter")), 0.0);
        assertEquals(9, json.get("dimensions").get("inputDimension").intValue());
        assertEquals(3, json.get("dimensions").get("outputDimension").intValue());
        assertEquals(5, json.get("dimensions").get("finalWidth").intValue());
        assertEquals(2, json.get("dimensions").get("finalStride").intValue());
        assertEquals(Problems.SAMPLES, json.get("dimensions").get("samples").intValue());
    }

    @Test
    void trainWritesEveryFileAndAgreesWithTheLibraryToTheLastDigit() throws IOException {
        Path config = config();
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("train", "--config", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("Theorem 3.8"), run.out());
        for (String file : List.of("summary.json", "trajectory.csv", "loss.png", "balancedness.png")) {
            assertTrue(Files.size(out.resolve(file)) > 100, file);
        }
        JsonNode summary = ConfigReader.mapper().readTree(out.resolve("summary.json").toFile());

        PluginRegistry registry = PluginRegistry.load();
        FlowRun library = new FlowRunner(registry).run(ConfigReader.read(config, registry).spec());
        JsonNode result = summary.get("result");
        double[] w = library.result().parameters();
        assertArrayEquals(new double[] {w[0], w[1], w[2]}, doubles(result.get("finalFilters").get(0)), 0.0);
        assertArrayEquals(new double[] {w[3], w[4], w[5]}, doubles(result.get("finalFilters").get(1)), 0.0);
        assertEquals(library.result().value(), result.get("loss").doubleValue(), 0.0);
        assertEquals(library.result().gradientNorm(), result.get("gradientNorm").doubleValue(), 0.0);
        assertEquals(library.result().steps(), result.get("steps").longValue());
        assertEquals(library.result().evaluations(), result.get("evaluations").longValue());
        assertEquals(library.result().stopReason().name(), result.get("stopReason").textValue());
        assertEquals(0.05, summary.get("config").get("record").get("every").doubleValue());
        assertEquals("pseudo-huber", summary.get("config").get("loss").get("name").textValue());
        assertTrue(summary.get("config").get("data").get("x").textValue().endsWith("x.csv"));
        assertTrue(Path.of(summary.get("config").get("data").get("x").textValue()).isAbsolute());
        assertTrue(summary.get("diagnostics").get("theorem38").get("applies").booleanValue());

        List<String> lines = Files.readAllLines(out.resolve("trajectory.csv"));
        assertEquals("t,loss,gradient_norm,norm2_w1,norm2_w2,v_l1", lines.get(0));
        assertEquals(library.trajectory().size() + 1, lines.size());
        String[] last = lines.get(lines.size() - 1).split(",");
        assertEquals(library.result().time(), Double.parseDouble(last[0]), 0.0);
        assertEquals(library.result().value(), Double.parseDouble(last[1]), 0.0);
        assertFalse(String.join("\n", lines).contains("NaN"));

        BufferedImage png = ImageIO.read(out.resolve("loss.png").toFile());
        assertEquals(Charts.WIDTH, png.getWidth());
        assertEquals(Charts.HEIGHT, png.getHeight());
    }

    @Test
    void trainReadsNpyAndSyntheticData() throws IOException {
        config();
        for (String xy : List.of("x", "y")) {
            double[][] rows = org.lcnflow.core.data.CsvMatrixReader.read(dir.resolve(xy + ".csv"));
            try (java.io.OutputStream out = Files.newOutputStream(dir.resolve(xy + ".npy"))) {
                org.lcnflow.core.data.NpyMatrixWriter.write(rows, out);
            }
        }
        String csv = Problems.config();
        Path npy = Problems.write(dir, "npy.json", csv.replace("\"source\": \"csv\", \"x\": \"x.csv\", \"y\": \"y.csv\"",
                "\"source\": \"npy\", \"x\": \"x.npy\", \"y\": \"y.npy\""));
        CliRun fromCsv = CliRun.of("evaluate", "--config", dir.resolve("run.json").toString());
        CliRun fromNpy = CliRun.of("evaluate", "--config", npy.toString());
        assertEquals(0, fromNpy.code(), fromNpy.err());
        assertEquals(fromCsv.out(), fromNpy.out(), "the same numbers through csv and npy give the same result");

        Path synthetic = Problems.write(dir, "synthetic.json", csv.replace(
                "\"source\": \"csv\", \"x\": \"x.csv\", \"y\": \"y.csv\"",
                "\"source\": \"synthetic\", \"m\": 20, \"seed\": 2, \"noise\": 0.1"));
        CliRun run = CliRun.of("train", "--config", synthetic.toString(), "--out", dir.resolve("s").toString(), "-q");
        assertEquals(0, run.code(), run.err());
        JsonNode summary = ConfigReader.mapper().readTree(dir.resolve("s").resolve("summary.json").toFile());
        assertEquals(20, summary.get("config").get("data").get("m").intValue());
        assertTrue(summary.get("result").get("loss").doubleValue() < 1e6);
    }

    @Test
    void withoutAnIntegratorTrainRunsAutoToTheGradientTolerance() throws IOException {
        config();
        String text = Problems.config().replace(
                "  \"integrator\": {\"name\": \"dormand-prince-54\", \"rtol\": 1e-9, \"atol\": 1e-12},\n", "")
                .replace("\"tMax\": 0.5", "\"tMax\": 1000");
        assertTrue(!text.contains("integrator"), text);
        Path file = Problems.write(dir, "default.json", text);
        CliRun run = CliRun.of("train", "--config", file.toString(), "--out", dir.resolve("d").toString(), "-q");
        assertEquals(0, run.code(), run.err());
        JsonNode summary = ConfigReader.mapper().readTree(dir.resolve("d").resolve("summary.json").toFile());
        assertEquals("auto", summary.get("config").get("integrator").get("name").textValue());
        assertEquals("GRADIENT_TOLERANCE", summary.get("result").get("stopReason").textValue(), summary.toString());
    }

    @Test
    void compareRunsEachIntegratorAndWritesATable() throws IOException {
        Path config = config();
        Path out = dir.resolve("cmp");
        CliRun run = CliRun.of("compare", "--config", config.toString(), "--integrators",
                "rk4(step=0.01),dormand-prince-54(rtol=1e-8,atol=1e-10)", "--out", out.toString(), "-q");
        assertEquals(0, run.code(), run.err());
        List<String> rows = Files.readAllLines(out.resolve("comparison.csv"));
        assertEquals(3, rows.size());
        assertTrue(rows.get(1).startsWith("\"rk4(step=0.01)\",TIME_LIMIT,0.5,"), rows.get(1));
        assertTrue(rows.get(2).startsWith("\"dormand-prince-54(rtol=1e-8, atol=1e-10)\","), rows.get(2));
        double distance = Double.parseDouble(rows.get(2).substring(rows.get(2).lastIndexOf(',') + 1));
        assertTrue(distance < 1e-5, "dormand-prince-54 at 1e-8 is close to the reference: " + distance);
        assertTrue(Files.size(out.resolve("comparison.png")) > 1000);
        assertTrue(Files.exists(out.resolve("1-rk4").resolve("summary.json")));
        assertTrue(run.out().contains("evaluations"), run.out());
    }

    @Test
    void pluginsListsEveryComponentWithItsParameters() {
        CliRun run = CliRun.of("plugins");
        assertEquals(0, run.code(), run.err());
        for (String name : List.of("square", "lp", "pseudo-huber", "generalized-huber", "log-cosh", "euler", "rk4",
                "dormand-prince-54", "dormand-prince-853", "gragg-bulirsch-stoer", "adams-bashforth",
                "adams-moulton", "csv", "npy", "synthetic")) {
            assertTrue(run.out().contains("  " + name + "  - "), name + " in\n" + run.out());
        }
        assertTrue(run.out().contains("delta: "), run.out());
    }

    @Test
    void lossesDrawsFigure1() throws IOException {
        Path out = dir.resolve("fig");
        CliRun run = CliRun.of("losses", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        List<String> rows = Files.readAllLines(out.resolve("figure1.csv"));
        assertEquals(202, rows.size());
        assertTrue(rows.get(0).startsWith("r,"));
        assertTrue(rows.get(0).contains("\"lp(p=1.0)\""), rows.get(0));
        assertEquals("-4.0", rows.get(1).split(",")[0]);
        assertTrue(Files.size(out.resolve("figure1.png")) > 1000);
    }

    @Test
    void demoTrainsBothLossesAndWritesTheirFiles() throws IOException {
        Path out = dir.resolve("demo");
        CliRun run = CliRun.of("demo", "--out", out.toString(), "-q");
        assertEquals(0, run.code(), run.err());
        for (String folder : DemoCommand.FOLDERS) {
            for (String file : List.of("summary.json", "trajectory.csv", "loss.png", "balancedness.png")) {
                assertTrue(Files.exists(out.resolve(folder).resolve(file)), folder + "/" + file);
            }
        }
        assertTrue(run.out().contains("teacher recovery"), run.out());
        assertTrue(run.out().contains("balancedness"), run.out());
        assertTrue(run.out().contains("Theorem 3.8"), run.out());
    }

    @Test
    void helpAndVersionWork() {
        for (String command : List.of("train", "evaluate", "compare", "landscape", "plugins", "losses", "demo")) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.code(), command);
            assertTrue(run.out().startsWith("Usage: lcn " + command), run.out());
        }
        assertTrue(CliRun.of("--version").out().startsWith("lcn-flow "));
        assertEquals(0, CliRun.of().code());
    }
}
