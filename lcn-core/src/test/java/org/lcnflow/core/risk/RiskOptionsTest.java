package org.lcnflow.core.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.core.risk.engine.VectorSupport;
import org.lcnflow.core.testing.RandomLcn;
import org.lcnflow.core.testing.TestLosses;

class RiskOptionsTest {

    @Test
    void systemPropertiesChooseThePathAndThreadsOfTheDefaults() {
        Architecture a = Architecture.of(9, new int[] {3, 3}, new int[] {1, 2});
        Dataset data = RandomLcn.data(a, 5, new Random(1));
        withProperties("generic", "1", () -> {
            assertEquals(Optional.of(GradientPath.GENERIC), RiskOptions.defaults().path());
            assertEquals(1, RiskOptions.defaults().threads());
            assertEquals(GradientPath.GENERIC, EmpiricalRisk.of(a, data, TestLosses.SMOOTH_ABS).path());
        });
        withProperties(" Data-Pass ", null, () -> assertEquals(GradientPath.DATA_PASS,
                EmpiricalRisk.of(a, data, TestLosses.SMOOTH_ABS).path()));
        withProperties("auto", "3", () -> {
            assertEquals(Optional.empty(), RiskOptions.defaults().path());
            assertEquals(3, RiskOptions.defaults().threads());
        });
        withProperties(null, null, () -> assertEquals(RiskOptions.automatic(), RiskOptions.defaults()));
    }

    @Test
    void badPropertyValuesNameThePropertyAndWhatIsAllowed() {
        withProperties("fast", null, () -> assertEquals("system property lcnflow.gradient.path is 'fast'; allowed:"
                + " auto, quadratic-form, data-pass, generic",
                assertThrows(IllegalArgumentException.class, RiskOptions::defaults).getMessage()));
        withProperties(null, "0", () -> assertEquals("system property lcnflow.gradient.threads is '0'; allowed:"
                + " an integer >= 1", assertThrows(IllegalArgumentException.class, RiskOptions::defaults).getMessage()));
        withProperties(null, "two", () -> assertThrows(IllegalArgumentException.class, RiskOptions::defaults));
    }

    @Test
    void optionsValidateAndPrintAsConfigured() {
        RiskOptions o = RiskOptions.automatic().withThreads(2).withPath(GradientPath.DATA_PASS)
                .withGradientTolerance(1e-8);
        assertEquals("RiskOptions(path=data-pass, threads=2, gradientTolerance=1.0E-8, vectorKernels="
                + VectorSupport.enabled() + ")", o.toString());
        RiskOptions plain = o.withVectorKernels(false);
        assertFalse(plain.vectorKernels());
        if (VectorSupport.enabled()) {
            assertNotEquals(o, plain);
        }
        assertEquals(VectorSupport.enabled(), plain.withVectorKernels(true).vectorKernels());
        assertEquals(o, RiskOptions.automatic().withGradientTolerance(1e-8).withPath(GradientPath.DATA_PASS)
                .withThreads(2));
        assertEquals(Optional.empty(), o.withAutomaticPath().path());
        assertEquals("threads must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> o.withThreads(0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withGradientTolerance(-1)).getMessage()
                .startsWith("gradient tolerance must be >= 0 and finite"));
        assertEquals(GradientPath.QUADRATIC_FORM, GradientPath.ofLabel("quadratic-form"));
        assertEquals("unknown gradient path 'x'; allowed: quadratic-form, data-pass, generic",
                assertThrows(IllegalArgumentException.class, () -> GradientPath.ofLabel("x")).getMessage());
    }

    private static void withProperties(String path, String threads, Runnable check) {
        String oldPath = System.getProperty(RiskOptions.PATH_PROPERTY);
        String oldThreads = System.getProperty(RiskOptions.THREADS_PROPERTY);
        try {
            set(RiskOptions.PATH_PROPERTY, path);
            set(RiskOptions.THREADS_PROPERTY, threads);
            check.run();
        } finally {
            set(RiskOptions.PATH_PROPERTY, oldPath);
            set(RiskOptions.THREADS_PROPERTY, oldThreads);
        }
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
