package dev.chainrule.exercises;

import dev.chainrule.autograd.Autograd;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Grades an answer case by case: the first element that differs from autograd beyond the tolerance fails it, and
 * the report says which term is wrong when the numbers show it (a known mistake, a sign error, a constant factor,
 * a transposed matrix).
 */
final class Grader {
    private Grader() {}

    static <A> Grade grade(GradedExercise<A> exercise, A answer) {
        List<Case> cases = exercise.cases();
        int compared = 0;
        for (Case c : cases) {
            List<Part> expected;
            List<Values> got;
            try {
                expected = exercise.expected(c, answer);          // runs the student's f in exercise 10
                try (var off = Autograd.noGrad()) {             // the student's code runs without recording
                    got = exercise.answer(answer, c);
                }
            } catch (UnsupportedOperationException e) {
                return new Grade(exercise.number(), exercise.title(), Grade.Status.NOT_ATTEMPTED,
                        heading(exercise) + "not attempted yet (" + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            } catch (AnswerProblem e) {
                return failed(exercise, answer, c, e.getMessage());
            } catch (RuntimeException e) {
                return failed(exercise, answer, c, "your code threw " + e);
            }
            for (int p = 0; p < expected.size(); p++) {
                String problem = compare(exercise, expected.get(p), got.get(p));
                if (problem != null) return failed(exercise, answer, c, problem);
                compared += expected.get(p).autograd().data().length;
            }
        }
        return new Grade(exercise.number(), exercise.title(), Grade.Status.PASSED, heading(exercise) + "passed ("
                + cases.size() + " cases, " + compared + " values equal to autograd's)");
    }

    private static String heading(GradedExercise<?> exercise) {
        return "Exercise " + exercise.number() + " (" + exercise.title() + "): ";
    }

    private static <A> Grade failed(GradedExercise<A> exercise, A answer, Case c, String problem) {
        StringBuilder report = new StringBuilder(heading(exercise)).append("FAILED on case \"").append(c.label())
                .append("\"\n  ").append(problem);
        Optional<String> finding = exercise.locate(answer);
        finding.ifPresent(f -> report.append("\n  GradCheck.locate: ").append(f));
        report.append("\n  hint: ").append(exercise.hint());
        return new Grade(exercise.number(), exercise.title(), Grade.Status.FAILED, report.toString());
    }

    /** Null when {@code got} matches; otherwise the first wrong element and what is wrong. */
    private static String compare(GradedExercise<?> exercise, Part part, Values got) {
        Values expected = part.autograd();
        if (!Arrays.equals(expected.shape(), got.shape())) return shapeProblem(exercise, part, got);
        double[] e = expected.data();
        double[] g = got.data();
        for (int i = 0; i < e.length; i++) {
            if (!close(exercise, e[i], g[i])) {
                return part.name() + " element " + expected.index(i) + part.where().apply(i) + ": expected " + e[i]
                        + " (" + part.reference(i) + "), got " + g[i]
                        + "\n  which term: " + diagnose(exercise, part, got);
            }
        }
        return null;
    }

    private static String shapeProblem(GradedExercise<?> exercise, Part part, Values got) {
        Values expected = part.autograd();
        String shapes = part.name() + " has shape " + Values.format(expected.shape()) + " but your answer has shape "
                + Values.format(got.shape());
        if (got.rank() == 2 && expected.rank() == 2 && got.shape()[0] == expected.shape()[1]
                && got.shape()[1] == expected.shape()[0]) {
            return shapes + "\n  which term: " + (allClose(exercise, expected, got.transposed())
                    ? "your matrix is the transpose of the right one (its element [i, j] belongs at [j, i])"
                    : "the shape of a transposed matrix, and its values differ too");
        }
        return shapes;
    }

    /** Names what is wrong with a whole answer when the numbers show it. */
    static String diagnose(GradedExercise<?> exercise, Part part, Values got) {
        Values expected = part.autograd();
        for (Mistake mistake : part.mistakes()) {
            if (allClose(exercise, mistake.value(), got)) return mistake.description();
        }
        double[] e = expected.data();
        double[] g = got.data();
        int largest = 0;
        for (int i = 1; i < e.length; i++) if (Math.abs(e[i]) > Math.abs(e[largest])) largest = i;
        boolean allZero = e[largest] == 0;
        if (!allZero && allClose(exercise, expected, scaled(got, -1))) {
            return "a sign error: every element of your " + part.name() + " is the negative of the right one";
        }
        double ratio = g[largest] / e[largest];
        if (!allZero && Double.isFinite(ratio) && ratio != 0 && allClose(exercise, scaled(expected, ratio), got)) {
            return "a missing or extra constant factor: every element of your " + part.name() + " is "
                    + new BigDecimal(ratio).round(new MathContext(4)).stripTrailingZeros().toPlainString()
                    + " times the right one";
        }
        if (expected.rank() == 2 && expected.shape()[0] == expected.shape()[1]
                && allClose(exercise, expected, got.transposed())) {
            return "your matrix is the transpose of the right one (its element [i, j] belongs at [j, i])";
        }
        int wrong = 0;
        boolean nonFinite = false;
        for (int i = 0; i < e.length; i++) {
            if (!close(exercise, e[i], g[i])) wrong++;
            nonFinite |= !Double.isFinite(g[i]) && Double.isFinite(e[i]);
        }
        if (nonFinite) {
            return "your answer has NaN or infinite elements where the right values are finite: an overflow (exp of"
                    + " a large number) or 0/0?";
        }
        return wrong + " of " + e.length + " elements are wrong, not by one constant factor";
    }

    private static Values scaled(Values values, double factor) {
        double[] data = values.data().clone();
        for (int i = 0; i < data.length; i++) data[i] *= factor;
        return new Values(values.shape(), data);
    }

    static boolean allClose(GradedExercise<?> exercise, Values expected, Values got) {
        if (!Arrays.equals(expected.shape(), got.shape())) return false;
        for (int i = 0; i < expected.data().length; i++) {
            if (!close(exercise, expected.data()[i], got.data()[i])) return false;
        }
        return true;
    }

    private static boolean close(GradedExercise<?> exercise, double expected, double got) {
        if (Double.isNaN(expected) || Double.isNaN(got)) return Double.isNaN(expected) && Double.isNaN(got);
        if (expected == got) return true;
        return Math.abs(got - expected) <= exercise.absoluteTolerance() + exercise.relativeTolerance()
                * Math.abs(expected);
    }
}
