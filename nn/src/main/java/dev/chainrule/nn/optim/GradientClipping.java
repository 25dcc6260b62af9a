package dev.chainrule.nn.optim;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import java.util.List;

/** Gradient clipping, applied between {@code backward()} and {@code step()}. */
public final class GradientClipping {
    private GradientClipping() {}

    /**
     * Scales all gradients together so that their global L2 norm is at most {@code maxNorm} (PyTorch's
     * {@code clip_grad_norm_}):
     * <pre>
     * total ← √(Σ_p Σ_i grad(p)ᵢ²)                   over the parameters that have a gradient
     * c ← maxNorm / (total + 1e-6)
     * grad(p) ← c·grad(p) for every p               only if c &lt; 1
     * </pre>
     * The gradients are modified in place; the direction of the update is unchanged.
     *
     * @return the total norm before clipping (infinite or NaN if a gradient is)
     * @throws IllegalArgumentException when maxNorm is negative or NaN
     */
    public static double clipGradNorm(List<Tensor> parameters, double maxNorm) {
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm must be >= 0, got " + maxNorm);
        }
        try (var off = Autograd.noGrad()) {
            double sumOfSquares = 0;
            for (Tensor p : parameters) {
                if (p.grad() == null) continue;
                Tensor flat = p.grad().reshape(p.grad().numel());      // a view: Σ gᵢ² as a dot product, no copy
                sumOfSquares += flat.matmul(flat).item();
            }
            double total = Math.sqrt(sumOfSquares);
            double coefficient = maxNorm / (total + 1e-6);
            if (coefficient < 1) {
                for (Tensor p : parameters) if (p.grad() != null) p.grad().mulInPlace(coefficient);
            }
            return total;
        }
    }
}
