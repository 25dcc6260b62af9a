package dev.chainrule.examples;

import dev.chainrule.nn.train.EpochResult;
import dev.chainrule.nn.train.TrainingHistory;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The pictures the examples save, all PNG and all drawn without a display ({@code java.awt.headless}): line charts
 * through XChart, and decision boundaries, confusion matrices and digit grids pixel by pixel on a {@link BufferedImage}.
 */
public final class Plots {
    /** Width of every line chart, in pixels. */
    public static final int CHART_WIDTH = 800;
    /** Height of every line chart, in pixels. */
    public static final int CHART_HEIGHT = 500;
    /** Size of a decision-boundary picture, in pixels. */
    public static final int BOUNDARY_SIZE = 400;
    /** Side of one cell of a confusion-matrix picture, in pixels. */
    public static final int CONFUSION_CELL = 40;
    /** Room left of and above the cells of a confusion-matrix picture, for the title and the class labels. */
    public static final int CONFUSION_MARGIN = 70;
    /** Side of one cell of an attention map, in pixels. */
    public static final int ATTENTION_CELL = 30;
    /** Room for the characters along the edges of an attention map, in pixels. */
    static final int ATTENTION_LABEL = 20;
    /** Room for a panel's heading, in pixels. */
    static final int HEADING_HEIGHT = 22;
    /** Room for the caption under an image, in pixels. */
    static final int CAPTION_HEIGHT = 16;
    /** Space around the images of a panel, in pixels. */
    static final int GAP = 8;
    /** Room for the title of a {@link #panels} picture, in pixels. */
    static final int TITLE_HEIGHT = 26;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    /** How a curve is drawn: solid, dashed or dotted. */
    public enum Line { SOLID, DASHED, DOTTED }

