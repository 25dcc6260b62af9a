package dev.chainrule.autograd;

import java.security.CodeSource;

/**
 * Anomaly detection: while on, every recorded op remembers the line of user code that created it, and the
 * engine checks each gradient a rule returns for NaN and infinity, naming the op and that line. Off by
 * default, because walking the stack for every op is slow. Per thread, like recording itself, so one thread's
 * scope (or {@link GradCheck#locate}) never changes another's.
 */
final class AnomalyMode {
    private static final ThreadFlag ENABLED = new ThreadFlag(false);
    private static final CodeSource AUTOGRAD = Tensor.class.getProtectionDomain().getCodeSource();
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private AnomalyMode() {}

    static boolean isEnabled() {
        return ENABLED.get();
    }

    static Autograd.Scope set(boolean value) {
        return ENABLED.set(value);
    }

    /** The innermost stack frame outside autograd and the JDK: where user code created an op. */
    static StackTraceElement callerSite() {
        return WALKER.walk(frames -> frames
                .filter(frame -> !isLibraryFrame(frame))
                .findFirst()
                .map(StackWalker.StackFrame::toStackTraceElement)
                .orElse(null));
    }

    private static boolean isLibraryFrame(StackWalker.StackFrame frame) {
        Class<?> type = frame.getDeclaringClass();
        String name = type.getName();
        if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) return true;
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return AUTOGRAD != null && AUTOGRAD.equals(source) && name.startsWith("dev.chainrule.autograd.");
    }

    /** Throws when {@code g}, the gradient a rule returned, holds NaN or infinity. */
    static void checkFinite(Node node, int input, Tensor g) {
        double[] values = g.data;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalStateException("backward: the rule of " + node.op.name() + " for input " + input
                        + " returned " + values[i] + " at element " + i + " of a gradient of shape "
                        + Shapes.format(g.shape) + "; the op was created at " + node.describeSite());
            }
        }
    }
}
