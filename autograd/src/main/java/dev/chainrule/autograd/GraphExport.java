package dev.chainrule.autograd;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a recorded graph as Graphviz DOT: one box per op with its output shape, one ellipse per leaf with its
 * shape (filled when it requires grad), and an edge from each input to the op that used it, labelled with the
 * input's position when an op has several. Render with {@code dot -Tpng graph.dot -o graph.png}.
 *
 * <pre>{@code
 * Tensor loss = x.matmul(w).sigmoid().sum();
 * String dot = GraphExport.toDot(loss, Map.of("x", x, "W", w));
 * }</pre>
 */
public final class GraphExport {
    private GraphExport() {}

    /** The graph that produced {@code output}, with leaves labelled by their shapes. */
    public static String toDot(Tensor output) {
        return toDot(output, Map.of());
    }

    /** The graph that produced {@code output}; leaves found in {@code names} (by identity) carry those names. */
    public static String toDot(Tensor output, Map<String, Tensor> names) {
        IdentityHashMap<Tensor, String> labels = new IdentityHashMap<>();
        names.forEach((name, tensor) -> labels.put(tensor, name));
        List<Node> nodes = Graph.nodes(output);
        IdentityHashMap<Object, String> ids = new IdentityHashMap<>();
        StringBuilder dot = new StringBuilder("digraph chainrule {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        for (Tensor leaf : nodes.isEmpty() ? List.of(output) : Graph.leaves(nodes)) {
            String id = "t" + ids.size();
            ids.put(leaf, id);
            String name = labels.getOrDefault(leaf, leaf.shape.length == 0 ? "scalar" : "tensor");
            dot.append("  ").append(id).append(" [shape=ellipse, label=\"").append(escape(name)).append("\\n")
               .append(Shapes.format(leaf.shape)).append(leaf.requiresGrad() ? "\\nrequiresGrad" : "")
               .append('"').append(leaf.requiresGrad() ? ", style=filled, fillcolor=\"#cfe2ff\"" : "")
               .append("];\n");
        }
        for (Node node : nodes) {
            String id = "op" + ids.size();
            ids.put(node, id);
            Tensor result = node.output();
            String name = labels.containsKey(result) ? labels.get(result) + " = " : "";
            dot.append("  ").append(id).append(" [shape=box, label=\"").append(escape(name + node.op.name()))
               .append("\\n").append(Shapes.format(result.shape)).append("\"];\n");
            Tensor[] inputs = node.inputs();
            for (int i = 0; i < inputs.length; i++) {
                Object source = inputs[i].node != null ? inputs[i].node : inputs[i];
                dot.append("  ").append(ids.get(source)).append(" -> ").append(id)
                   .append(inputs.length > 1 ? " [label=\"" + i + "\"]" : "").append(";\n");
            }
        }
        return dot.append("}\n").toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
