package dev.chainrule.autograd;

/** Whether ops on this thread record a graph: on by default, changed through nestable scopes. */
final class GradMode {
    private static final ThreadFlag ENABLED = new ThreadFlag(true);

    private GradMode() {}

    static boolean isEnabled() {
        return ENABLED.get();
    }

    static Autograd.Scope set(boolean enabled) {
        return ENABLED.set(enabled);
    }
}
