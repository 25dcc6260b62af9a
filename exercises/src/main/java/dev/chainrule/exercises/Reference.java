package dev.chainrule.exercises;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.TensorFunction;
import java.util.Random;

/** The right answers: gradients of a scalar J by autograd and by central finite differences. */
final class Reference {
    /** Half the step of the central differences. */
    static final double EPS = 1e-6;

    private Reference() {}

    /** dJ/d inputs[wrt] by autograd. */
    static Values gradient(TensorFunction j, Tensor[] inputs, int wrt) {
        Tensor[] leaves = copies(inputs);
        leaves[wrt].requiresGrad(true);
        try (var on = Autograd.enableGrad()) {
            return Values.of(Autograd.grad(j.apply(leaves), leaves[wrt]));
        }
    }

    /** dJ/d inputs[wrt] by central differences: (J(x + eps) − J(x − eps)) / 2eps, element by element. */
    static Values numericGradient(TensorFunction j, Tensor[] inputs, int wrt) {
        Tensor[] leaves = copies(inputs);
        double[] x = leaves[wrt].toArray();
        double[] gradient = new double[x.length];
        try (var off = Autograd.noGrad()) {
            for (int e = 0; e < x.length; e++) {
                double original = x[e];
                x[e] = original + EPS;
                leaves[wrt] = Tensor.of(x.clone(), inputs[wrt].shape());
                double plus = j.apply(leaves).item();
                x[e] = original - EPS;
                leaves[wrt] = Tensor.of(x.clone(), inputs[wrt].shape());
                double minus = j.apply(leaves).item();
                x[e] = original;
                gradient[e] = (plus - minus) / (2 * EPS);
            }
        }
        return new Values(inputs[wrt].shape(), gradient);
    }

    /** The values of {@code fn} at {@code inputs}, without recording. */
    static Values value(TensorFunction fn, Tensor... inputs) {
        try (var off = Autograd.noGrad()) {
            return Values.of(fn.apply(inputs));
        }
    }

    static Tensor[] copies(Tensor[] inputs) {
        Tensor[] copies = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) copies[i] = Tensor.of(inputs[i].toArray(), inputs[i].shape());
        return copies;
    }

    /** Standard normal values times {@code scale}. */
    static Tensor randn(Random random, double scale, int... shape) {
        return Tensor.randn(random, shape).mul(scale);
    }

    /** Zeros and ones, each with probability one half. */
    static Tensor bits(Random random, int... shape) {
        return Tensor.rand(random, shape).gt(0.5);
    }

    /** Rows of a one-hot matrix with a random class each. */
    static Tensor oneHot(Random random, int rows, int classes) {
        double[] data = new double[rows * classes];
        for (int r = 0; r < rows; r++) data[r * classes + random.nextInt(classes)] = 1;
        return Tensor.of(data, rows, classes);
    }

    static double[] vector(Tensor t) {
        return t.toArray();
    }

    static double[][] matrix(Tensor t) {
        int rows = t.shape()[0];
        int columns = t.shape()[1];
        double[] data = t.toArray();
        double[][] result = new double[rows][columns];
        for (int r = 0; r < rows; r++) System.arraycopy(data, r * columns, result[r], 0, columns);
        return result;
    }
}
