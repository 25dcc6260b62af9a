package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Derivation#of}: the derivative as a sum over paths of products of local derivatives. */
class DerivationTest {

    @Test
    void xSquaredPlusExpHasThreePathsSummingToTwoXPlusExp() {
        Tensor x = Tensor.scalar(0.5).requiresGrad(true);
        Tensor y = x.mul(x).add(x.exp());
        Derivation derivation = Derivation.of(y, x);
        assertEquals(3, derivation.paths().size());
        assertEquals(2 * 0.5 + Math.exp(0.5), derivation.total(), 1e-15);
        assertEquals(Autograd.grad(y, x).item(), derivation.total(), 1e-15);
        List<List<String>> steps = derivation.paths().stream().map(Derivation.Path::steps).toList();
        assertEquals(List.of(
                List.of("mul (input 0)", "add (input 0)"),
                List.of("mul (input 1)", "add (input 0)"),
                List.of("exp", "add (input 1)")), steps);
        assertEquals(List.of(0.5, 1.0), derivation.paths().get(0).factors());
        assertEquals(List.of(0.5, 1.0), derivation.paths().get(1).factors());
        assertEquals(Math.exp(0.5), derivation.paths().get(2).product(), 1e-15);
    }

    @Test
    void theTotalIsTheSumOfThePathProducts() {
        Tensor x = Tensor.scalar(-0.3).requiresGrad(true);
        Tensor h = x.tanh();
        Tensor y = h.mul(x).add(h.exp()).mul(h);
        Derivation derivation = Derivation.of(y, x);
        double sum = 0;
        for (Derivation.Path path : derivation.paths()) {
            double product = 1;
            for (double f : path.factors()) product *= f;
            assertEquals(product, path.product(), 1e-15);
            assertEquals(path.steps().size(), path.factors().size());
            sum += path.product();
        }
        assertEquals(sum, derivation.total(), 1e-15);
        assertEquals(Autograd.grad(y, x).item(), derivation.total(), 1e-14);
    }

    @Test
    void aChainHasOnePathWhoseProductIsTheGradient() {
        double x0 = 0.8;
        Tensor x = Tensor.scalar(x0).requiresGrad(true);
        Tensor y = x.sigmoid().tanh();
        Derivation derivation = Derivation.of(y, x);
        assertEquals(1, derivation.paths().size());
        Derivation.Path path = derivation.paths().get(0);
        assertEquals(List.of("sigmoid", "tanh"), path.steps());
        double s = 1 / (1 + Math.exp(-x0));
        double t = Math.tanh(s);
        assertEquals(s * (1 - s), path.factors().get(0), 1e-15);
        assertEquals(1 - t * t, path.factors().get(1), 1e-15);
        assertEquals(Autograd.grad(y, x).item(), path.product(), 1e-15);
        assertEquals(path.product(), derivation.total());
    }

    @Test
    void constantsContributeFactorsButNoPaths() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor y = x.mul(3).add(5);
        Derivation derivation = Derivation.of(y, x);
        assertEquals(1, derivation.paths().size());
        assertEquals(List.of("mul (input 0)", "add (input 0)"), derivation.paths().get(0).steps());
        assertEquals(3.0, derivation.total(), 1e-15);
    }

    @Test
    void otherLeavesAreNotPathsToTheChosenLeaf() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor w = Tensor.scalar(-1).requiresGrad(true);
        Tensor y = x.mul(w).add(w.exp());
        assertEquals(1, Derivation.of(y, x).paths().size());
        assertEquals(-1.0, Derivation.of(y, x).total(), 1e-15);
        assertEquals(2, Derivation.of(y, w).paths().size());
        assertEquals(2 + Math.exp(-1), Derivation.of(y, w).total(), 1e-15);
    }

    @Test
    void aLeafTheOutputDoesNotDependOnHasNoPathsAndDerivativeZero() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor unused = Tensor.scalar(1).requiresGrad(true);
        Derivation derivation = Derivation.of(x.exp(), unused);
        assertEquals(0, derivation.paths().size());
        assertEquals(0.0, derivation.total());
    }

    @Test
    void derivingLeavesTheGraphUsableForBackward() {
        Tensor x = Tensor.scalar(0.5).requiresGrad(true);
        Tensor y = x.mul(x).add(x.exp());
        Derivation.of(y, x);
        y.backward();
        assertEquals(1 + Math.exp(0.5), x.grad().item(), 1e-15);
    }

    @Test
    void aNonScalarOutputIsAnArgumentError() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        var e = assertThrows(IllegalArgumentException.class, () -> Derivation.of(x.exp(), x));
        assertTrue(e.getMessage().startsWith("derivation: works on graphs of one-element tensors, but one on the way"
                + " has shape [2] (made by exp)"), e.getMessage());
    }

    @Test
    void aNonScalarTensorOnTheWayIsAnArgumentErrorNamingItsOp() {
        Tensor x = Tensor.scalar(1).requiresGrad(true);
        Tensor y = x.expand(3).exp().sum();
        var e = assertThrows(IllegalArgumentException.class, () -> Derivation.of(y, x));
        assertTrue(e.getMessage().contains("shape [3] (made by exp)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("use Autograd.jacobian for tensors"), e.getMessage());
    }

    @Test
    void aNonScalarLeafIsAnArgumentError() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        assertThrows(IllegalArgumentException.class, () -> Derivation.of(x.sum(), x));
    }

    @Test
    void tooManyPathsIsAnArgumentError() {
        Tensor x = Tensor.scalar(0.1).requiresGrad(true);
        Tensor h = x;
        for (int i = 0; i < 9; i++) h = h.add(h);                                 // 2⁹ = 512 paths
        Tensor y = h;
        var e = assertThrows(IllegalArgumentException.class, () -> Derivation.of(y, x));
        assertTrue(e.getMessage().contains("more than " + Derivation.MAX_PATHS + " paths"), e.getMessage());
    }

    @Test
    void toStringListsEveryPathWithItsFactorsAndTheTotal() {
        Tensor x = Tensor.scalar(0.5).requiresGrad(true);
        String text = Derivation.of(x.mul(x).add(x.exp()), x).toString();
        assertEquals("""
                d output / d leaf = sum over 3 paths of the product of local derivatives along each:
                  leaf -> mul (input 0) -> add (input 0): 0.500000 · 1.00000 = 0.500000
                  leaf -> mul (input 1) -> add (input 0): 0.500000 · 1.00000 = 0.500000
                  leaf -> exp -> add (input 1): 1.64872 · 1.00000 = 1.64872
                  total = 2.64872""", text);
    }

    @Test
    void toStringOfAOnePathDerivationSaysPath() {
        Tensor x = Tensor.scalar(0.5).requiresGrad(true);
        String text = Derivation.of(x.tanh(), x).toString();
        assertTrue(text.startsWith("d output / d leaf = sum over 1 path of"), text);
        assertTrue(text.contains("leaf -> tanh: "), text);
    }

    @Test
    void theOutputItselfAsLeafIsOneEmptyPathWithDerivativeOne() {
        Tensor x = Tensor.scalar(0.5).requiresGrad(true);
        Derivation derivation = Derivation.of(x, x);
        assertEquals(1, derivation.paths().size());
        assertEquals(List.of(), derivation.paths().get(0).steps());
        assertEquals(1.0, derivation.total());
        assertTrue(derivation.toString().contains("  leaf: 1 = 1.00000"), derivation.toString());
    }
}
