package dev.chainrule.examples;

/**
 * A command-line value that this example cannot use, found by the example itself; {@link Main} reports it like
 * picocli's own usage errors (message, exit code 2).
 */
final class UsageError extends IllegalArgumentException {
    UsageError(String message) {
        super(message);
    }
}
