package dev.chainrule.autograd.internal.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Exponential}'s kernels with the JDK's Vector API: each lane runs exactly the scalar method's operations,
 * so the bits are the same, and the elements after the last whole vector take the scalar method. Loaded
 * reflectively, only when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorExponential implements Exponential.Kernels {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final DoubleVector MINUS_LN2_HI = DoubleVector.broadcast(SPECIES, -Exponential.LN2_HI);
    private static final DoubleVector MINUS_LN2_LO = DoubleVector.broadcast(SPECIES, -Exponential.LN2_LO);
    private static final DoubleVector ONE = DoubleVector.broadcast(SPECIES, 1.0);

    @Override
    public void sigmoid(double[] x, double[] y, int from, int to) {
        int i = from;
        for (; i <= to - LANES; i += LANES) {
            DoubleVector e = exp(DoubleVector.fromArray(SPECIES, x, i).neg());
            ONE.div(e.add(1.0)).intoArray(y, i);   // 1/(1 + e⁻ˣ)
        }
        for (; i < to; i++) y[i] = Exponential.sigmoid(x[i]);
    }

    @Override
    public void silu(double[] x, double[] y, int from, int to) {
        int i = from;
        for (; i <= to - LANES; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            v.div(exp(v.neg()).add(1.0)).intoArray(y, i);                              // x/(1 + e⁻ˣ)
        }
        for (; i < to; i++) y[i] = Exponential.silu(x[i]);
    }

    /** {@link Exponential#exp} lane by lane. */
    private static DoubleVector exp(DoubleVector x) {
        DoubleVector clamped = x.max(Exponential.LOWEST).min(Exponential.HIGHEST);
        DoubleVector shifted = clamped.fma(Exponential.LOG2_E, Exponential.SHIFT);
        DoubleVector n = shifted.sub(Exponential.SHIFT);
        DoubleVector r = n.fma(MINUS_LN2_LO, n.fma(MINUS_LN2_HI, clamped));
        DoubleVector p = constant(0).fma(r, constant(1)).fma(r, constant(2)).fma(r, constant(3))
                .fma(r, constant(4)).fma(r, constant(5)).fma(r, constant(6)).fma(r, constant(7))
                .fma(r, constant(8)).fma(r, constant(9)).fma(r, constant(10)).fma(r, constant(11))
                .fma(r, ONE).fma(r, ONE);
        LongVector exponent = ((LongVector) shifted.viewAsIntegralLanes())
                .lanewise(VectorOperators.LSHL, 32).lanewise(VectorOperators.ASHR, 32);
        LongVector half = exponent.lanewise(VectorOperators.ASHR, 1);
        return p.mul(scale(half)).mul(scale(exponent.sub(half)));
    }

    /** The Taylor coefficient {@code Exponential.TAYLOR[k]} in every lane. */
    private static DoubleVector constant(int k) {
        return DoubleVector.broadcast(SPECIES, Exponential.TAYLOR[k]);
    }

    /** {@code 2ᵏ} for k in the normal exponent range. */
    private static DoubleVector scale(LongVector k) {
        return (DoubleVector) k.add(1023).lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
    }
}
