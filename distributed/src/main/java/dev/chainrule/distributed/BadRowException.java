package dev.chainrule.distributed;

/**
 * A row of input that cannot be trained on: the wrong number of features, a value that is missing, not a number or
 * not finite, or a label that is not a whole number in {@code [0, classes)}. The message names the block, the row
 * within it, the row's place in the source and the value, e.g.
 * {@code BlockData: block 3, row 17 (row 139 of the input, line 140 of digits.csv): feature 12 is NaN}.
 * Spark fails the load job with it, and the loaders rethrow it on the driver.
 */
public final class BadRowException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int block;
    private final int row;
    private final long inputRow;
    private final String problem;

    /**
     * A bad row, described as the message above.
     *
     * @param block    the block index
     * @param row      the row's position within its block
     * @param inputRow the row's position in the whole input (0-based, after skipped lines)
     * @param where    the source's own words for the row, e.g. {@code line 140 of digits.csv}; empty for none
     * @param problem  what is wrong, with the value, e.g. {@code feature 12 is NaN}
     */
    public BadRowException(int block, int row, long inputRow, String where, String problem) {
        super("BlockData: block " + block + ", row " + row + " (row " + inputRow + " of the input"
                + (where.isEmpty() ? "" : ", " + where) + "): " + problem);
        this.block = block;
        this.row = row;
        this.inputRow = inputRow;
        this.problem = problem;
    }

    /** A copy of {@code original} thrown on the driver, with the Spark failure that carried it as its cause. */
    BadRowException(BadRowException original, Throwable cause) {
        super(original.getMessage(), cause);
        this.block = original.block;
        this.row = original.row;
        this.inputRow = original.inputRow;
        this.problem = original.problem;
    }

    /** The block of the bad row. */
    public int block() {
        return block;
    }

    /** The bad row's position within its block. */
    public int row() {
        return row;
    }

    /** The bad row's position in the whole input. */
    public long inputRow() {
        return inputRow;
    }

    /** What is wrong, with the value. */
    public String problem() {
        return problem;
    }
}
