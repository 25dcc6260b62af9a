package dev.chainrule.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/** Read-only walks over a recorded graph, for export, explanation and rule checking. */
final class Graph {
    private Graph() {}

    /**
     * The nodes that produced {@code root}, in forward order: each node after the nodes that produced its inputs.
     * A depth-first post-order with an explicit stack, so deep graphs don't overflow the call stack.
     */
    static List<Node> nodes(Tensor root) {
        List<Node> order = new ArrayList<>();
        if (root.node == null) return order;
        IdentityHashMap<Node, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        ArrayDeque<Integer> nextInput = new ArrayDeque<>();
        stack.push(root.node);
        nextInput.push(0);
        seen.put(root.node, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Node node = stack.peek();
            int next = nextInput.pop();
            Tensor[] inputs = node.inputs();
            if (next < inputs.length) {
                nextInput.push(next + 1);
                Node producer = inputs[next].node;
                if (producer != null && seen.put(producer, Boolean.TRUE) == null) {
                    stack.push(producer);
                    nextInput.push(0);
                }
            } else {
                stack.pop();
                order.add(node);
            }
        }
        return order;
    }

    /** The leaves (tensors made by no op) among the inputs of {@code nodes}, each once, in order of first use. */
    static List<Tensor> leaves(List<Node> nodes) {
        List<Tensor> leaves = new ArrayList<>();
        IdentityHashMap<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (Node node : nodes) {
            for (Tensor input : node.inputs()) {
                if (input.node == null && seen.put(input, Boolean.TRUE) == null) leaves.add(input);
            }
        }
        return leaves;
    }
}
