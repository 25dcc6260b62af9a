package dev.chainrule.autograd;

/**
 * One recorded application of an {@link Op}: the op, its inputs in order (an input may repeat, as in
 * {@code x.mul(x)}) and the output it produced. A tensor made by an op holds its node; leaves hold none.
 *
 * <p>Note [Saved tensors and retainGraph]: a node keeps its inputs and output alive so that its op's rules can
 * read them during backward. Rules take them as arguments rather than capturing them, so the engine can drop
 * them ({@link #release()}) once the node has run; that is what keeps a training loop's memory flat. A released
 * node remembers only its op's name, so a second backward through it fails with a message naming the op and
 * the fix ({@code retainGraph}). The versions of the saved tensors are recorded too: a backward that finds one
 * modified in place since the forward refuses to run the rule rather than return a wrong gradient.
 */
final class Node {
    final Op op;
    private Tensor[] inputs;
    private Tensor output;
    private final int[] inputVersions;
    private final int outputVersion;
    /** Where user code created this op; recorded only in anomaly mode, else null. */
    final StackTraceElement site;
    /** The engine's bookkeeping for the backward pass now running through this node. */
    final PassState state = new PassState();

    /**
     * Per-pass state: how many consumers have yet to send their gradient, and the sum received so far. A pass
     * claims the state with {@link #begin}; a node from an earlier pass starts afresh.
     */
    static final class PassState {
        private Object pass;
        int consumers;
        private Tensor gradient;

        /** Claims this state for {@code current}; true when it was not yet claimed (first visit in the pass). */
        boolean begin(Object current) {
            if (pass == current) return false;
            pass = current;
            consumers = 0;
            gradient = null;
            return true;
        }

        void addGradient(Tensor g) {
            gradient = gradient == null ? g : gradient.add(g);
        }

        Tensor takeGradient() {
            Tensor g = gradient;
            gradient = null;
            pass = null;
            return g;
        }
    }

    Node(Op op, Tensor[] inputs, Tensor output) {
        this.op = op;
        this.site = AnomalyMode.isEnabled() ? AnomalyMode.callerSite() : null;
        this.inputs = inputs;
        this.output = output;
        this.inputVersions = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) inputVersions[i] = inputs[i].version();
        this.outputVersion = output.version();
    }

    /** The creation site as {@code Class.method(File.java:line)}, or a hint to turn anomaly mode on. */
    String describeSite() {
        return site != null ? site.toString() : "an unknown line (turn on Autograd.detectAnomaly(true) to record it)";
    }

    /** The inputs, for graph traversal; throws when an earlier backward released this node. */
    Tensor[] inputs() {
        if (inputs == null) {
            throw new IllegalStateException("backward: the graph through " + op.name()
                    + " was freed by an earlier backward(); pass retainGraph=true to the first backward"
                    + " to go through it twice");
        }
        return inputs;
    }

    Tensor output() {
        inputs();
        return output;
    }

    /** Throws when a tensor this node saved was modified in place after the forward pass. */
    void checkVersions() {
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].version() != inputVersions[i]) {
                throw modified("input " + i, inputVersions[i], inputs[i].version());
            }
        }
        if (output.version() != outputVersion) throw modified("its output", outputVersion, output.version());
    }

    private IllegalStateException modified(String which, int saved, int now) {
        return new IllegalStateException("backward: " + which + " of " + op.name()
                + " was modified in place after the forward pass (version " + saved + " when saved, " + now
                + " now), so its gradient would be wrong; compute on a copy instead of modifying it in place");
    }

    /** Drops the saved tensors; see Note [Saved tensors and retainGraph]. */
    void release() {
        inputs = null;
        output = null;
    }
}
