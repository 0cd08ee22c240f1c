package org.lcnflow.integrators.hipparchus;

import java.util.Arrays;
import java.util.Objects;
import org.hipparchus.exception.Localizable;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.ode.LocalizedODEFormats;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.integrators.control.StopRules;

/**
 * A Hipparchus integrator behind {@link FlowIntegrator}. Hipparchus integrators are mutable, so each
 * call builds a fresh one from the {@link Factory}, integrates {@code dw/dt = -grad L(w)} to
 * {@code tMax} and stops early by throwing a private control-flow exception from its step handler.
 *
 * <p>How the stop condition maps onto Hipparchus:
 * <ul>
 *   <li>the integration end is {@code tMax} (Hipparchus accepts an infinite one), so the last step is
 *       shortened by Hipparchus; a step ending within 2 ulp of {@code tMax} is reported at {@code tMax};</li>
 *   <li>after every accepted step the handler evaluates the field at the step's end point (value and
 *       gradient for the observer and the stop tests), then applies the module's stop rules;</li>
 *   <li>a non-finite gradient at any stage ends the run DIVERGED at once (Hipparchus would accept a NaN
 *       step, and a derivative cannot ask it to reject one); so does a step-size underflow: a step
 *       (other than the last) of at most 10 ulp of {@code t}, as in this module's own loop, or below
 *       {@code minStep}, where Hipparchus throws; and Hipparchus reporting NaN.</li>
 * </ul>
 *
 * <p>Gradient evaluations are counted at the field. The last few points evaluated are remembered, so
 * the evaluation at {@code w0} and at a step's end point is reused when Hipparchus asks for the same
 * point (the derivative at a step's end is usually among its own last evaluations); an evaluation only
 * the handler needs is counted like any other.
 *
 * <p>Immutable and thread-safe (state per call).
 */
public final class HipparchusFlowIntegrator implements FlowIntegrator {

    /** Builds a fresh Hipparchus integrator for one run. */
    @FunctionalInterface
    public interface Factory {

        /**
         * @param tMax       the end time of the run (may be infinite)
         * @param rejections to count rejected steps on, where the integrator can
         * @return a new integrator, without handlers
         */
        ODEIntegrator create(double tMax, RejectionCounter rejections);
    }

    /** Counts rejected step attempts during one run. */
    public static final class RejectionCounter {

        private long count;

        void increment() {
            count++;
        }

        /**
         * @param error a step's error estimate, normalized so that Hipparchus rejects the step when it is {@code >= 1}
         * @return the same estimate, after counting a rejection when it is one
         */
        double counted(double error) {
            if (error >= 1.0) {
                count++;
            }
            return error;
        }

        long count() {
            return count;
        }
    }

    /** Two ulp of {@code tMax}: a step ending this close to it ends the run at {@code tMax}. */
    private static final int END_ULPS = 2;
    /** A step other than the last one of at most this many ulp of {@code t} is a step-size underflow. */
    private static final int UNDERFLOW_ULPS = 10;

    private final String name;
    private final String configuration;
    private final Factory factory;

    /**
     * @param name          the provider name
     * @param configuration the parameters for {@link #toString()}, e.g. {@code rtol=1.0E-6, atol=1.0E-9}
     * @param factory       builds the Hipparchus integrator
     */
    public HipparchusFlowIntegrator(String name, String configuration, Factory factory) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.configuration = Objects.requireNonNull(configuration, "configuration is null");
        this.factory = Objects.requireNonNull(factory, "factory is null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FlowResult integrate(GradientField field, double[] w0, StopCondition stop, FlowObserver observer) {
        int n = StopRules.checkArguments(field, w0, stop, observer);
        Run run = new Run(field, n, stop, observer);
        FlowResult result = run.run(w0);
        observer.onFinish(result);
        return result;
    }

    /** The state of one call. */
    private final class Run implements ODEStepHandler, OrdinaryDifferentialEquation {

        private final StopCondition stop;
        private final FlowObserver observer;
        private final Evaluator evaluator;
        private final int n;
        private final double[] w;
        private final double[] gradient;
        private double t;
        private double value;
        private double gradientNorm;
        private long steps;

        Run(GradientField field, int n, StopCondition stop, FlowObserver observer) {
            this.stop = stop;
            this.observer = observer;
            this.n = n;
            this.evaluator = new Evaluator(field, n);
            this.w = new double[n];
            this.gradient = new double[n];
        }

