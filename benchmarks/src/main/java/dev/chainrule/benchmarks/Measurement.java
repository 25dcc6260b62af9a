package dev.chainrule.benchmarks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.function.DoubleUnaryOperator;

/**
 * One result line of the CLI: {@code name value unit}, for example {@code mlp1024_b32_f64_step_ms 5.12 ms}.
 * The name is lower snake case and says the workload, its size, the dtype and the unit; the value is printed
 * with at most four significant digits in plain notation (never an exponent), so a line splits on spaces into three
 * fields that any script can read. A timed measurement also carries its {@link Spread}: the values of the fastest and
 * slowest round, printed as a comment line.
 */
public record Measurement(String name, double value, String unit, Spread spread) {
    /** The lowest and highest value over {@code rounds} timed rounds (the median is the measurement's value). */
    public record Spread(double low, double high, int rounds) {}

    /** A measurement without a spread: a single figure such as heap growth. */
    public Measurement(String name, double value, String unit) {
        this(name, value, unit, null);
    }

    /**
     * A timed measurement: {@code toValue} turns seconds per call into the reported unit (milliseconds, GFLOP/s),
     * applied to the median round and to the fastest and slowest.
     */
    static Measurement timed(String name, Timer.Rounds rounds, DoubleUnaryOperator toValue,
                             String unit) {
        double a = toValue.applyAsDouble(rounds.min());
        double b = toValue.applyAsDouble(rounds.max());
        return new Measurement(name, toValue.applyAsDouble(rounds.median()), unit,
                new Spread(Math.min(a, b), Math.max(a, b), rounds.count()));
    }

    public Measurement {
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("Measurement: name must be lower snake case, got '" + name + "'");
        }
        if (!unit.matches("\\S+")) {
            throw new IllegalArgumentException("Measurement: unit must be one word, got '" + unit + "'");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Measurement: " + name + " has no finite value: " + value);
        }
    }

    /** The line as printed: {@code name value unit}. */
    public String line() {
        return name + " " + format(value) + " " + unit;
    }

    /** The comment line that follows a timed measurement's line, or {@code null} without a spread. */
    public String spreadLine() {
        if (spread == null) return null;
        return "# " + name + " range over " + spread.rounds() + " rounds: " + format(spread.low()) + " to "
                + format(spread.high()) + " " + unit;
    }

    /** At most four significant digits (half up), plain notation: 0.0001235, 5.12, 12350. */
    static String format(double value) {
        if (value == 0) return "0";
        BigDecimal rounded = BigDecimal.valueOf(value).round(new MathContext(4));
        if (rounded.scale() < 0) rounded = rounded.setScale(0);
        return rounded.toPlainString();
    }
}
