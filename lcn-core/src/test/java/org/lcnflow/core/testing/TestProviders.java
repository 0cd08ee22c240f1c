package org.lcnflow.core.testing;

import java.util.Map;
import java.util.Set;
import org.lcnflow.api.Loss;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;

/** Loss providers the registry tests list in services files of their own. */
public final class TestProviders {

    private TestProviders() {
    }

    /** A well-behaved provider named "test-square". */
    public static final class Square implements LossProvider {
        @Override
        public String name() {
            return "test-square";
        }

        @Override
        public String description() {
            return "sum of squared residuals (test)";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public Loss create(Parameters parameters) {
            parameters.requireOnly(name(), Set.of());
            return TestLosses.SQUARE;
        }
    }

    /** A second provider claiming the name "test-square". */
    public static final class SquareAgain implements LossProvider {
        @Override
        public String name() {
            return "test-square";
        }

        @Override
        public String description() {
            return "a clash";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public Loss create(Parameters parameters) {
            return TestLosses.SQUARE;
        }
    }

    /** A provider whose constructor throws. */
    public static final class Throwing implements LossProvider {
        public Throwing() {
            throw new IllegalStateException("license file missing");
        }

        @Override
        public String name() {
            return "throwing";
        }

        @Override
        public String description() {
            return "never constructed";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public Loss create(Parameters parameters) {
            return TestLosses.SQUARE;
        }
    }
}