        FlowResult run(double[] w0) {
            System.arraycopy(w0, 0, w, 0, n);
            int slot = evaluator.evaluate(w0);
            value = evaluator.values[slot];
            System.arraycopy(evaluator.gradients[slot], 0, gradient, 0, n);
            gradientNorm = StopRules.norm2(gradient);
            StopRules.checkStart(value, gradientNorm);
            observer.onStart(0.0, w, value, gradient);

            StopReason reason = StopRules.atStart(stop, StopRules.norm2(w), gradientNorm);
            RejectionCounter rejections = new RejectionCounter();
            if (reason == null) {
                ODEIntegrator integrator = factory.create(stop.tMax(), rejections);
                integrator.addStepHandler(this);
                try {
                    integrator.integrate(this, new ODEState(0.0, w0.clone()), stop.tMax());
                    // Hipparchus ended at its end time, tMax, without the handler stopping it (unexpected)
                    t = stop.tMax();
                    reason = StopReason.TIME_LIMIT;
                } catch (Stop signal) {
                    reason = signal.reason;
                } catch (MathRuntimeException e) {
                    Localizable specifier = e.getSpecifier();
                    if (specifier != LocalizedODEFormats.MINIMAL_STEPSIZE_REACHED_DURING_INTEGRATION
                            && specifier != LocalizedODEFormats.NAN_APPEARING_DURING_INTEGRATION) {
                        throw e;
                    }
                    reason = StopReason.DIVERGED;
                }
            }
            return new FlowResult(w, t, value, gradientNorm, steps, rejections.count(), evaluator.evaluations,
                    reason);
        }

        @Override
        public int getDimension() {
            return n;
        }

        @Override
        public double[] computeDerivatives(double time, double[] y) {
            double[] g = evaluator.gradients[evaluator.evaluate(y)];
            double[] yDot = new double[n];
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(g[j])) {
                    throw new Stop(StopReason.DIVERGED);
                }
                yDot[j] = -g[j];
            }
            return yDot;
        }

        @Override
        public void handleStep(ODEStateInterpolator interpolator) {
            ODEStateAndDerivative state = interpolator.getCurrentState();
            double tNew = state.getTime();
            double tMax = stop.tMax();
            boolean atEnd = Double.isFinite(tMax) && tMax - tNew <= END_ULPS * Math.ulp(tMax);
            if (!(tNew > t) || (!atEnd && tNew - t <= UNDERFLOW_ULPS * Math.ulp(tNew))) {
                throw new Stop(StopReason.DIVERGED); // the step size underflowed
            }
            double[] y = state.getPrimaryState();
            int slot = evaluator.evaluate(y);
            double valueNew = evaluator.values[slot];
            double[] gradientNew = evaluator.gradients[slot];
            double gradientNormNew = StopRules.norm2(gradientNew);
            if (!StopRules.acceptable(stop, valueNew, gradientNormNew, StopRules.norm2(y))) {
                throw new Stop(StopReason.DIVERGED);
            }
            t = atEnd ? tMax : tNew;
            System.arraycopy(y, 0, w, 0, n);
            System.arraycopy(gradientNew, 0, gradient, 0, n);
            value = valueNew;
            gradientNorm = gradientNormNew;
            steps++;
            boolean continues = observer.onStep(t, w, value, gradient);
            StopReason reason = StopRules.afterStep(stop, atEnd, gradientNorm, steps, continues);
            if (reason != null) {
                throw new Stop(reason);
            }
        }
    }

    /** Evaluates the field, counting calls and remembering the last {@value #CAPACITY} points. */
    private static final class Evaluator {

        private static final int CAPACITY = 4;

        private final GradientField field;
        private final double[][] points;
        private final double[][] gradients;
        private final double[] values = new double[CAPACITY];
        private int size;
        private int next;
        private long evaluations;

        Evaluator(GradientField field, int n) {
            this.field = field;
            this.points = new double[CAPACITY][n];
            this.gradients = new double[CAPACITY][n];
        }

        /** @return the slot holding the value and gradient at {@code y} */
        int evaluate(double[] y) {
            for (int i = 0; i < size; i++) {
                if (Arrays.equals(points[i], y)) {
                    return i;
                }
            }
            int slot = next;
            next = (next + 1) % CAPACITY;
            size = Math.max(size, next == 0 ? CAPACITY : next);
            System.arraycopy(y, 0, points[slot], 0, y.length);
            values[slot] = field.valueAndGradient(points[slot], gradients[slot]);
            evaluations++;
            return slot;
        }
    }

    /** Ends a Hipparchus integration from inside a step handler or derivative; carries no stack trace. */
    private static final class Stop extends RuntimeException {

        private final transient StopReason reason;

        Stop(StopReason reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }
    }

    /** @return e.g. {@code hipparchus-dormand-prince-853(rtol=1.0E-6, atol=1.0E-9, minStep=0.0, maxStep=Infinity)} */
    @Override
    public String toString() {
        return name + "(" + configuration + ")";
    }
}
