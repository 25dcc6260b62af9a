package dev.chainrule.distributed;

/**
 * Note [Blocks by row number]: row {@code i} of the input (0-based, in the source's order) goes to block
 * {@code i mod B} at position {@code i div B}. So a row's block depends only on its number and the block count,
 * never on how Spark partitioned the input or how many executors there are, and every block gets every B-th row
 * (blocks differ in size by at most one row, and a sorted input is spread over all blocks).
 *
 * <p>This class holds that rule and the checks every loader applies to a row, so that the Spark loaders and the
 * local ones in {@link Blocks} build the same blocks.
 */
final class Rows {
    private Rows() {}

    /** The block of input row {@code inputRow}. */
    static int blockOf(long inputRow, int numBlocks) {
        return (int) (inputRow % numBlocks);
    }

    /** The position of input row {@code inputRow} within its block. */
    static int positionOf(long inputRow, int numBlocks) {
        return (int) (inputRow / numBlocks);
    }

    /** The input row at {@code position} of {@code block}. */
    static long inputRowOf(int block, int position, int numBlocks) {
        return (long) position * numBlocks + block;
    }

    static void checkBlockCount(String method, int numBlocks) {
        if (numBlocks < 1) throw new IllegalArgumentException(method + ": numBlocks must be at least 1, got " + numBlocks);
    }

    static void checkShape(String method, int numFeatures, int classes) {
        if (numFeatures < 1) throw new IllegalArgumentException(method + ": numFeatures must be at least 1, got " + numFeatures);
        if (classes < 1) throw new IllegalArgumentException(method + ": classes must be at least 1, got " + classes);
    }

    /**
     * Checks one row and returns it: {@code numFeatures} finite features and a label that is a whole number in
     * {@code [0, classes)}.
     *
     * @throws BadRowException naming the block, the row, {@code where} and the value
     */
    static LabeledRow check(long inputRow, int numBlocks, String where, double[] features, int numFeatures,
                            double label, int classes) {
        return check(inputRow, numBlocks, where, features, numFeatures, label, classes, null);
    }

    /** {@link #check(long, int, String, double[], int, double, int)} naming features by {@code featureNames}. */
    static LabeledRow check(long inputRow, int numBlocks, String where, double[] features, int numFeatures,
                            double label, int classes, String[] featureNames) {
        if (features.length != numFeatures) {
            throw bad(inputRow, numBlocks, where, "has " + features.length + " features, expected " + numFeatures);
        }
        for (int j = 0; j < features.length; j++) {
            if (!Double.isFinite(features[j])) {
                String name = featureNames == null ? "feature " + j : "feature column " + featureNames[j];
                throw bad(inputRow, numBlocks, where, name + " is " + features[j]);
            }
        }
        if (!Double.isFinite(label)) {
            throw bad(inputRow, numBlocks, where, "label " + label + " is not a class index in [0, " + classes + ")");
        }
        if (label != Math.rint(label)) throw bad(inputRow, numBlocks, where, "label " + label + " is not a whole number");
        if (label < 0 || label >= classes) {
            String value = Math.abs(label) < 1e15 ? Long.toString((long) label) : Double.toString(label);
            throw bad(inputRow, numBlocks, where, "label " + value + " is outside [0, " + classes + ")");
        }
        return new LabeledRow(inputRow, features, (int) label);
    }

    /** A {@link BadRowException} for input row {@code inputRow}. */
    static BadRowException bad(long inputRow, int numBlocks, String where, String problem) {
        return new BadRowException(blockOf(inputRow, numBlocks), positionOf(inputRow, numBlocks), inputRow, where, problem);
    }
}
