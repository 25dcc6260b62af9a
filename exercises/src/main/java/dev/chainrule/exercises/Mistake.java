package dev.chainrule.exercises;

/**
 * A plausible wrong answer computed from a case's inputs; when a student's answer equals it, the report names
 * the mistake instead of guessing.
 *
 * @param description what is wrong, in the words the report prints (e.g. "you left out the factor σ'(z) = z(1 − z)")
 * @param value       the wrong answer's values on this case
 */
record Mistake(String description, Values value) {}
