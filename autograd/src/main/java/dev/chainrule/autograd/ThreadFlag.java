package dev.chainrule.autograd;

/**
 * A per-thread boolean changed only through scopes that restore the previous value when closed, so scopes
 * nest: the shape of both grad mode and anomaly mode.
 */
final class ThreadFlag {
    private final ThreadLocal<boolean[]> value;

    ThreadFlag(boolean initial) {
        value = ThreadLocal.withInitial(() -> new boolean[] {initial});
    }

    boolean get() {
        return value.get()[0];
    }

    /** Sets the flag on this thread and returns a scope that restores the previous value. */
    Autograd.Scope set(boolean enabled) {
        boolean[] flag = value.get();
        boolean previous = flag[0];
        flag[0] = enabled;
        return () -> flag[0] = previous;
    }
}
