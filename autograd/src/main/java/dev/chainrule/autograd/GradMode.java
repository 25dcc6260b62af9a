package dev.chainrule.autograd;

/**
 * Whether ops on this thread record a graph. A thread-local flag, changed only through scopes that restore
 * the previous value when closed, so scopes nest.
 */
final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {}

    static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Sets the flag and returns a scope that restores the previous value. */
    static Autograd.Scope set(boolean enabled) {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = enabled;
        return () -> flag[0] = previous;
    }
}
