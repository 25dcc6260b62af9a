package dev.chainrule.nn;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A module tree after one forward pass, as torchinfo's {@code summary} shows it: a row per module (its dotted path,
 * its type, the shape of its output, the number of parameters below it and whether they are trained), then the
 * totals. {@link #toString()} prints the table:
 * <pre>
 * Layer      Type        Output shape  Parameters  Trained
 * --------------------------------------------------------
 * (root)     Sequential  [1, 10]            2,410  yes
 *   0        Linear      [1, 32]            2,080  yes
 *   1        ReLU        [1, 32]                0
 *   2        Linear      [1, 10]              330  yes
 * --------------------------------------------------------
 * Input: zeros of shape [1, 64]
 * Parameters: 2,410 (trained 2,410, frozen 0)
 * </pre>
 *
 * <h2>What is observed</h2>
 * Java cannot intercept a call to a module's {@code forward}, so output shapes are known where Chainrule sees the
 * call: the root module, every {@link Sequential} and each module a {@code Sequential} runs, at any depth (a
 * {@code Sequential} inside a custom module included). A sub-module that a custom module's {@code forward} calls
 * directly ({@code hidden.forward(x)}), a module of a {@link ModuleList} or {@link ModuleDict}, and the layers
 * inside built-in composite layers (a transformer's attention, an LSTM's cells) show {@code -} as their output
 * shape; their parameter counts are always complete. To see such a layer's shape, run it through a
 * {@code Sequential} or summarise it on its own. A module run several times in one pass shows its first
 * output's shape and the number of calls, e.g. {@code [2, 8] (x3)}.
 *
 * <p>Parameter counts include every parameter below a row, counting a tensor shared by two modules once; a
 * parameter is trained when it requires grad (a frozen embedding's table does not). The "Trained" column says
 * {@code yes}, {@code no} or {@code partly}, and nothing for a module without parameters. Buffers are not counted.
 *
 * @param rows                the modules, a module before its sub-modules, in registration order
 * @param input               what the forward pass ran on, e.g. {@code zeros of shape [1, 64]}
 * @param parameters          the parameter elements of the whole tree
 * @param trainedParameters   the parameter elements that require grad
 */
public record ModuleSummary(List<Row> rows, String input, long parameters, long trainedParameters) {
    /** The output shapes recorded on this thread during a summary's forward pass, or null outside one. */
    private static final ThreadLocal<IdentityHashMap<Module, List<int[]>>> OBSERVED = new ThreadLocal<>();

    /**
     * One module of the tree.
     *
     * @param path              the dotted path from the root ({@code ""} for the root, {@code "encoder.0"}, ...)
     * @param depth             the number of modules above it
     * @param type              the name its {@code describe()} line starts with, e.g. {@code Linear}
     * @param outputShapes      the shape of each output it produced during the pass, empty when not observed
     * @param parameters        the parameter elements of the module and its sub-modules
     * @param trainedParameters those of them that require grad
     */
    public record Row(String path, int depth, String type, List<int[]> outputShapes, long parameters,
                      long trainedParameters) {
        /** A row; the list of shapes is copied. */
        public Row {
            outputShapes = List.copyOf(outputShapes);
        }

        /** Whether the pass saw this module's output. */
        public boolean observed() {
            return !outputShapes.isEmpty();
        }
    }

    /** A summary; the list of rows is copied. */
    public ModuleSummary {
        rows = List.copyOf(rows);
    }

    /**
     * The summary of {@code module} after running {@code forwardPass} on it once, for modules whose forward takes
     * more than one tensor, e.g. {@code ModuleSummary.of(attention, m -> m.forward(q, k, v, masks).output())}.
     * The pass runs without recording a graph and in evaluation mode; each module's mode is restored afterwards.
     *
     * @throws IllegalArgumentException when the pass fails, naming the module and the error
     */
    public static <M extends Module> ModuleSummary of(M module, Function<? super M, Tensor> forwardPass) {
        return of(module, forwardPass, "the forward pass given");
    }

    /** {@link #of(Module, Function)} with {@code input} describing what the pass runs on, for the table. */
    static <M extends Module> ModuleSummary of(M module, Function<? super M, Tensor> forwardPass, String input) {
        if (module == null || forwardPass == null) {
            throw new IllegalArgumentException("ModuleSummary.of: module and forwardPass must not be null");
        }
        IdentityHashMap<Module, List<int[]>> observed = new IdentityHashMap<>();
        IdentityHashMap<Module, List<int[]>> outer = OBSERVED.get();
        OBSERVED.set(observed);
        try (var evaluating = module.evaluating(); var off = Autograd.noGrad()) {
            Tensor output = forwardPass.apply(module);
            if (!observed.containsKey(module)) recordOutput(module, output);      // a Sequential recorded itself
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("summary: the forward pass of " + typeOf(module) + " on " + input
                    + " failed: " + e.getMessage(), e);
        } finally {
            OBSERVED.set(outer);
        }
        List<Row> rows = new ArrayList<>();
        collect(module, "", 0, observed, rows);
        Set<Tensor> all = distinct(module.parameters());
        return new ModuleSummary(rows, input, count(all, false), count(all, true));
    }

    /**
     * Notes that {@code module} produced {@code output}, when a summary's pass is running on this thread. Called by
     * the modules that run others ({@link Sequential}); does nothing, cheaply, otherwise.
     */
    static void recordOutput(Module module, Tensor output) {
        IdentityHashMap<Module, List<int[]>> observed = OBSERVED.get();
        if (observed != null && output != null) {
            observed.computeIfAbsent(module, key -> new ArrayList<>()).add(output.shape());
        }
    }

    private static void collect(Module module, String path, int depth, Map<Module, List<int[]>> observed,
                                List<Row> rows) {
        Set<Tensor> parameters = distinct(module.parameters());
        rows.add(new Row(path, depth, typeOf(module), observed.getOrDefault(module, List.of()),
                count(parameters, false), count(parameters, true)));
        module.children().forEach((name, child) ->
                collect(child, path.isEmpty() ? name : path + "." + name, depth + 1, observed, rows));
    }

    private static String typeOf(Module module) {
        String line = module.describe();
        int open = line.indexOf('(');
        return open > 0 ? line.substring(0, open) : line;
    }

    private static Set<Tensor> distinct(List<Tensor> tensors) {
        Set<Tensor> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(tensors);
        return set;
    }

    private static long count(Set<Tensor> parameters, boolean trainedOnly) {
        long n = 0;
        for (Tensor p : parameters) if (!trainedOnly || p.requiresGrad()) n += p.numel();
        return n;
    }

    /** The table shown in the class documentation. */
    @Override
    public String toString() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"Layer", "Type", "Output shape", "Parameters", "Trained"});
        for (Row row : rows) {
            String name = "  ".repeat(row.depth()) + (row.path().isEmpty() ? "(root)" : row.path());
            cells.add(new String[] {name, row.type(), shapeText(row.outputShapes()), grouped(row.parameters()),
                    trained(row.parameters(), row.trainedParameters())});
        }
        int[] widths = new int[5];
        for (String[] line : cells) for (int c = 0; c < 5; c++) widths[c] = Math.max(widths[c], line[c].length());
        String rule = "-".repeat(Arrays.stream(widths).sum() + 8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String[] line = cells.get(i);
            String text = String.format(Locale.ROOT, "%-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2]
                    + "s  %" + widths[3] + "s  %s", (Object[]) line);
            out.append(text.stripTrailing()).append('\n');
            if (i == 0) out.append(rule).append('\n');
        }
        out.append(rule).append('\n');
        out.append("Input: ").append(input).append('\n');
        out.append("Parameters: ").append(grouped(parameters)).append(" (trained ").append(grouped(trainedParameters))
                .append(", frozen ").append(grouped(parameters - trainedParameters)).append(')');
        if (rows.stream().anyMatch(row -> !row.observed())) {
            out.append("\n-: output not observed (a sub-module its owner's forward calls directly)");
        }
        return out.toString();
    }

    private static String shapeText(List<int[]> shapes) {
        if (shapes.isEmpty()) return "-";
        String first = Arrays.toString(shapes.get(0));
        return shapes.size() == 1 ? first : first + " (x" + shapes.size() + ")";
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String trained(long parameters, long trained) {
        if (parameters == 0) return "";
        return trained == parameters ? "yes" : trained == 0 ? "no" : "partly";
    }
}
