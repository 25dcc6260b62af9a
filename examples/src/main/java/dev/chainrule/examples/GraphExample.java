package dev.chainrule.examples;

import dev.chainrule.autograd.Derivation;
import dev.chainrule.autograd.GraphExport;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.loss.Losses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * What autograd records. The tutorial's small network, {@code y = σ(σ(xW)v)} with its cross-entropy, is run once
 * and its graph written as Graphviz DOT: one box per op, one ellipse per input. With the {@code dot} program
 * installed it is also rendered to PNG. Then the chain rule for a tiny scalar example, written out path by path
 * by {@link Derivation}.
 */
public final class GraphExample {
    private GraphExample() {}

    /**
     * What was written.
     *
     * @param png        the rendered picture, or null when {@code dot} is not installed
     * @param derivative the derivative {@link Derivation} found for the scalar example
     * @param autograd   the same derivative from backward()
     */
    public record Result(Path dot, Path png, int ops, Derivation derivation, double derivative, double autograd)
            implements ExampleResult {
        @Override
        public String summary() {
            return String.format(Locale.ROOT, "The network's graph has %d ops; it is in %s%s. For y = w*x + tanh(w), "
                    + "dy/dw summed over %d paths is %.6f, and backward() gives %.6f: the total-derivative rule is "
                    + "what backward computes.", ops, dot, png == null ? " (install graphviz to render it)" : " and " + png,
                    derivation.paths().size(), derivative, autograd);
        }
    }

    /** Records the small network's graph, writes it as DOT and, where {@code dot} is installed, as PNG. */
    public static Result run(ExampleOptions options) throws IOException, InterruptedException {
        // 1. The tutorial's network on one input, recorded as it runs.
        Tensor x = Tensor.of(new double[] {1, 0}, 1, 2);
        Tensor w = Tensor.randn(new Random(options.seed()), 2, 3).requiresGrad(true);
        Tensor v = Tensor.randn(new Random(options.seed() + 1), 3, 1).requiresGrad(true);
        Tensor t = Tensor.of(new double[] {1}, 1, 1);
        Tensor y = x.matmul(w).sigmoid().matmul(v).sigmoid();
        Tensor loss = Losses.binaryCrossEntropy(y, t);
        Map<String, Tensor> names = new LinkedHashMap<>();
        names.put("x", x);
        names.put("W", w);
        names.put("v", v);
        names.put("t", t);
        String dotText = GraphExport.toDot(loss, names);
        Path dot = options.outFile("graph.dot");
        Files.writeString(dot, dotText, StandardCharsets.UTF_8);
        int ops = (int) dotText.lines().filter(line -> line.contains("shape=box")).count();
        options.println("The graph of J = cross-entropy(sigma(sigma(x W) v), t), %d ops, in DOT:%n%s", ops, dotText);

        // 2. Render it with Graphviz when it is there.
        Path png = options.outFile("graph.png");
        if (render(dot, png)) {
            options.println("Rendered %s with dot.", png);
        } else {
            png = null;
            options.println("The 'dot' program (Graphviz) is not installed, so no PNG. Install it (Debian/Ubuntu: "
                    + "apt-get install graphviz; macOS: brew install graphviz) and run: dot -Tpng %s -o graph.png", dot);
        }

        // 3. The chain rule path by path: y = w·x + tanh(w) reaches w along two paths.
        Tensor ws = Tensor.scalar(0.5).requiresGrad(true);
        Tensor xs = Tensor.scalar(2.0);
        Tensor ys = ws.mul(xs).add(ws.tanh());
        Derivation derivation = Derivation.of(ys, ws);
        options.println("%nFor y = w*x + tanh(w) at w = 0.5, x = 2:%n%s", derivation);
        ys.backward();
        double autograd = ws.grad().item();
        options.println("backward() gives dy/dw = %.6f (x + 1 - tanh(w)^2 = %.6f)", autograd,
                2 + 1 - Math.pow(Math.tanh(0.5), 2));
        return new Result(dot, png, ops, derivation, derivation.total(), autograd);
    }

    /** Runs {@code dot -Tpng}; false when the program is missing or fails. */
    static boolean render(Path dot, Path png) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("dot", "-Tpng", dot.toString(), "-o", png.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0 && Files.isRegularFile(png);
        } catch (IOException e) {
            return false;
        }
    }
}
