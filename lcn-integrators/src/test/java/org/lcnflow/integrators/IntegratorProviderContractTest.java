package org.lcnflow.integrators;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.IntegratorProvider;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.PluginProvider;
import org.lcnflow.testkit.ProviderContract;

/** Every built-in integrator provider meets the provider contract, bad parameters included. */
class IntegratorProviderContractTest {

    private abstract static class IntegratorProviderContract extends ProviderContract<FlowIntegrator> {
        @Override
        protected Class<? extends PluginProvider<FlowIntegrator>> serviceType() {
            return IntegratorProvider.class;
        }

        static Parameters p(Object... keyValues) {
            Map<String, Object> map = new java.util.LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                map.put((String) keyValues[i], keyValues[i + 1]);
            }
            return Parameters.of(map);
        }
    }

    private abstract static class FixedStep extends IntegratorProviderContract {
        @Override
        protected Parameters validParameters() {
            return p("step", 0.01);
        }

        @Override
        protected Map<Parameters, List<String>> badParameters() {
            return Map.of(p("step", 0), List.of("step", "> 0", "got 0"),
                    p("step", -0.1), List.of("step", "-0.1"),
                    p("step", Double.POSITIVE_INFINITY), List.of("step", "finite"),
                    p(), List.of("step"),
                    p("step", "small"), List.of("step", "small"));
        }
    }

    private abstract static class Adaptive extends IntegratorProviderContract {
        @Override
        protected Map<Parameters, List<String>> badParameters() {
            return Map.of(p("rtol", -1e-6), List.of("rtol", "-1.0E-6"),
                    p("atol", 0), List.of("atol", "> 0"),
                    p("atol", Double.NaN), List.of("atol", "NaN"));
        }
    }

    @Nested
    class Euler extends FixedStep {
        @Override
        protected PluginProvider<FlowIntegrator> provider() {
            return new EulerProvider();
        }
    }

    @Nested
    class Rk4 extends FixedStep {
        @Override
        protected PluginProvider<FlowIntegrator> provider() {
            return new Rk4Provider();
        }
    }

    @Nested
    class DormandPrince54 extends Adaptive {
        @Override
        protected PluginProvider<FlowIntegrator> provider() {
            return new DormandPrince54Provider();
        }
    }

    @Nested
    class DormandPrince853 extends Adaptive {
        @Override
        protected PluginProvider<FlowIntegrator> provider() {
            return new DormandPrince853Provider();
        }
    }

    @Nested
    class GraggBulirschStoer extends Adaptive {
        @Override
        protected PluginProvider<FlowIntegrator> provider() {
            return new GraggBulirschStoerProvider();
        }
    }

    @Nested
    class AdamsBashforth extends Adaptive {
        @Override
        protected PluginProvider<FlowIntegrator> provider() {
            return new AdamsBashforthProvider();
        }

        @Override
        protected Map<Parameters, List<String>> badParameters() {
            Map<Parameters, List<String>> bad = new java.util.HashMap<>(super.badParameters());
            bad.put(p("steps", 1), List.of("steps", "1"));
            bad.put(p("steps", 2.5), List.of("steps", "2.5"));
            return bad;
        }
    }

    @Nested
    class AdamsMoulton extends Adaptive {
        @Override
        protected PluginProvider<FlowIntegrator> provider() {
            return new AdamsMoultonProvider();
        }

        @Override
        protected Map<Parameters, List<String>> badParameters() {
            Map<Parameters, List<String>> bad = new java.util.HashMap<>(super.badParameters());
            bad.put(p("steps", 99), List.of("steps", "99"));
            return bad;
        }
    }
}
