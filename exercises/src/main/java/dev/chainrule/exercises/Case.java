package dev.chainrule.exercises;

import dev.chainrule.autograd.Tensor;

/**
 * One set of inputs an exercise is graded on: seeded random values or an edge (zeros, large |x|, ties).
 *
 * @param label  how the report names it, e.g. {@code random 2} or {@code edge: a = ±800}
 * @param inputs the exercise's inputs, as its statement lists them
 */
record Case(String label, Tensor... inputs) {
    Tensor input(int index) {
        return inputs[index];
    }
}
