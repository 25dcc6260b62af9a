package dev.chainrule.examples;

import dev.chainrule.autograd.Tensor;

/**
 * The examples' entry point. Until the full example suite lands it runs one small demo: the tutorial's
 * two-layer sigmoid network {@code y = σ(σ(xW)v)} on the four XOR inputs, its cross-entropy, and the
 * gradients autograd computes, next to the hand-derived {@code dJ/dv = Σ (y − t)·z}.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor t = Tensor.of(new double[] {0, 1, 1, 0}, 4, 1);
        Tensor w = Tensor.randn(7, 2, 3).requiresGrad(true);
        Tensor v = Tensor.randn(8, 3, 1).requiresGrad(true);

        Tensor z = x.matmul(w).sigmoid();                   // hidden layer z = σ(xW)
        Tensor y = z.matmul(v).sigmoid();                   // output y = σ(zv)
        Tensor loss = t.mul(y.log()).add(t.neg().add(1).mul(y.neg().add(1).log())).sum().neg();
        loss.backward();

        System.out.println("Chainrule demo: y = sigma(sigma(xW)v) on XOR, cross-entropy J");
        System.out.println("J = " + loss.item());
        System.out.println("dJ/dW =\n" + w.grad());
        System.out.println("dJ/dv (autograd)      =\n" + v.grad());
        System.out.println("dJ/dv (sum (y - t) z) =\n" + z.detach().t().matmul(y.detach().sub(t)));
    }
}
