package org.lcnflow.core.risk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.testing.RandomLcn;

/**
 * A JVM started without {@code --add-modules jdk.incubator.vector} (a host program that does not ask for it) runs the
 * data pass on its plain loops, with the bits of the plain path here, and says so only at the debug level.
 */
class FallbackTest {

    /** Evaluates one pass and prints whether the kernels are on, the value's bits and the gradient's. */
    public static void main(String[] args) {
        DataPass pass = pass();
        double[] gradient = new double[ARCHITECTURE.finalWidth()];
        double value = pass.evaluate(filter(), gradient);
        StringBuilder out = new StringBuilder().append(VectorSupport.enabled()).append(' ')
                .append(Double.doubleToLongBits(value));
        for (double g : gradient) {
            out.append(' ').append(Double.doubleToLongBits(g));
        }
        System.out.println(out);
    }

    private static final Architecture ARCHITECTURE = Architecture.of(40, new int[] {5, 4, 3}, new int[] {1, 2, 1});

    private static DataPass pass() {
        Dataset data = RandomLcn.data(ARCHITECTURE, 700, new Random(5));
        Loss loss = PluginRegistry.load().loss("pseudo-huber", Parameters.of(Map.of("delta", 0.5)));
        return new DataPass(SampleBlocks.of(ARCHITECTURE, data), loss, 2, VectorSupport.enabled());
    }

    private static double[] filter() {
        return RandomLcn.gaussian(ARCHITECTURE.finalWidth(), 1.0, new Random(6));
    }

    @Test
    void withoutTheModuleTheDataPassKeepsItsPlainLoopsQuietly() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FallbackTest.class.getName()).redirectErrorStream(false).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, child.exitValue(), err);
        assertEquals("", err, "nothing on standard error (the choice is logged at DEBUG only)");
        List<String> fields = List.of(out.split(" "));
        assertEquals("false", fields.get(0), "the child has no jdk.incubator.vector");
        // the plain path in this JVM (which has the module) gives the child's bits
        DataPass plain = new DataPass(SampleBlocks.of(ARCHITECTURE, RandomLcn.data(ARCHITECTURE, 700,
                new Random(5))), PluginRegistry.load().loss("pseudo-huber", Parameters.of(Map.of("delta", 0.5))), 2,
                false);
        double[] gradient = new double[ARCHITECTURE.finalWidth()];
        double value = plain.evaluate(filter(), gradient);
        assertEquals(Long.toString(Double.doubleToLongBits(value)), fields.get(1));
        for (int n = 0; n < gradient.length; n++) {
            assertEquals(Long.toString(Double.doubleToLongBits(gradient[n])), fields.get(2 + n), "tap " + n);
        }
        assertFalse(fields.contains("true"));
    }
}
