package dev.chainrule.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Reverse-mode differentiation over the recorded graph.
 *
 * <p>The recursive algorithm is: {@code visit(node, gy)}: for each input, {@code gx = rule(gy)}; if the input
 * was made by an op, {@code visit(input.node, gx)}, else add gx to the leaf. It is exponential on diamonds and
 * overflows the stack on deep graphs, so the engine instead (1) collects the graph from the roots with an
 * explicit stack, counting each node's consumers, then (2) runs nodes in reverse topological order
 * (Kahn's algorithm): a node runs once all its consumers have added their contributions to its gradient,
 * which is the total-derivative rule. Ordering uses lists and counters only, never hash-set iteration, so the
 * same program sums gradients in the same order every run.
 *
 * <p>The per-pass bookkeeping (consumer count, gradient so far) lives in the nodes themselves, tagged with
 * the pass it belongs to ({@link Node.PassState}), so a pass costs no hashing per node.
 */
final class Engine {
    private Engine() {}

    /**
     * Gradients that reached the leaves and the requested tensors of one backward pass.
     *
     * <p>Note [Adopting a gradient]: {@code backward()} stores a leaf's first gradient as its {@code grad()}
     * and adds later ones into it in place, so it must not store a tensor that anyone else can see: a rule such
     * as add's hands one gradient to both inputs, reshape returns a view, a hook or a user-defined op may keep
     * what it returns. The engine therefore counts how often each storage is handed on during the pass; a
     * leaf adopts its gradient without copying only if the storage was created during the pass, was handed on
     * exactly once, and no hook or user-defined op took part. Otherwise it gets a copy.
     */
    record Result(IdentityHashMap<Tensor, Tensor> gradients, List<Tensor> leaves, Object pass, long start,
                  boolean shared) {
        /** Whether {@code g} may become a leaf's {@code grad()} without a copy. */
        boolean adoptable(Tensor g) {
            return !shared && g.isExclusiveTo(pass, start);
        }
    }

    /**
     * Propagates {@code gradOutputs} from {@code roots} to every tensor that requires grad. Returns the total
     * gradient of every leaf reached and of every tensor in {@code wanted} (leaf or not).
     */
    static Result run(Tensor[] roots, Tensor[] gradOutputs, boolean retainGraph, boolean createGraph,
                      Tensor[] wanted) {
        Object pass = new Object();
        long start = Tensor.storageClock();
        boolean shared = createGraph;
        countConsumers(roots, pass);
        IdentityHashMap<Tensor, Tensor> gradients = new IdentityHashMap<>();
        List<Tensor> leaves = new ArrayList<>();
        IdentityHashMap<Tensor, Boolean> wantedSet = new IdentityHashMap<>();
        for (Tensor t : wanted) wantedSet.put(t, Boolean.TRUE);

        ArrayDeque<Node> ready = new ArrayDeque<>();
        try (var mode = GradMode.set(createGraph)) {
            for (int r = 0; r < roots.length; r++) {
                Tensor root = roots[r];
                if (root.node == null) {
                    accumulate(gradients, leaves, root, gradOutputs[r], pass);
                } else {
                    root.node.state.addGradient(gradOutputs[r]);
                }
            }
            for (Tensor root : roots) {
                if (root.node != null && root.node.state.consumers == 0 && !ready.contains(root.node)) {
                    ready.add(root.node);
                }
            }
            while (!ready.isEmpty()) {
                Node node = ready.poll();
                Tensor output = node.output();
                shared |= output.hasHooks() || node.op.isUserDefined();
                Tensor gy = output.applyHooks(node.state.takeGradient());
                if (wantedSet.containsKey(output)) gradients.put(output, gy);
                runRules(node, output, gy, ready, gradients, leaves, pass);
                if (!retainGraph) node.release();
            }
            for (Tensor leaf : leaves) {
                shared |= leaf.hasHooks();
                gradients.put(leaf, leaf.applyHooks(gradients.get(leaf)));
            }
        }
        return new Result(gradients, leaves, pass, start, shared);
    }

    private static void runRules(Node node, Tensor output, Tensor gy, ArrayDeque<Node> ready,
                                 IdentityHashMap<Tensor, Tensor> gradients, List<Tensor> leaves, Object pass) {
        node.checkVersions();
        Tensor[] inputs = node.inputs();
        for (int i = 0; i < inputs.length; i++) {
            Tensor input = inputs[i];
            if (!input.requiresGrad()) continue;
            Tensor gx = fitToInput(node, i, input, node.op.backward(i, inputs, output, gy));
            if (AnomalyMode.isEnabled()) AnomalyMode.checkFinite(node, i, gx);
            gx.noteDelivery(pass);
            if (input.node == null) {
                accumulate(gradients, leaves, input, gx, pass);
            } else {
                Node.PassState state = input.node.state;
                state.addGradient(gx);
                if (--state.consumers == 0) ready.add(input.node);
            }
        }
    }

    /** Sums a rule's gradient back to its input's shape over broadcast dimensions, or names the faulty rule. */
    private static Tensor fitToInput(Node node, int index, Tensor input, Tensor gx) {
        if (gx == null) {
            throw new IllegalStateException("backward: the rule of " + node.op.name() + " for input " + index
                    + " returned no gradient");
        }
        if (java.util.Arrays.equals(gx.shape, input.shape)) return gx;
        if (Shapes.broadcastsTo(input.shape, gx.shape)) return gx.sumTo(input.shape);
        throw new IllegalStateException("backward: the rule of " + node.op.name() + " for input " + index
                + " returned a gradient of shape " + Shapes.format(gx.shape) + " for an input of shape "
                + Shapes.format(input.shape));
    }

    private static void accumulate(IdentityHashMap<Tensor, Tensor> gradients, List<Tensor> leaves,
                                   Tensor leaf, Tensor g, Object pass) {
        Tensor previous = gradients.get(leaf);
        if (previous == null) {
            leaves.add(leaf);
            gradients.put(leaf, g);
        } else {
            Tensor sum = previous.add(g);
            sum.noteDelivery(pass);
            gradients.put(leaf, sum);
        }
    }

    /** Walks the graph from the roots with an explicit stack; counts, for each node, the edges that use it. */
    private static void countConsumers(Tensor[] roots, Object pass) {
        ArrayDeque<Node> stack = new ArrayDeque<>();
        for (Tensor root : roots) {
            if (root.node != null && root.node.state.begin(pass)) stack.push(root.node);
        }
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            for (Tensor input : node.inputs()) {
                Node producer = input.node;
                if (producer == null) continue;
                if (producer.state.begin(pass)) stack.push(producer);
                producer.state.consumers++;
            }
        }
    }
}
