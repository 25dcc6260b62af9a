package dev.chainrule.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The pictures the examples save, all PNG and all drawn without a display ({@code java.awt.headless}): line charts
 * through XChart, and decision boundaries and digit grids pixel by pixel on a {@link BufferedImage}.
 */
public final class Plots {
    /** Width of every line chart, in pixels. */
    public static final int CHART_WIDTH = 800;
    /** Height of every line chart, in pixels. */
    public static final int CHART_HEIGHT = 500;
    /** Size of a decision-boundary picture, in pixels. */
    public static final int BOUNDARY_SIZE = 400;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    /** One curve of a line chart. */
    public record Series(String name, double[] x, double[] y) {
        /** A curve over 1, 2, ..., n (epochs). */
        public static Series overEpochs(String name, double[] y) {
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) x[i] = i + 1;
            return new Series(name, x, y);
        }
    }

    /** Saves a line chart of {@code series} as a {@link #CHART_WIDTH}×{@link #CHART_HEIGHT} PNG. */
    public static Path lines(Path file, String title, String xTitle, String yTitle, List<Series> series) {
        XYChart chart = new XYChartBuilder().width(CHART_WIDTH).height(CHART_HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (Series s : series) chart.addSeries(s.name(), s.x(), s.y()).setMarker(SeriesMarkers.NONE);
        return write(BitmapEncoder.getBufferedImage(chart), file);
    }

    /**
     * Saves the decision boundary of a two-input binary classifier over {@code [min, max]²} as a
     * {@link #BOUNDARY_SIZE}-pixel square PNG: each pixel coloured by the predicted probability of class 1 (blue for
     * 0, red for 1), the 0.5 contour in black, and the data points on top.
     *
     * @param probability maps a {@code [M, 2]} array of points to their M probabilities of class 1
     */
    public static Path decisionBoundary(Path file, String title, Function<double[][], double[]> probability,
                                        double[][] points, int[] labels, double min, double max) {
        int n = BOUNDARY_SIZE;
        double[][] grid = new double[n * n][];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                grid[row * n + col] = new double[] {toData(col, n, min, max), toData(n - 1 - row, n, min, max)};
            }
        }
        double[] p = probability.apply(grid);
        BufferedImage image = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                double q = p[row * n + col];
                boolean edge = col + 1 < n && (q > 0.5) != (p[row * n + col + 1] > 0.5)
                        || row + 1 < n && (q > 0.5) != (p[(row + 1) * n + col] > 0.5);
                image.setRGB(col, row, edge ? 0 : blend(q).getRGB());
            }
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int i = 0; i < points.length; i++) {
            int x = (int) Math.round((points[i][0] - min) / (max - min) * (n - 1));
            int y = n - 1 - (int) Math.round((points[i][1] - min) / (max - min) * (n - 1));
            g.setColor(labels[i] == 1 ? new Color(180, 0, 0) : new Color(0, 0, 170));
            g.fillOval(x - 4, y - 4, 9, 9);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(1.2f));
            g.drawOval(x - 4, y - 4, 9, 9);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 8, 18);
        g.dispose();
        return write(image, file);
    }

    /**
     * Saves square grey-scale images (values in [0, 1], row-major, {@code side × side}) in a grid with a caption
     * under each, {@code columns} per row, each pixel drawn as a {@code scale}-pixel square.
     */
    public static Path imageGrid(Path file, List<double[]> images, List<String> captions, int side, int columns,
                                 int scale) {
        int cell = side * scale;
        int captionHeight = 16;
        int rows = Math.max(1, (images.size() + columns - 1) / columns);
        BufferedImage image = new BufferedImage(columns * (cell + 8), rows * (cell + captionHeight + 8),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int k = 0; k < images.size(); k++) {
            int x0 = (k % columns) * (cell + 8) + 4;
            int y0 = (k / columns) * (cell + captionHeight + 8) + 4;
            double[] pixels = images.get(k);
            for (int i = 0; i < side; i++) {
                for (int j = 0; j < side; j++) {
                    int grey = 255 - (int) Math.round(255 * Math.max(0, Math.min(1, pixels[i * side + j])));
                    g.setColor(new Color(grey, grey, grey));
                    g.fillRect(x0 + j * scale, y0 + i * scale, scale, scale);
                }
            }
            g.setColor(new Color(160, 0, 0));
            g.drawString(captions.get(k), x0, y0 + cell + captionHeight - 3);
        }
        g.dispose();
        return write(image, file);
    }

    private static double toData(int pixel, int n, double min, double max) {
        return min + (max - min) * pixel / (n - 1);
    }

    private static Color blend(double p) {
        double q = Math.max(0, Math.min(1, p));
        int r = (int) Math.round(120 + 135 * q);
        int b = (int) Math.round(120 + 135 * (1 - q));
        int g = (int) Math.round(150 + 60 * (1 - Math.abs(2 * q - 1)));
        return new Color(r, Math.min(255, g), b);
    }

    private static Path write(BufferedImage image, Path file) {
        try {
            if (file.getParent() != null) java.nio.file.Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer available");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
