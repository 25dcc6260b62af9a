package dev.chainrule.autograd;

import dev.chainrule.autograd.internal.kernels.ReductionKernels;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The chain rule made visible: {@code d output / d leaf} written out as a sum over every path from the leaf
 * to the output of the product of the local derivatives along it, with their numeric values (the
 * total-derivative rule). For small graphs of one-element tensors, as students draw them:
 *
 * <pre>{@code
 * Tensor x = Tensor.scalar(0.5).requiresGrad(true);
 * Tensor y = x.mul(x).add(x.exp());              // y = x² + eˣ
 * System.out.println(Derivation.of(y, x));
 * // d output / d leaf = sum over 3 paths of the product of local derivatives along each:
 * //   leaf -> mul (input 0) -> add (input 0): 0.500000 · 1.00000 = 0.500000
 * //   leaf -> mul (input 1) -> add (input 0): 0.500000 · 1.00000 = 0.500000
 * //   leaf -> exp -> add (input 1): 1.64872 · 1.00000 = 1.64872
 * //   total = 2.64872
 * }</pre>
 *
 * @param paths one entry per path from the leaf to the output
 * @param total the sum of the paths' products: the derivative
 */
public record Derivation(List<Path> paths, double total) {
    /** More paths than this are not enumerated: the point is a derivation a person can read. */
    public static final int MAX_PATHS = 256;

    /**
     * One path from the leaf to the output.
     *
     * @param steps   the ops along the path, from the leaf outwards, each with the input position it entered at
     * @param factors the local derivative d(op output)/d(op input) of each step
     * @param product the product of the factors
     */
    public record Path(List<String> steps, List<Double> factors, double product) {}

    /**
     * Derives {@code d output / d leaf} path by path.
     *
     * @throws IllegalArgumentException when a tensor on the way has more than one element, or there are more
     *                                  than {@value #MAX_PATHS} paths
     */
    public static Derivation of(Tensor output, Tensor leaf) {
        List<Path> paths = new ArrayList<>();
        ArrayDeque<Partial> stack = new ArrayDeque<>();
        stack.push(new Partial(output, List.of(), List.of()));
        try (var off = Autograd.noGrad()) {
            while (!stack.isEmpty()) {
                Partial partial = stack.pop();
                Tensor at = partial.tensor();
                checkScalar(at);
                if (at == leaf) {
                    paths.add(partial.toPath());
                    if (paths.size() > MAX_PATHS) {
                        throw new IllegalArgumentException("derivation: more than " + MAX_PATHS
                                + " paths lead to the output; use Autograd.grad for large graphs");
                    }
                    continue;
                }
                if (at.node == null) continue;
                Node node = at.node;
                Tensor[] inputs = node.inputs();
                for (int i = inputs.length - 1; i >= 0; i--) {
                    if (!inputs[i].requiresGrad()) continue;
                    checkScalar(inputs[i]);
                    double local = ReductionKernels.sum(node.op.backward(i, inputs, node.output(), Tensor.ones(at.shape)).data);
                    String step = node.op.name() + (inputs.length > 1 ? " (input " + i + ")" : "");
                    stack.push(partial.prepend(inputs[i], step, local));
                }
            }
        }
        double total = 0;
        for (Path path : paths) total += path.product();
        return new Derivation(List.copyOf(paths), total);
    }

    private static void checkScalar(Tensor t) {
        if (t.data.length != 1) {
            throw new IllegalArgumentException("derivation: works on graphs of one-element tensors, but one on the"
                    + " way has shape " + Shapes.format(t.shape) + (t.node != null ? " (made by " + t.node.op.name()
                    + ")" : "") + "; use Autograd.jacobian for tensors");
        }
    }

    /** A path under construction, from some tensor up to the output. */
    private record Partial(Tensor tensor, List<String> steps, List<Double> factors) {
        Partial prepend(Tensor input, String step, double factor) {
            List<String> s = new ArrayList<>(steps);
            s.add(0, step);
            List<Double> f = new ArrayList<>(factors);
            f.add(0, factor);
            return new Partial(input, s, f);
        }

        Path toPath() {
            double product = 1;
            for (double f : factors) product *= f;
            return new Path(List.copyOf(steps), List.copyOf(factors), product);
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("d output / d leaf = sum over " + paths.size()
                + (paths.size() == 1 ? " path" : " paths") + " of the product of local derivatives along each:\n");
        for (Path path : paths) {
            out.append("  leaf");
            for (String step : path.steps()) out.append(" -> ").append(step);
            out.append(": ");
            List<String> factors = new ArrayList<>();
            for (double f : path.factors()) factors.add(number(f));
            out.append(factors.isEmpty() ? "1" : String.join(" · ", factors)).append(" = ")
               .append(number(path.product())).append('\n');
        }
        return out.append("  total = ").append(number(total)).toString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