    /**
     * One curve of a line chart.
     *
     * @param color its colour, or null for the chart's next one
     * @param line  solid, dashed or dotted
     */
    public record Series(String name, double[] x, double[] y, Color color, Line line) {
        /**
         * Checks that every point has both coordinates.
         *
         * @throws IllegalArgumentException when {@code x} and {@code y} differ in length, naming the series
         */
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("Plots.Series: series '" + name + "' has " + x.length
                        + " x values and " + y.length + " y values; each point needs both");
            }
        }

        /** A solid curve in the chart's next colour. */
        public Series(String name, double[] x, double[] y) {
            this(name, x, y, null, Line.SOLID);
        }

        /** A curve over 1, 2, ..., n (epochs). */
        public static Series overEpochs(String name, double[] y) {
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) x[i] = i + 1;
            return new Series(name, x, y);
        }
    }

    /** One number of every epoch of a training run, e.g. {@code column(history, EpochResult::trainLoss)}. */
    public static double[] column(TrainingHistory history, ToDoubleFunction<EpochResult> value) {
        return history.epochs().stream().mapToDouble(value).toArray();
    }

    /** Saves a line chart of {@code series} as a {@link #CHART_WIDTH}×{@link #CHART_HEIGHT} PNG. */
    public static Path lines(Path file, String title, String xTitle, String yTitle, List<Series> series) {
        return write(BitmapEncoder.getBufferedImage(chart(title, xTitle, yTitle, series, false)), file);
    }

    /**
     * Saves a line chart of {@code series} with a logarithmic y axis, as a {@link #CHART_WIDTH}×{@link #CHART_HEIGHT}
     * PNG. Every y value must be positive.
     *
     * @throws IllegalArgumentException naming the series and point of a value that is not positive
     */
    public static Path logLines(Path file, String title, String xTitle, String yTitle, List<Series> series) {
        for (Series s : series) {
            for (int i = 0; i < s.y().length; i++) {
                if (!(s.y()[i] > 0)) {
                    throw new IllegalArgumentException("logLines: series '" + s.name() + "' has y = " + s.y()[i]
                            + " at point " + i + "; a logarithmic axis needs positive values");
                }
            }
        }
        return write(BitmapEncoder.getBufferedImage(chart(title, xTitle, yTitle, series, true)), file);
    }

    private static XYChart chart(String title, String xTitle, String yTitle, List<Series> series, boolean logY) {
        XYChart chart = new XYChartBuilder().width(CHART_WIDTH).height(CHART_HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        // Beyond a few curves the legend would hide some of them: it moves out to the right.
        chart.getStyler().setLegendPosition(series.size() > 6 ? Styler.LegendPosition.OutsideE
                : Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setXAxisDecimalPattern("#,##0.##");
        for (Series s : series) {
            XYSeries drawn = chart.addSeries(s.name(), s.x(), s.y());
            drawn.setMarker(SeriesMarkers.NONE);
            if (s.color() != null) drawn.setLineColor(s.color());
            drawn.setLineStyle(switch (s.line()) {
                case SOLID -> SeriesLines.SOLID;
                case DASHED -> SeriesLines.DASH_DASH;
                case DOTTED -> SeriesLines.DOT_DOT;
            });
        }
        return chart;
    }

    /** The width and height of a confusion-matrix picture of {@code classes} classes, in pixels. */
    public static int confusionSize(int classes) {
        return CONFUSION_MARGIN + classes * CONFUSION_CELL + 20;
    }

    /**
     * Saves a confusion matrix ({@code counts[actual][predicted]}) as a square PNG of {@link #confusionSize} pixels:
     * one cell per pair with its count, the diagonal shaded blue and the mistakes red by their share of the row.
     */
    public static Path confusionMatrix(Path file, String title, long[][] counts) {
        int classes = counts.length;
        int size = confusionSize(classes);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, 8, 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString("predicted", CONFUSION_MARGIN, 40);
        g.drawString("true", 8, CONFUSION_MARGIN - 8);
        for (int actual = 0; actual < classes; actual++) {
            long rowTotal = 0;
            for (long count : counts[actual]) rowTotal += count;
            int y0 = CONFUSION_MARGIN + actual * CONFUSION_CELL;
            g.setColor(Color.BLACK);
            g.drawString(Integer.toString(actual), CONFUSION_MARGIN - 16, y0 + CONFUSION_CELL / 2 + 4);
            for (int predicted = 0; predicted < classes; predicted++) {
                int x0 = CONFUSION_MARGIN + predicted * CONFUSION_CELL;
                if (actual == 0) {
                    g.setColor(Color.BLACK);
                    g.drawString(Integer.toString(predicted), x0 + CONFUSION_CELL / 2 - 3, CONFUSION_MARGIN - 6);
                }
                long count = counts[actual][predicted];
                double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
                // Mistakes are rare: their shade is stretched five times so that a few percent show.
                double shade = actual == predicted ? share : Math.min(1, 5 * share);
                Color full = actual == predicted ? new Color(30, 80, 170) : new Color(190, 30, 30);
                g.setColor(mix(Color.WHITE, full, shade));
                g.fillRect(x0, y0, CONFUSION_CELL, CONFUSION_CELL);
                g.setColor(new Color(220, 220, 220));
                g.drawRect(x0, y0, CONFUSION_CELL, CONFUSION_CELL);
                if (count > 0) {
                    String text = String.format(Locale.ROOT, "%d", count);
                    g.setColor(shade > 0.5 ? Color.WHITE : Color.BLACK);
                    int width = g.getFontMetrics().stringWidth(text);
                    g.drawString(text, x0 + (CONFUSION_CELL - width) / 2, y0 + CONFUSION_CELL / 2 + 4);
                }
            }
        }
        g.dispose();
        return write(image, file);
    }

    private static Color mix(Color from, Color to, double t) {
        double u = Math.max(0, Math.min(1, t));
        return new Color((int) Math.round(from.getRed() + u * (to.getRed() - from.getRed())),
                (int) Math.round(from.getGreen() + u * (to.getGreen() - from.getGreen())),
                (int) Math.round(from.getBlue() + u * (to.getBlue() - from.getBlue())));
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
            drawPixels(g, images.get(k), side, scale, x0, y0, false);
            g.setColor(new Color(160, 0, 0));
            g.drawString(captions.get(k), x0, y0 + cell + captionHeight - 3);
        }
        g.dispose();
        return write(image, file);
    }

    /**
     * One block of a {@link #panels} picture: a heading, then square images of {@code side × side} values
     * (row-major) in rows of {@code columns}, each pixel drawn as a {@code scale}-pixel square, a caption under each.
     *
     * @param normalise stretch each image from its own minimum (white) to its maximum (black), for values that are
     *                  not in [0, 1] such as filters and feature maps; otherwise values are clamped to [0, 1], as
     *                  {@link #imageGrid} draws them. An image whose values are all equal is drawn white.
     */
    public record Panel(String heading, List<double[]> images, List<String> captions, int side, int columns, int scale,
                        boolean normalise) {
        /**
         * Checks the sizes.
         *
         * @throws IllegalArgumentException naming the panel when there is not one caption per image, an image does
         *                                  not have {@code side²} values, or a size is not positive
         */
        public Panel {
            if (side < 1 || columns < 1 || scale < 1) {
                throw new IllegalArgumentException("Plots.Panel '" + heading + "': side, columns and scale must be "
                        + "positive, got " + side + ", " + columns + ", " + scale);
            }
            if (images.size() != captions.size()) {
                throw new IllegalArgumentException("Plots.Panel '" + heading + "': " + images.size() + " images and "
                        + captions.size() + " captions; each image needs one");
            }
            for (int k = 0; k < images.size(); k++) {
                if (images.get(k).length != side * side) {
                    throw new IllegalArgumentException("Plots.Panel '" + heading + "': image " + k + " has "
                            + images.get(k).length + " values, expected " + side + "*" + side + " = " + side * side);
                }
            }
            images = List.copyOf(images);
            captions = List.copyOf(captions);
        }

        /** The panel's width in pixels: its columns of images with their gaps. */
        int width() {
            return Math.min(columns, Math.max(1, images.size())) * (side * scale + GAP) + GAP;
        }

        /** The panel's height in pixels: the heading, then its rows of captioned images. */
        int height() {
            int rows = Math.max(1, (images.size() + columns - 1) / columns);
            return HEADING_HEIGHT + rows * (side * scale + CAPTION_HEIGHT + GAP);
        }
    }

    /**
     * Saves a picture of {@code panels} stacked top to bottom under {@code title}, on white: for instance a digit,
     * then the feature maps of each layer, each panel with its own image size and scale.
     */
    public static Path panels(Path file, String title, List<Panel> panels) {
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        Font headingFont = new Font(Font.SANS_SERIF, Font.BOLD, 11);
        Font captionFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D measure = scratch.createGraphics();
        int width = measure.getFontMetrics(titleFont).stringWidth(title) + 2 * GAP;
        int height = TITLE_HEIGHT;
        for (Panel panel : panels) {
            width = Math.max(width, Math.max(panel.width(),
                    measure.getFontMetrics(headingFont).stringWidth(panel.heading()) + 2 * GAP));
            height += panel.height();
        }
        measure.dispose();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(titleFont);
        g.drawString(title, GAP, 18);
        int top = TITLE_HEIGHT;
        for (Panel panel : panels) {
            g.setColor(Color.BLACK);
            g.setFont(headingFont);
            g.drawString(panel.heading(), GAP, top + 15);
            g.setFont(captionFont);
            int cell = panel.side() * panel.scale();
            for (int k = 0; k < panel.images().size(); k++) {
                int x0 = (k % panel.columns()) * (cell + GAP) + GAP;
                int y0 = top + HEADING_HEIGHT + (k / panel.columns()) * (cell + CAPTION_HEIGHT + GAP);
                drawPixels(g, panel.images().get(k), panel.side(), panel.scale(), x0, y0, panel.normalise());
                g.setColor(new Color(120, 120, 120));
                g.drawRect(x0 - 1, y0 - 1, cell + 1, cell + 1);
                g.setColor(new Color(160, 0, 0));
                g.drawString(panel.captions().get(k), x0, y0 + cell + CAPTION_HEIGHT - 3);
            }
            top += panel.height();
        }
        g.dispose();
        return write(image, file);
    }

    /**
     * Saves attention maps side by side under {@code title}: each map is {@code T × T} weights (row-major; row = the
     * query, column = the key), one cell per pair shaded from white (0) to dark blue (1), with its weight in
     * hundredths where it is at least 0.05, and the T characters of {@code tokens} along both edges.
     *
     * @throws IllegalArgumentException when a map does not hold {@code T²} values or there is not one heading per map
     */
    public static Path attention(Path file, String title, String tokens, List<double[]> maps, List<String> headings) {
        int t = tokens.length();
        if (maps.size() != headings.size()) {
            throw new IllegalArgumentException("Plots.attention: " + maps.size() + " maps and " + headings.size()
                    + " headings; each map needs one");
        }
        for (double[] map : maps) {
            if (map.length != t * t) {
                throw new IllegalArgumentException("Plots.attention: a map has " + map.length + " weights, expected "
                        + t + "*" + t + " for '" + tokens + "'");
            }
        }
        int side = ATTENTION_LABEL + t * ATTENTION_CELL;
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        int width = Math.max(maps.size() * (side + 3 * GAP) + GAP,
                measure.getFontMetrics(titleFont).stringWidth(title) + 2 * GAP);
        measure.dispose();
        int height = TITLE_HEIGHT + HEADING_HEIGHT + side + GAP;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(titleFont);
        g.drawString(title, GAP, 18);
        for (int m = 0; m < maps.size(); m++) {
            int x0 = GAP + m * (side + 3 * GAP);
            int y0 = TITLE_HEIGHT;
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            g.drawString(headings.get(m), x0, y0 + 15);
            drawAttentionMap(g, maps.get(m), tokens, x0, y0 + HEADING_HEIGHT);
        }
        g.dispose();
        return write(image, file);
    }

    private static void drawAttentionMap(Graphics2D g, double[] weights, String tokens, int x0, int y0) {
        int t = tokens.length();
        int label = ATTENTION_LABEL;
        Font letters = new Font(Font.MONOSPACED, Font.BOLD, 13);
        Font numbers = new Font(Font.SANS_SERIF, Font.PLAIN, 9);
        for (int i = 0; i < t; i++) {
            g.setFont(letters);
            g.setColor(Color.BLACK);
            String letter = String.valueOf(tokens.charAt(i));
            g.drawString(letter, x0 + label + i * ATTENTION_CELL + ATTENTION_CELL / 2 - 4, y0 + 14);
            g.drawString(letter, x0 + 4, y0 + label + i * ATTENTION_CELL + ATTENTION_CELL / 2 + 5);
            for (int j = 0; j < t; j++) {
                double w = weights[i * t + j];
                int x = x0 + label + j * ATTENTION_CELL;
                int y = y0 + label + i * ATTENTION_CELL;
                g.setColor(mix(Color.WHITE, new Color(20, 50, 140), w));
                g.fillRect(x, y, ATTENTION_CELL, ATTENTION_CELL);
                g.setColor(new Color(225, 225, 225));
                g.drawRect(x, y, ATTENTION_CELL, ATTENTION_CELL);
                if (w >= 0.05) {
                    g.setFont(numbers);
                    g.setColor(w > 0.5 ? Color.WHITE : Color.BLACK);
                    String text = w >= 0.995 ? "1" : String.format(Locale.ROOT, "%.2f", w).substring(1);   // ".37"
                    g.drawString(text, x + 6, y + ATTENTION_CELL / 2 + 4);
                }
            }
        }
    }

    /**
     * Draws {@code side × side} values as grey squares of {@code scale} pixels from {@code (x0, y0)}: 0 white, 1
     * black, clamped; or, when normalising, the image's minimum white and its maximum black.
     */
    private static void drawPixels(Graphics2D g, double[] pixels, int side, int scale, int x0, int y0,
                                   boolean normalise) {
        double low = 0;
        double high = 1;
        if (normalise) {
            low = Double.POSITIVE_INFINITY;
            high = Double.NEGATIVE_INFINITY;
            for (double v : pixels) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        double range = high - low;
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                double t = range > 0 ? (pixels[i * side + j] - low) / range : 0;
                int grey = 255 - (int) Math.round(255 * Math.max(0, Math.min(1, t)));
                g.setColor(new Color(grey, grey, grey));
                g.fillRect(x0 + j * scale, y0 + i * scale, scale, scale);
            }
        }
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
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer available");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
