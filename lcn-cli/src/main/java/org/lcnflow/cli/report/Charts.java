package org.lcnflow.cli.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lcnflow.core.flow.Trajectory;

/** The PNG charts of a run, drawn with XChart: real axes, titles and legends. */
public final class Charts {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    private Charts() {
    }

    public static XYChart chart(String title, String xTitle, String yTitle, boolean logY) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setXAxisDecimalPattern("#0.####");
        if (!logY) {
            chart.getStyler().setYAxisDecimalPattern("0.##E0");
        }
        return chart;
    }

    /**
     * Adds a line; on a logarithmic axis only positive values are drawn.
     *
     * @return whether the series had points to draw
     */
    public static boolean line(XYChart chart, String name, double[] x, double[] y) {
        boolean log = chart.getStyler().isYAxisLogarithmic();
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!log || y[i] > 0)) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) {
            return false;
        }
        chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
        return true;
    }

    /** {@code loss.png}: loss and gradient norm against t, log scale. */
    public static void lossChart(Path file, String title, Trajectory trajectory) {
        int n = trajectory.size();
        double[] t = new double[n];
        double[] loss = new double[n];
        double[] gradient = new double[n];
        for (int i = 0; i < n; i++) {
            Trajectory.Point p = trajectory.points().get(i);
            t[i] = p.time();
            loss[i] = p.loss();
            gradient[i] = p.gradientNorm();
        }
        XYChart chart = chart(title, "t", "value (log scale)", true);
        line(chart, "loss L(w(t))", t, loss);
        line(chart, "gradient norm ||grad L(w(t))||", t, gradient);
        save(file, List.of(chart));
    }

    /** {@code balancedness.png}: drift {@code delta_i(t) - delta_i(0)} of each balancedness difference. */
    public static void balancednessChart(Path file, String title, Trajectory trajectory) {
        int n = trajectory.size();
        double[] t = new double[n];
        double[] initial = trajectory.first().deltas();
        double[][] drift = new double[initial.length][n];
        for (int i = 0; i < n; i++) {
            Trajectory.Point p = trajectory.points().get(i);
            t[i] = p.time();
            double[] deltas = p.deltas();
            for (int k = 0; k < deltas.length; k++) {
                drift[k][i] = deltas[k] - initial[k];
            }
        }
        XYChart chart = chart(title, "t", "delta_i(t) - delta_i(0)", false);
        for (int k = 0; k < initial.length; k++) {
            line(chart, "delta_" + (k + 1) + " = ||w" + (k + 2) + "||^2 - ||w" + (k + 1) + "||^2", t, drift[k]);
        }
        if (initial.length == 0) {
            line(chart, "depth 1: no balancedness differences", new double[] {0, t[n - 1]}, new double[] {0, 0});
        }
        save(file, List.of(chart));
    }

    /** Writes charts side by side into one PNG, atomically. */
    public static void save(Path file, List<XYChart> charts) {
        BufferedImage image = new BufferedImage(WIDTH * charts.size(), HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), i * WIDTH, 0, null);
        }
        g.dispose();
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new java.io.IOException("no PNG writer available");
            }
        });
    }
}
