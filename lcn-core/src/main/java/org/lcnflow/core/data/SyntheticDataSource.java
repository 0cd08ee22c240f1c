package org.lcnflow.core.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.DataSource;
import org.lcnflow.api.DataSourceProvider;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Parameters;
import org.lcnflow.core.network.FinalFilter;
import org.lcnflow.core.network.InitialFilters;

/**
 * A teacher problem: inputs i.i.d. standard Gaussian, targets {@code y = V* x + noise} from a teacher
 * LCN of the same architecture with seeded Gaussian filters, and a fraction {@code outliers} of the
 * samples whose targets are further corrupted by Gaussian errors of size {@code outlierScale}. The same
 * parameters give the same data on every machine. Immutable.
 */
public final class SyntheticDataSource implements DataSource {

    private final int samples;
    private final long seed;
    private final double noise;
    private final double outliers;
    private final double outlierScale;
    private final double teacherScale;

    /**
     * @param samples      {@code m >= 1}
     * @param seed         the seed of inputs, teacher and noise
     * @param noise        the standard deviation of the target noise, {@code >= 0}
     * @param outliers     the fraction of samples with corrupted targets, in {@code [0, 1]}
     * @param outlierScale the standard deviation of the corruption, {@code >= 0}
     * @param teacherScale the standard deviation of the teacher's filter entries, {@code > 0}
     */
    public SyntheticDataSource(int samples, long seed, double noise, double outliers, double outlierScale,
                               double teacherScale) {
        check(samples >= 1, "m", "an integer >= 1", samples);
        check(noise >= 0 && Double.isFinite(noise), "noise", ">= 0 and finite", noise);
        check(outliers >= 0 && outliers <= 1, "outliers", "a fraction in [0, 1]", outliers);
        check(outlierScale >= 0 && Double.isFinite(outlierScale), "outlierScale", ">= 0 and finite", outlierScale);
        check(teacherScale > 0 && Double.isFinite(teacherScale), "teacherScale", "> 0 and finite", teacherScale);
        this.samples = samples;
        this.seed = seed;
        this.noise = noise;
        this.outliers = outliers;
        this.outlierScale = outlierScale;
        this.teacherScale = teacherScale;
    }

    private static void check(boolean ok, String name, String allowed, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("synthetic: " + name + " must be " + allowed + ", got " + value);
        }
    }

    /**
     * @param architecture the network
     * @return the teacher's filters: what the data were generated from (before noise)
     */
    public double[] teacherFilters(Architecture architecture) {
        return InitialFilters.gaussian(architecture, seed ^ 0x5DEECE66DL, teacherScale);
    }

    @Override
    public Dataset load(Architecture architecture) {
        FinalFilter teacher = FinalFilter.of(architecture, teacherFilters(architecture));
        Random random = new Random(seed);
        int d0 = architecture.inputDimension();
        int dN = architecture.outputDimension();
        double[][] x = new double[samples][d0];
        double[][] y = new double[samples][dN];
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < d0; j++) {
                x[i][j] = random.nextGaussian();
            }
            for (int j = 0; j < dN; j++) {
                double z = 0.0;
                for (int n = 0; n < teacher.width(); n++) {
                    z += teacher.get(n) * x[i][j * teacher.stride() + n];
                }
                y[i][j] = z + noise * random.nextGaussian();
            }
        }
        int corrupted = (int) Math.round(outliers * samples);
        int[] order = new int[samples];
        for (int i = 0; i < samples; i++) {
            order[i] = i;
        }
        for (int i = 0; i < corrupted; i++) {
            int k = i + random.nextInt(samples - i);
            int swap = order[k];
            order[k] = order[i];
            order[i] = swap;
            for (int j = 0; j < dN; j++) {
                y[swap][j] += outlierScale * random.nextGaussian();
            }
        }
        return new Dataset(x, y);
    }

    @Override
    public String toString() {
        return "synthetic(m=" + samples + ", seed=" + seed + ", noise=" + noise + ", outliers=" + outliers
                + ", outlierScale=" + outlierScale + ", teacherScale=" + teacherScale + ")";
    }

    /** The {@code synthetic} provider. */
    public static final class Provider implements DataSourceProvider {
        @Override
        public String name() {
            return "synthetic";
        }

        @Override
        public String description() {
            return "Gaussian inputs, targets from a seeded teacher LCN of the same architecture, with noise and"
                    + " outliers";
        }

        @Override
        public Map<String, String> parameters() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("m", "number of samples; default 100; integer >= 1");
            p.put("seed", "seed of inputs, teacher filters and noise; default 0; integer");
            p.put("noise", "standard deviation of Gaussian target noise; default 0; >= 0");
            p.put("outliers", "fraction of samples with corrupted targets; default 0; in [0, 1]");
            p.put("outlierScale", "standard deviation of the corruption; default 10; >= 0");
            p.put("teacherScale", "standard deviation of the teacher's filter entries; default 1; > 0");
            return p;
        }

        @Override
        public DataSource create(Parameters parameters) {
            parameters.requireOnly(name(), Set.of("m", "seed", "noise", "outliers", "outlierScale", "teacherScale"));
            long m;
            long seed;
            double noise;
            double outliers;
            double outlierScale;
            double teacherScale;
            try {
                m = parameters.getLong("m", 100);
                seed = parameters.getLong("seed", 0);
                noise = parameters.getDouble("noise", 0);
                outliers = parameters.getDouble("outliers", 0);
                outlierScale = parameters.getDouble("outlierScale", 10);
                teacherScale = parameters.getDouble("teacherScale", 1);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name() + ": " + e.getMessage(), e);
            }
            if (m < 1 || m > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("synthetic: m must be an integer >= 1, got " + m);
            }
            return new SyntheticDataSource((int) m, seed, noise, outliers, outlierScale, teacherScale);
        }
    }
}
