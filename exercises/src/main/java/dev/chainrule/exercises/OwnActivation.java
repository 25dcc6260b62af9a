package dev.chainrule.exercises;

/** Exercise 10: an activation of your own, f and f'. See {@code chainrule-exercises show 10}. */
public interface OwnActivation {
    /** A name for the activation, shown in reports and graphs. */
    String name();

    /** The activation f at {@code x}. */
    double f(double x);

    /** Its derivative f' at {@code x}. */
    double derivative(double x);
}
