package dev.chainrule.autograd;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** Jacobians, Hessians and vector products built from reverse-mode passes; see {@link Autograd}. */
final class HigherOrder {
    private HigherOrder() {}

    /** Runs {@code body} with recording on: these functions differentiate even inside noGrad scopes. */
    static <T> T recording(java.util.function.Supplier<T> body) {
        try (var on = Autograd.enableGrad()) {
            return body.get();
        }
    }

    static Tensor jacobian(UnaryOperator<Tensor> fn, Tensor x) {
        Tensor input = leaf(x);
        Tensor y = fn.apply(input);
        int m = y.data.length;
        int n = input.data.length;
        int[] shape = concat(y.shape, x.shape);
        double[] jacobian = new double[Shapes.numel("jacobian", shape)];
        if (y.requiresGrad()) {
            for (int o = 0; o < m; o++) {
                Tensor seed = Tensor.zeros(y.shape);
                seed.data[o] = 1;
                Tensor row = Autograd.grad(List.of(y), List.of(input), List.of(seed), true, false).get(0);
                System.arraycopy(row.data, 0, jacobian, o * n, n);
            }
        }
        return new Tensor(jacobian, shape);
    }

    static Tensor hessian(UnaryOperator<Tensor> fn, Tensor x) {
        return jacobian(input -> {
            Tensor y = scalarOutput("hessian", fn.apply(input));
            return Autograd.grad(List.of(y), List.of(input), null, true, true).get(0);
        }, x);
    }

    static Autograd.VectorProduct vjp(UnaryOperator<Tensor> fn, Tensor x, Tensor v) {
        Tensor input = leaf(x);
        Tensor y = fn.apply(input);
        checkShape("vjp", v, y.shape, "output");
        Tensor product = y.requiresGrad()
                ? Autograd.grad(List.of(y), List.of(input), List.of(v), false, false).get(0)
                : Tensor.zeros(x.shape);
        return new Autograd.VectorProduct(y.detach(), product);
    }

    static Autograd.VectorProduct jvp(UnaryOperator<Tensor> fn, Tensor x, Tensor v) {
        checkShape("jvp", v, x.shape, "input");
        Tensor input = leaf(x);
        Tensor y = fn.apply(input);
        if (!y.requiresGrad()) return new Autograd.VectorProduct(y, Tensor.zeros(y.shape));
        Tensor u = Tensor.zeros(y.shape).requiresGrad(true);                    // a dummy cotangent
        Tensor transposed = Autograd.grad(List.of(y), List.of(input), List.of(u), true, true).get(0); // Jᵀu
        Tensor product = transposed.requiresGrad()
                ? Autograd.grad(List.of(transposed), List.of(u), List.of(v), false, false).get(0)      // J·v
                : Tensor.zeros(y.shape);
        return new Autograd.VectorProduct(y.detach(), product);
    }

    static Autograd.VectorProduct hvp(UnaryOperator<Tensor> fn, Tensor x, Tensor v) {
        checkShape("hvp", v, x.shape, "input");
        Tensor input = leaf(x);
        Tensor y = scalarOutput("hvp", fn.apply(input));
        Tensor gradient = Autograd.grad(List.of(y), List.of(input), null, true, true).get(0);
        Tensor product = gradient.requiresGrad()
                ? Autograd.grad(List.of(gradient.mul(v).sum()), List.of(input), null, false, false).get(0)
                : Tensor.zeros(x.shape);
        return new Autograd.VectorProduct(y.detach(), product);
    }

    private static Tensor leaf(Tensor x) {
        return x.detach().requiresGrad(true);
    }

    private static Tensor scalarOutput(String op, Tensor y) {
        if (y.data.length != 1) {
            throw new IllegalArgumentException(op + ": the function must return one element, got shape "
                    + Shapes.format(y.shape));
        }
        if (!y.requiresGrad()) {
            throw new IllegalArgumentException(op + ": the function's output does not depend on its input");
        }
        return y;
    }

    private static void checkShape(String op, Tensor v, int[] shape, String what) {
        if (!Arrays.equals(v.shape, shape)) {
            throw new IllegalArgumentException(op + ": v has shape " + Shapes.format(v.shape) + " but the " + what
                    + " has shape " + Shapes.format(shape));
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
