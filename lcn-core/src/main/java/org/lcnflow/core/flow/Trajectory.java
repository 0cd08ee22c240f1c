package org.lcnflow.core.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.lcnflow.core.theory.Balancedness;

/**
 * The states a run recorded: the first, one per recording interval in time, and the last. Immutable.
 *
 * @param points the recorded points, in time order
 */
public record Trajectory(List<Point> points) {

    /** Copies the list. */
    public Trajectory {
        Objects.requireNonNull(points, "points is null");
        points = Collections.unmodifiableList(new ArrayList<>(points));
    }

    /** @return the first recorded point (the initial state) */
    public Point first() {
        return points.get(0);
    }

    /** @return the last recorded point (the final state) */
    public Point last() {
        return points.get(points.size() - 1);
    }

    /** @return the number of points */
    public int size() {
        return points.size();
    }

    /**
     * One recorded state.
     *
     * @param time              {@code t}
     * @param steps             accepted steps taken up to {@code t}
     * @param evaluations       gradient evaluations made up to {@code t} (counted at the field)
     * @param seconds           wall-clock seconds since the run started
     * @param loss              {@code L(w(t))}
     * @param gradientNorm      {@code ||grad L(w(t))||_2}
     * @param squaredLayerNorms {@code ||w^(i)(t)||^2} per layer (copied in and out)
     * @param finalFilter       {@code v(t)} (copied in and out)
     */
    public record Point(double time, long steps, long evaluations, double seconds, double loss, double gradientNorm,
                        double[] squaredLayerNorms, double[] finalFilter) {

        /** Copies the arrays. */
        public Point {
            squaredLayerNorms = squaredLayerNorms.clone();
            finalFilter = finalFilter.clone();
        }

        @Override
        public double[] squaredLayerNorms() {
            return squaredLayerNorms.clone();
        }

        @Override
        public double[] finalFilter() {
            return finalFilter.clone();
        }

        /** @return the balancedness differences {@code delta_i} at this point (Lemma 3.3) */
        public double[] deltas() {
            return Balancedness.deltasOf(squaredLayerNorms);
        }

        /** @return {@code ||v(t)||_1} */
        public double finalFilterL1() {
            double sum = 0.0;
            for (double c : finalFilter) {
                sum += Math.abs(c);
            }
            return sum;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Point)) {
                return false;
            }
            Point that = (Point) other;
            return Double.compare(time, that.time) == 0 && steps == that.steps && evaluations == that.evaluations
                    && Double.compare(seconds, that.seconds) == 0
                    && Double.compare(loss, that.loss) == 0 && Double.compare(gradientNorm, that.gradientNorm) == 0
                    && java.util.Arrays.equals(squaredLayerNorms, that.squaredLayerNorms)
                    && java.util.Arrays.equals(finalFilter, that.finalFilter);
        }

        @Override
        public int hashCode() {
            return Objects.hash(time, steps, evaluations, seconds, loss, gradientNorm, java.util.Arrays.hashCode(squaredLayerNorms),
                    java.util.Arrays.hashCode(finalFilter));
        }

        @Override
        public String toString() {
            return "Point(t=" + time + ", steps=" + steps + ", evaluations=" + evaluations + ", loss=" + loss + ", gradientNorm=" + gradientNorm + ")";
        }
    }
}
