package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link GraphExport#toDot}: boxes for ops with output shapes, ellipses for leaves, one edge per op input. */
class GraphExportTest {
    private static final Pattern DECLARATION = Pattern.compile("^  (\\w+) \\[shape=(box|ellipse), label=\"([^\"]*)\"");
    private static final Pattern EDGE = Pattern.compile("^  (\\w+) -> (\\w+)( \\[label=\"(\\d+)\"\\])?;$");

    /** The parsed statements of an export, after checking that it is well-formed DOT of the expected layout. */
    record Dot(Map<String, String> labels, List<String[]> edges) {}

    static Dot parse(String dot) {
        assertTrue(dot.startsWith("digraph chainrule {\n"), dot);
        assertTrue(dot.endsWith("}\n"), dot);
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        List<String[]> edges = new ArrayList<>();
        String[] lines = dot.split("\n");
        for (int i = 1; i < lines.length - 1; i++) {
            String line = lines[i];
            if (line.equals("  rankdir=LR;") || line.startsWith("  node [")) continue;
            Matcher declaration = DECLARATION.matcher(line);
            Matcher edge = EDGE.matcher(line);
            if (declaration.find()) {
                assertTrue(line.endsWith("];"), line);
                assertFalse(labels.containsKey(declaration.group(1)), "declared twice: " + line);
                labels.put(declaration.group(1), declaration.group(3));
            } else if (edge.matches()) {
                assertTrue(labels.containsKey(edge.group(1)), "edge from an undeclared node: " + line);
                assertTrue(labels.containsKey(edge.group(2)), "edge to an undeclared node: " + line);
                edges.add(new String[] {edge.group(1), edge.group(2), edge.group(4)});
            } else {
                throw new AssertionError("not a statement of the export: '" + line + "' in\n" + dot);
            }
        }
        return new Dot(labels, edges);
    }

    private static String idOf(Dot dot, String label) {
        for (var entry : dot.labels().entrySet()) if (entry.getValue().equals(label)) return entry.getKey();
        throw new AssertionError("no node labelled " + label + " in " + dot.labels());
    }

    @Test
    void exportShowsOpsWithOutputShapesNamedLeavesAndOneEdgePerInput() {
        Tensor x = Tensor.randn(new Random(1), 3, 4).requiresGrad(true);
        Tensor w = Tensor.randn(new Random(2), 4, 2).requiresGrad(true);
        Tensor loss = x.matmul(w).sigmoid().sum();
        String text = GraphExport.toDot(loss, Map.of("x", x, "W", w));
        assertTrue(text.contains("digraph"), text);
        Dot dot = parse(text);
        assertEquals(5, dot.labels().size(), text);                              // 2 leaves, 3 ops
        assertEquals(4, dot.edges().size(), text);                               // matmul 2, sigmoid 1, sum 1
        String xId = idOf(dot, "x\\n[3, 4]\\nrequiresGrad");
        String wId = idOf(dot, "W\\n[4, 2]\\nrequiresGrad");
        String matmul = idOf(dot, "matmul\\n[3, 2]");
        String sigmoid = idOf(dot, "sigmoid\\n[3, 2]");
        String sum = idOf(dot, "sum\\n[]");
        assertTrue(hasEdge(dot, xId, matmul, "0"), text);
        assertTrue(hasEdge(dot, wId, matmul, "1"), text);
        assertTrue(hasEdge(dot, matmul, sigmoid, null), text);
        assertTrue(hasEdge(dot, sigmoid, sum, null), text);
        assertTrue(text.contains("shape=ellipse, label=\"x\\n[3, 4]\\nrequiresGrad\", style=filled"), text);
    }

