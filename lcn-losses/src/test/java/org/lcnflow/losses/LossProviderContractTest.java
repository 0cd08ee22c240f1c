package org.lcnflow.losses;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.lcnflow.api.Loss;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.PluginProvider;
import org.lcnflow.testkit.ProviderContract;

/** Every built-in loss provider meets the provider contract, bad parameters included. */
class LossProviderContractTest {

    private abstract static class LossProviderContract extends ProviderContract<Loss> {
        @Override
        protected Class<? extends PluginProvider<Loss>> serviceType() {
            return LossProvider.class;
        }

        static Parameters p(String name, Object value) {
            return Parameters.of(Map.of(name, value));
        }
    }

    @Nested
    class Square extends LossProviderContract {
        @Override
        protected PluginProvider<Loss> provider() {
            return new SquareLossProvider();
        }

        @Override
        protected Map<Parameters, List<String>> badParameters() {
            return Map.of(p("p", 2), List.of("p"));
        }
    }

    @Nested
    class Lp extends LossProviderContract {
        @Override
        protected PluginProvider<Loss> provider() {
            return new LpLossProvider();
        }

        @Override
        protected Map<Parameters, List<String>> badParameters() {
            return Map.of(p("p", 0.5), List.of("p must be >= 1", "0.5"),
                    p("p", Double.POSITIVE_INFINITY), List.of("p", "finite", "Infinity"),
                    p("p", Double.NaN), List.of("p", "NaN"),
                    p("p", "two"), List.of("'p'", "number", "two"));
        }
    }

    @Nested
    class PseudoHuber extends LossProviderContract {
        @Override
        protected PluginProvider<Loss> provider() {
            return new PseudoHuberLossProvider();
        }

        @Override
        protected Map<Parameters, List<String>> badParameters() {
            return Map.of(p("delta", -1.0), List.of("delta must be > 0, got -1.0"),
                    p("delta", 0), List.of("delta must be > 0"),
                    p("delta", Double.NaN), List.of("delta", "NaN"));
        }
    }

    @Nested
    class GeneralizedHuber extends LossProviderContract {
        @Override
        protected PluginProvider<Loss> provider() {
            return new GeneralizedHuberLossProvider();
        }

        @Override
        protected Map<Parameters, List<String>> badParameters() {
            return Map.of(p("beta", -2), List.of("beta must be > -2", "-2"),
                    p("beta", -3.5), List.of("beta", "-3.5"),
                    p("alpha", 0), List.of("alpha must be > 0"),
                    p("alpha", Double.NEGATIVE_INFINITY), List.of("alpha", "-Infinity"));
        }
    }

    @Nested
    class LogCosh extends LossProviderContract {
        @Override
        protected PluginProvider<Loss> provider() {
            return new LogCoshLossProvider();
        }

        @Override
        protected Map<Parameters, List<String>> badParameters() {
            return Map.of(p("alpha", -0.5), List.of("alpha must be > 0, got -0.5"),
                    p("alpha", Double.POSITIVE_INFINITY), List.of("alpha", "Infinity"));
        }
    }
}
