package dev.chainrule.benchmarks;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One result line of the CLI: {@code name value unit}, for example {@code mlp1024_b32_f64_step_ms 5.12 ms}.
 * The name is lower snake case and says the workload, its size, the dtype and the unit; the value is printed
 * with at most four significant digits in plain notation (never an exponent), so a line splits on spaces into three
 * fields that any script can read.
 */
public record Measurement(String name, double value, String unit) {
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

    /** At most four significant digits (half up), plain notation: 0.0001235, 5.12, 12350. */
    static String format(double value) {
        if (value == 0) return "0";
        BigDecimal rounded = BigDecimal.valueOf(value).round(new MathContext(4));
        if (rounded.scale() < 0) rounded = rounded.setScale(0);
        return rounded.toPlainString();
    }
}
