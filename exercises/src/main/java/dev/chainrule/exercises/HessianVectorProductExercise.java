package dev.chainrule.exercises;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.TensorFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Exercise 11: H·u = Σ_r y_r(1 − y_r)(x_r·u) x_r. */
final class HessianVectorProductExercise extends GradedExercise<HessianVectorProduct> {
    private static final int SAMPLES = 6;
    private static final int INPUTS = 4;
    // inputs x, t, w, u; J(w) = Σ_r softplus(x_r·w) − t_r x_r·w.
    private static final TensorFunction J = xs -> {
        Tensor a = xs[0].mul(xs[2]).sum(1);
        return a.softplus().sub(xs[1].mul(a)).sum();
    };

    HessianVectorProductExercise() {
        super(11, "a Hessian-vector product (second order)", HessianVectorProduct.class);
    }

    @Override
    public String statement() {
        return """
                Second order. The tutorial's output unit on I inputs, y_r = σ(x_r·w), J(w) = Σ_r cross-entropy(y_r,
                t_r), has the gradient ∇J = Σ_r (y_r − t_r) x_r (exercise 3). Its Hessian H = d²J/dw² (I×I) is what
                Newton's method and curvature studies need, but for real networks it is too big to form; what they
                compute is H·u for a vector u: the derivative of ∇J(w) in the direction u
                (Chainrule: Autograd.hvp(fn, w, u), two reverse passes, no H formed).
                Derive H and give H·u without forming H.

                Implement dev.chainrule.exercises.HessianVectorProduct:
                    double[] product(double[][] x, double[] t, double[] w, double[] u)   // returns I values

                Graded on R = 6, I = 4 against Autograd.hvp and against finite differences of the gradient,
                (∇J(w + εu) − ∇J(w − εu)) / 2ε, with random values and at the edges w = 0 (every y = 0.5),
                large w (saturated outputs, H ≈ 0) and u = 0.""";
    }

    @Override
    List<Case> cases() {
        Random random = new Random(11);
        List<Case> cases = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            cases.add(new Case("random " + i, Tensor.randn(random, SAMPLES, INPUTS), Reference.bits(random, SAMPLES),
                    Tensor.randn(random, INPUTS), Tensor.randn(random, INPUTS)));
        }
        cases.add(new Case("edge: w = 0", Tensor.randn(random, SAMPLES, INPUTS), Reference.bits(random, SAMPLES),
                Tensor.zeros(INPUTS), Tensor.randn(random, INPUTS)));
        cases.add(new Case("edge: large w", Tensor.randn(random, SAMPLES, INPUTS), Reference.bits(random, SAMPLES),
                Reference.randn(random, 40, INPUTS), Tensor.randn(random, INPUTS)));
        cases.add(new Case("edge: u = 0", Tensor.randn(random, SAMPLES, INPUTS), Reference.bits(random, SAMPLES),
                Tensor.randn(random, INPUTS), Tensor.zeros(INPUTS)));
        return cases;
    }

    @Override
    List<Part> expected(Case c, HessianVectorProduct answer) {
        Tensor[] in = c.inputs();
        Values right = Values.of(Autograd.hvp(w -> J.apply(in[0], in[1], w, in[3]), in[2], in[3]).product());
        return List.of(new Part("H·u", right, numeric(in), List.of(
                new Mistake("you left out the slope y(1 − y): you returned Σ_r (x_r·u) x_r = XᵀXu",
                        Reference.value(xs -> xs[0].t().matmul(xs[0].matmul(xs[3].unsqueeze(1))).squeeze(1), in)),
                new Mistake("you returned the gradient Σ_r (y_r − t_r) x_r, not the Hessian times u",
                        Reference.gradient(J, in, 2)),
                new Mistake("you used (y − t) where the Hessian has y(1 − y)", Reference.value(xs -> {
                    Tensor y = xs[0].mul(xs[2]).sum(1).sigmoid();
                    Tensor weights = y.sub(xs[1]).mul(xs[0].mul(xs[3]).sum(1));
                    return xs[0].mul(weights.unsqueeze(1)).sum(0);
                }, in)))));
    }

    /** (∇J(w + εu) − ∇J(w − εu)) / 2ε, with ∇J by autograd. */
    private static Values numeric(Tensor[] in) {
        double eps = Reference.EPS;
        Tensor[] plus = Reference.copies(in);
        Tensor[] minus = Reference.copies(in);
        plus[2] = in[2].add(in[3].mul(eps));
        minus[2] = in[2].sub(in[3].mul(eps));
        double[] up = Reference.gradient(J, plus, 2).data();
        double[] down = Reference.gradient(J, minus, 2).data();
        double[] result = new double[up.length];
        for (int i = 0; i < up.length; i++) result[i] = (up[i] - down[i]) / (2 * eps);
        return Values.vector(result);
    }

    @Override
    List<Values> answer(HessianVectorProduct answer, Case c) {
        return List.of(Values.vector(answer.product(Reference.matrix(c.input(0)), Reference.vector(c.input(1)),
                Reference.vector(c.input(2)), Reference.vector(c.input(3)))));
    }

    @Override
    String hint() {
        return "differentiate ∇J = Σ_r (y_r − t_r) x_r once more: dy_r/dw = y_r(1 − y_r) x_r, so"
                + " H = Σ_r y_r(1 − y_r) x_r x_rᵀ and H·u = Σ_r y_r(1 − y_r) (x_r·u) x_r.";
    }
}
