package dev.chainrule.distributed;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * How a CSV file of labelled rows is laid out: each line holds {@code numFeatures} numbers and then the class label
 * (the layout of the repository's data sets, e.g. {@code digits.csv.gz}); each feature is divided by
 * {@link #divisor()} (16 turns the digits' pixel counts 0..16 into [0, 1]). Blank lines are skipped; a header line
 * can be.
 *
 * <pre>{@code
 * CsvFormat digits = CsvFormat.of(64, 10).divideBy(16);        // = DigitsData.FORMAT
 * CsvFormat other = CsvFormat.of(4, 3).withHeader(true).withDelimiter(';');
 * }</pre>
 *
 * @param numFeatures the number of feature columns before the label, at least 1
 * @param classes     labels are whole numbers in {@code [0, classes)}
 * @param divisor     every feature is divided by it (1 leaves them as they are); finite and not 0
 * @param header      whether the first line is a header to skip
 * @param delimiter   the column separator; not a letter, digit, '.', '-' or '+', which can be part of a number
 */
public record CsvFormat(int numFeatures, int classes, double divisor, boolean header, char delimiter)
        implements Serializable {
    /** Validates the settings. */
    public CsvFormat {
        Rows.checkShape("CsvFormat", numFeatures, classes);
        if (!Double.isFinite(divisor) || divisor == 0) {
            throw new IllegalArgumentException("CsvFormat: the divisor must be finite and not 0, got " + divisor);
        }
        if (Character.isLetterOrDigit(delimiter) || delimiter == '.' || delimiter == '-' || delimiter == '+') {
            throw new IllegalArgumentException("CsvFormat: the delimiter '" + delimiter
                    + "' can be part of a number; use a character such as ',', ';' or a tab");
        }
    }

    /** Comma-separated, no header, values as they are. */
    public static CsvFormat of(int numFeatures, int classes) {
        return new CsvFormat(numFeatures, classes, 1.0, false, ',');
    }

    /** This format with every feature divided by {@code value}. */
    public CsvFormat divideBy(double value) {
        return new CsvFormat(numFeatures, classes, value, header, delimiter);
    }

    /** This format with or without a header line. */
    public CsvFormat withHeader(boolean value) {
        return new CsvFormat(numFeatures, classes, divisor, value, delimiter);
    }

    /** This format with {@code value} between columns. */
    public CsvFormat withDelimiter(char value) {
        return new CsvFormat(numFeatures, classes, divisor, header, value);
    }

    /**
     * Parses and checks one line, input row {@code inputRow}.
     *
     * @param where the line's place for messages, e.g. {@code line 140 of digits.csv}
     * @throws BadRowException naming the block, the row, {@code where} and the bad value
     */
    LabeledRow parse(String line, long inputRow, int numBlocks, String where) {
        String[] cells = line.split(Pattern.quote(String.valueOf(delimiter)), -1);
        if (cells.length != numFeatures + 1) {
            throw Rows.bad(inputRow, numBlocks, where, "has " + (cells.length - 1) + " features and a label, expected "
                    + numFeatures + " features and a label");
        }
        double[] features = new double[numFeatures];
        for (int j = 0; j < numFeatures; j++) features[j] = number(cells[j], "feature " + j, inputRow, numBlocks, where) / divisor;
        double label = number(cells[numFeatures], "label", inputRow, numBlocks, where);
        return Rows.check(inputRow, numBlocks, where, features, numFeatures, label, classes);
    }

    private static double number(String cell, String what, long inputRow, int numBlocks, String where) {
        try {
            return Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            throw Rows.bad(inputRow, numBlocks, where, what + " \"" + cell + "\" is not a number");
        }
    }
}
