package dev.chainrule.exercises;

import java.util.List;
import java.util.function.IntFunction;

/**
 * One graded quantity of a case (an exercise may ask for several, e.g. dJ/dW and dJ/dx): the right values from
 * autograd, the central finite-difference estimate, the known mistakes, and how to name an element's inputs.
 *
 * @param name     the quantity as the report names it, e.g. {@code dJ/dW}
 * @param autograd the right answer, from Chainrule's autograd
 * @param numeric  the central finite-difference estimate of the same values
 * @param mistakes plausible wrong answers on this case, in the order they are tried
 * @param where    a note on the inputs at a flat element position (e.g. {@code " (a = -800.0)"}), or empty
 */
record Part(String name, Values autograd, Values numeric, List<Mistake> mistakes, IntFunction<String> where) {
    Part(String name, Values autograd, Values numeric, List<Mistake> mistakes) {
        this(name, autograd, numeric, mistakes, element -> "");
    }

    /** Where the expected value comes from, for the report: autograd, and what finite differences say. */
    String reference(int element) {
        return autograd == numeric ? "finite differences of your f"
                : "autograd; finite differences give " + numeric.data()[element];
    }
}