    @Test
    void leavesThatDoNotRequireGradAreNotMarkedAndUnnamedLeavesShowTheirKind() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor c = Tensor.of(new double[] {3, 4});
        Tensor s = Tensor.scalar(2);
        String text = GraphExport.toDot(x.mul(c).add(s), Map.of("x", x));
        Dot dot = parse(text);
        idOf(dot, "tensor\\n[2]");
        idOf(dot, "scalar\\n[]");
        idOf(dot, "x\\n[2]\\nrequiresGrad");
        assertEquals(1, text.split("requiresGrad", -1).length - 1, "only x is marked: " + text);
        assertEquals(1, text.split("style=filled", -1).length - 1, text);
    }

    @Test
    void aLeafUsedTwiceByOneOpIsOneNodeWithTwoLabelledEdges() {
        Tensor x = Tensor.scalar(3).requiresGrad(true);
        Dot dot = parse(GraphExport.toDot(x.mul(x), Map.of("x", x)));
        String xId = idOf(dot, "x\\n[]\\nrequiresGrad");
        String mul = idOf(dot, "mul\\n[]");
        assertEquals(2, dot.labels().size());
        assertTrue(hasEdge(dot, xId, mul, "0"));
        assertTrue(hasEdge(dot, xId, mul, "1"));
    }

    @Test
    void aDiamondSharesTheIntermediateNodeAndANamedIntermediateShowsItsName() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor h = x.exp();
        Tensor y = h.mul(h.tanh());
        Dot dot = parse(GraphExport.toDot(y, Map.of("x", x, "h", h)));
        String hId = idOf(dot, "h = exp\\n[2]");
        String tanh = idOf(dot, "tanh\\n[2]");
        String mul = idOf(dot, "mul\\n[2]");
        assertTrue(hasEdge(dot, hId, tanh, null));
        assertTrue(hasEdge(dot, hId, mul, "0"));
        assertTrue(hasEdge(dot, tanh, mul, "1"));
        assertEquals(4, dot.edges().size());
    }

    @Test
    void opsWithParametersShowThemInTheirNames() {
        Tensor x = Tensor.zeros(2, 3).requiresGrad(true);
        String text = GraphExport.toDot(x.transpose(0, 1).reshape(6).sum(0, true));
        parse(text);
        assertTrue(text.contains("label=\"transpose(0, 1)\\n[3, 2]\""), text);
        assertTrue(text.contains("label=\"reshape([6])\\n[6]\""), text);
        assertTrue(text.contains("label=\"sum(axis=0)\\n[1]\""), text);
    }

    @Test
    void namesWithQuotesAndBackslashesAreEscaped() {
        Tensor x = Tensor.scalar(1).requiresGrad(true);
        String text = GraphExport.toDot(x.exp(), Map.of("a \"quoted\" \\ name", x));
        assertTrue(text.contains("label=\"a \\\"quoted\\\" \\\\ name\\n[]\\nrequiresGrad\""), text);
    }

    @Test
    void aLeafOnlyInputGivesValidDotWithNoEdges() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        String text = GraphExport.toDot(x, Map.of("x", x));
        Dot dot = parse(text);
        assertEquals(0, dot.edges().size(), text);
        assertFalse(text.contains("null"), text);
    }

    /** A graph that is just a leaf should still show that leaf, as every other export shows its leaves. */
    @Test
    void aLeafOnlyInputShowsTheLeafAsItsOnlyNode() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        String text = GraphExport.toDot(x, Map.of("x", x));
        Dot dot = parse(text);
        assertEquals(1, dot.labels().size(), text);
        idOf(dot, "x\\n[2]\\nrequiresGrad");
    }

    @Test
    void exportIsDeterministicAndDoesNotConsumeTheGraph() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {3, 4}).requiresGrad(true);
        Tensor y = x.mul(w).add(x.exp()).sum();
        String first = GraphExport.toDot(y, Map.of("x", x, "w", w));
        String second = GraphExport.toDot(y, Map.of("w", w, "x", x));
        assertEquals(first, second);
        y.backward();                                                              // the graph is still whole
        assertEquals(3 + Math.exp(1), x.grad().toArray()[0], 1e-12);
    }

    @Test
    void everyNodeIdIsUnique() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor h = x;
        for (int i = 0; i < 12; i++) h = h.tanh().mul(x);
        Dot dot = parse(GraphExport.toDot(h.sum()));
        Set<String> ids = new HashSet<>(dot.labels().keySet());
        assertEquals(dot.labels().size(), ids.size());
        assertEquals(1 + 12 * 2 + 1, dot.labels().size());                       // x, 24 ops, sum
        assertEquals(12 * 3 + 1, dot.edges().size());
    }

    private static boolean hasEdge(Dot dot, String from, String to, String label) {
        for (String[] e : dot.edges()) {
            if (e[0].equals(from) && e[1].equals(to) && java.util.Objects.equals(e[2], label)) return true;
        }
        return false;
    }
}
