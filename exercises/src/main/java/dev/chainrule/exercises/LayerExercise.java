package dev.chainrule.exercises;

import dev.chainrule.autograd.Function;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.TensorFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Exercises 6 and 7: the backward pass of a layer h = f(xW). With δ = dJ/dh ⊙ f'(xW):
 * dJ/dW = xᵀδ and dJ/dx = δWᵀ. A wrong answer is a wrong local slope f' in δ, so each mistake is one.
 *
 * @param <A> the student's interface
 */
abstract class LayerExercise<A> extends GradedExercise<A> {
    static final int SAMPLES = 4;
    static final int INPUTS = 3;
    static final int HIDDEN = 2;

    /** A wrong local slope, as a function of the pre-activation a = xW, and what it means. */
    record WrongSlope(String description, UnaryOperator<Tensor> slope) {}

    LayerExercise(int number, String title, Class<A> answerType) {
        super(number, title, answerType);
    }

    /** The activation f, in Tensor ops. */
    abstract Tensor activation(Tensor a);

    /** The student's gradients from plain arrays. */
    abstract LayerGradients backward(A answer, double[][] x, double[][] w, double[][] upstream);

    abstract List<WrongSlope> mistakes();

    /** J = Σ f(xW) ⊙ G: its gradient is the layer's backward pass with upstream gradient G. */
    private TensorFunction j() {
        return xs -> activation(xs[0].matmul(xs[1])).mul(xs[2]).sum();
    }

    @Override
    List<Part> expected(Case c, A answer) {
        List<Mistake> weight = new ArrayList<>();
        List<Mistake> input = new ArrayList<>();
        for (WrongSlope wrong : mistakes()) {
            Tensor delta = Reference.copies(c.inputs())[2].mul(wrong.slope().apply(c.input(0).matmul(c.input(1))));
            weight.add(new Mistake(wrong.description(), Values.of(c.input(0).t().matmul(delta))));
            input.add(new Mistake(wrong.description(), Values.of(delta.matmul(c.input(1).t()))));
        }
        return List.of(
                new Part("dJ/dW", Reference.gradient(j(), c.inputs(), 1), Reference.numericGradient(j(), c.inputs(), 1),
                        weight),
                new Part("dJ/dx", Reference.gradient(j(), c.inputs(), 0), Reference.numericGradient(j(), c.inputs(), 0),
                        input));
    }

    @Override
    List<Values> answer(A answer, Case c) {
        LayerGradients gradients = backward(answer, Reference.matrix(c.input(0)), Reference.matrix(c.input(1)),
                Reference.matrix(c.input(2)));
        if (gradients == null) throw new AnswerProblem("your backward returned null");
        return List.of(Values.matrix(gradients.weight()), Values.matrix(gradients.input()));
    }

    /** Random cases; subclasses add their edges. */
    List<Case> randomCases(Random random) {
        List<Case> cases = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            cases.add(new Case("random " + i, Tensor.randn(random, SAMPLES, INPUTS),
                    Tensor.randn(random, INPUTS, HIDDEN), Tensor.randn(random, SAMPLES, HIDDEN)));
        }
        return cases;
    }

    /** The student's backward inside a two-layer network, where {@code GradCheck.locate} names the layer it breaks. */
    @Override
    Optional<String> locate(A answer) {
        Random random = new Random(number());
        Tensor x = Tensor.randn(random, SAMPLES, INPUTS).requiresGrad(true);
        Tensor w1 = Tensor.randn(random, INPUTS, HIDDEN).requiresGrad(true);
        Tensor w2 = Tensor.randn(random, HIDDEN, INPUTS).requiresGrad(true);
        return Locating.locate(xs -> new StudentLayer(answer).apply(new StudentLayer(answer).apply(xs[0], xs[1]),
                xs[2]), x, w1, w2);
    }

    /** The layer h = f(xW) with the student's backward pass as its rule. */
    private final class StudentLayer extends Function {
        private final A answer;

        StudentLayer(A answer) {
            this.answer = answer;
        }

        @Override
        public String name() {
            return "your " + title();
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            ctx.saveForBackward(inputs);
            return activation(inputs[0].matmul(inputs[1]));
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor gy) {
            List<Tensor> saved = ctx.savedTensors();
            LayerGradients g = LayerExercise.this.backward(answer, Reference.matrix(saved.get(0)),
                    Reference.matrix(saved.get(1)), Reference.matrix(gy));
            return new Tensor[] {Tensor.of(g.input()), Tensor.of(g.weight())};
        }
    }
}
