package dev.chainrule.exercises;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;

/** A graded quantity as numbers: a shape (empty for a scalar) and its elements in row-major order. */
record Values(int[] shape, double[] data) {
    static Values scalar(double value) {
        return new Values(new int[0], new double[] {value});
    }

    static Values vector(double[] values) {
        if (values == null) throw new AnswerProblem("your answer is null");
        return new Values(new int[] {values.length}, values.clone());
    }

    /** A matrix; a null or ragged one is refused, naming the row. */
    static Values matrix(double[][] rows) {
        if (rows == null) throw new AnswerProblem("your answer is null");
        int columns = rows.length == 0 || rows[0] == null ? 0 : rows[0].length;
        double[] data = new double[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null) throw new AnswerProblem("row " + r + " of your matrix is null");
            if (rows[r].length != columns) {
                throw new AnswerProblem("your matrix is ragged: row 0 has " + columns + " elements, row " + r
                        + " has " + rows[r].length);
            }
            System.arraycopy(rows[r], 0, data, r * columns, columns);
        }
        return new Values(new int[] {rows.length, columns}, data);
    }

    static Values of(Tensor tensor) {
        if (tensor == null) throw new AnswerProblem("your answer is null");
        return new Values(tensor.shape(), tensor.toArray());
    }

    int rank() {
        return shape.length;
    }

    /** The transpose of a matrix. */
    Values transposed() {
        int rows = shape[0];
        int columns = shape[1];
        double[] result = new double[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) result[c * rows + r] = data[r * columns + c];
        }
        return new Values(new int[] {columns, rows}, result);
    }

    /** A flat position as an index per dimension, e.g. {@code [1, 2]}. */
    String index(int flat) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return Arrays.toString(index);
    }

    static String format(int[] shape) {
        return Arrays.toString(shape);
    }
}
