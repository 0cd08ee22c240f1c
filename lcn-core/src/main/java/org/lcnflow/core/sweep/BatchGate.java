package org.lcnflow.core.sweep;

import java.util.ArrayList;
import java.util.List;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.HessianField;
import org.lcnflow.api.Loss;
import org.lcnflow.core.endpoint.ConvexOptimum;
import org.lcnflow.core.endpoint.FinalFilterRisk;
import org.lcnflow.core.flow.TrainingRisk;
import org.lcnflow.core.theory.BoundednessBound;

/**
 * Where the runs of one batch of a sweep meet for their gradients: each run, on its own thread, asks for its next
 * value and gradient and waits; when every run still going has asked, the last to ask evaluates them all with one
 * {@link GradientField#valuesAndGradients} (one pass over the data for all their final filters, each the bits of its
 * own evaluation) and wakes the others. A run's steps depend only on its own gradients, so every run is the run it
 * would be alone. Hessians are each run's own (on its own fork of the risk).
 */
final class BatchGate {

    private final GradientField evaluator;
    private final int dimension;
    private int active;
    private final List<Request> pending = new ArrayList<>();
    private double[][] points = new double[0][];
    private double[][] gradients = new double[0][];
    private double[] values = new double[0];
    private RuntimeException failure;

    /** One run's request: its points, filled with their values and gradients. */
    private static final class Request {
        final double[][] points;
        final double[][] gradients;
        final double[] values;
        final int count;
        boolean done;

        Request(double[][] points, double[][] gradients, double[] values, int count) {
            this.points = points;
            this.gradients = gradients;
            this.values = values;
            this.count = count;
        }
    }

    BatchGate(GradientField evaluator, int runs) {
        this.evaluator = evaluator;
        this.dimension = evaluator.dimension();
        this.active = runs;
    }

    /** Waits for the batch, then returns the values and gradients of the request's points. */
    synchronized void submit(double[][] points, double[][] gradients, double[] values, int count) {
        Request request = new Request(points, gradients, values, count);
        pending.add(request);
        if (pending.size() == active) {
            evaluate();
        }
        while (!request.done) {
            if (failure != null) {
                throw failure;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the batch's gradients", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A run has ended: the others no longer wait for it. */
    synchronized void leave() {
        active--;
        if (active > 0 && pending.size() == active) {
            evaluate();
        }
    }

    private void evaluate() {
        int total = 0;
        for (Request r : pending) {
            total += r.count;
        }
        if (points.length < total) {
            points = new double[total][];
            gradients = new double[total][dimension];
            values = new double[total];
        }
        int k = 0;
        for (Request r : pending) {
            for (int p = 0; p < r.count; p++) {
                points[k++] = r.points[p];
            }
        }
        try {
            evaluator.valuesAndGradients(points, gradients, values, total);
        } catch (RuntimeException e) {
            failure = e;
            notifyAll();
            throw e;
        }
        k = 0;
        for (Request r : pending) {
            for (int p = 0; p < r.count; p++, k++) {
                System.arraycopy(gradients[k], 0, r.gradients[p], 0, dimension);
                r.values[p] = values[k];
            }
            r.done = true;
        }
        pending.clear();
        notifyAll();
    }

    /** A run's risk: its gradients through the gate, its Hessians and everything else its own or the sweep's. */
    static TrainingRisk forRun(BatchGate gate, TrainingRisk shared) {
        return new TrainingRisk() {
            @Override
            public Architecture architecture() {
                return shared.architecture();
            }

            @Override
            public Loss loss() {
                return shared.loss();
            }

            @Override
            public long sampleCount() {
                return shared.sampleCount();
            }

            @Override
            public HessianField field() {
                return new GateField(gate, shared.field());
            }

            @Override
            public BoundednessBound boundednessBound() {
                return shared.boundednessBound();
            }

            @Override
            public FinalFilterRisk finalFilterRisk() {
                return shared.finalFilterRisk();
            }

            @Override
            public ConvexOptimum convexOptimum() {
                return shared.convexOptimum();
            }
        };
    }

    /** One run's field: value and gradient requests go through the gate. */
    private static final class GateField implements HessianField {
        private final BatchGate gate;
        private final HessianField own;
        private final double[][] one = new double[1][];
        private final double[][] oneGradient = new double[1][];
        private final double[] oneValue = new double[1];

        GateField(BatchGate gate, HessianField own) {
            this.gate = gate;
            this.own = own;
        }

        @Override
        public int dimension() {
            return own.dimension();
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            one[0] = w;
            oneGradient[0] = gradient;
            gate.submit(one, oneGradient, oneValue, 1);
            return oneValue[0];
        }

        @Override
        public void valuesAndGradients(double[][] points, double[][] gradients, double[] values, int count) {
            gate.submit(points, gradients, values, count);
        }

        @Override
        public boolean hasHessian() {
            return own.hasHessian();
        }

        @Override
        public double valueGradientAndHessian(double[] w, double[] gradient, double[] hessian) {
            return own.valueGradientAndHessian(w, gradient, hessian);
        }
    }
}
