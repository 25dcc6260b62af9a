package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Messages are API: each bad call throws {@link IllegalArgumentException} (or {@link IllegalStateException} for
 * graph state) whose message starts with the op's name and states the shapes, axes or values involved.
 */
class ErrorMessagesTest {

    private static final Tensor M23 = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);

    private static String badArgument(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static void assertContainsAll(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "message \"" + message + "\" should contain \"" + part + "\"");
        }
    }

    @Test
    void matmulOfMismatchedInnerDimensionsNamesBothShapesAndBothSizes() {
        String message = badArgument(() -> Tensor.zeros(3, 4).matmul(Tensor.zeros(5, 2)));
        assertEquals("matmul: cannot multiply [3, 4] by [5, 2]: inner dimensions 4 and 5 differ", message);
    }

    @Test
    void matmulOfMismatchedVectorNamesBothShapes() {
        String message = badArgument(() -> Tensor.zeros(3).matmul(Tensor.zeros(4, 2)));
        assertEquals("matmul: cannot multiply [3] by [4, 2]: inner dimensions 3 and 4 differ", message);
    }

    @Test
    void matmulOfAZeroDimensionalOperandSaysBothNeedADimension() {
        String message = badArgument(() -> Tensor.scalar(2).matmul(Tensor.zeros(3)));
        assertEquals("matmul: cannot multiply [] by [3]: both operands need at least one dimension", message);
    }

    @Test
    void matmulOfBatchDimensionsThatDoNotBroadcastNamesTheBatchShapes() {
        String message = badArgument(() -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(5, 4, 2)));
        assertContainsAll(message, "matmul", "[2]", "[5]", "cannot be broadcast");
    }

    @Test
    void linearOfMismatchedInputNamesBothShapes() {
        String message = badArgument(() -> Tensor.zeros(3, 4).matmulTransposed(Tensor.zeros(5, 3), Tensor.zeros(5)));
        assertEquals("linear: cannot multiply [3, 4] by the transpose of [5, 3]: needs an input [..., k] of at least"
                + " 1 dimension and a 2-D weight [n, k]", message);
    }

    @Test
    void linearOfAWrongBiasNamesItsShapeAndTheExpectedOne() {
        String message = badArgument(() -> Tensor.zeros(3, 4).matmulTransposed(Tensor.zeros(5, 4), Tensor.zeros(4)));
        assertEquals("linear: bias of shape [4] does not fit the weight of shape [5, 4]; expected [5]", message);
    }

    @Test
    void addOfShapesThatDoNotBroadcastNamesBothShapesAndTheDimension() {
        String message = badArgument(() -> M23.add(Tensor.zeros(4)));
        assertEquals("add: shapes [2, 3] and [4] cannot be broadcast: dimension -1 is 3 and 4", message);
    }

    @Test
    void everyBinaryOpNamesItselfWhenShapesDoNotBroadcast() {
        Tensor b = Tensor.zeros(4);
        assertContainsAll(badArgument(() -> M23.sub(b)), "sub: shapes [2, 3] and [4]");
        assertContainsAll(badArgument(() -> M23.mul(b)), "mul: shapes [2, 3] and [4]");
        assertContainsAll(badArgument(() -> M23.div(b)), "div: shapes [2, 3] and [4]");
        assertContainsAll(badArgument(() -> M23.pow(b)), "pow: shapes [2, 3] and [4]");
        assertContainsAll(badArgument(() -> M23.gt(b)), "gt: shapes [2, 3] and [4]");
        assertContainsAll(badArgument(() -> Tensor.where(Tensor.ones(2, 3), M23, b)), "where: shapes [2, 3] and [4]");
    }

    @Test
    void sumAlongAnAxisOutOfRangeNamesTheValidRange() {
        String message = badArgument(() -> M23.sum(2));
        assertEquals("sum: axis 2 is out of range for a 2-d tensor; valid axes: [-2, 1]", message);
    }

    @Test
    void axisBelowTheNegativeRangeNamesTheValidRange() {
        assertEquals("softmax: axis -3 is out of range for a 2-d tensor; valid axes: [-2, 1]",
                badArgument(() -> M23.softmax(-3)));
        assertContainsAll(badArgument(() -> M23.max(5, false)), "max: axis 5", "valid axes: [-2, 1]");
        assertContainsAll(badArgument(() -> M23.mean(2)), "mean: axis 2", "valid axes: [-2, 1]");
        assertContainsAll(badArgument(() -> M23.transpose(0, 2)), "transpose: axis 2", "valid axes: [-2, 1]");
    }

    @Test
    void unsqueezeAcceptsOneAxisPastTheEndAndNamesThatRange() {
        assertEquals("unsqueeze: axis 3 is out of range for a 3-d tensor; valid axes: [-3, 2]",
                badArgument(() -> M23.unsqueeze(3)));
    }

    @Test
    void axisOfAZeroDimensionalTensorSaysThereIsNone() {
        assertEquals("sum: axis 0 is out of range for a 0-d tensor; valid axes: none: the tensor is 0-d",
                badArgument(() -> Tensor.scalar(1).sum(0)));
    }

    @Test
    void reshapeToAnotherElementCountNamesBothShapesAndCounts() {
        String message = badArgument(() -> M23.reshape(4, 2));
        assertEquals("reshape: cannot reshape [2, 3] (6 elements) to [4, 2] (8 elements)", message);
    }

    @Test
    void reshapeWithAnInferredDimensionThatCannotFitNamesBothShapes() {
        String message = badArgument(() -> M23.reshape(4, -1));
        assertEquals("reshape: cannot reshape [2, 3] (6 elements) to [4, -1]", message);
    }

    @Test
    void reshapeWithTwoInferredDimensionsSaysOnlyOneCanBeMinusOne() {
        String message = badArgument(() -> M23.reshape(-1, -1));
        assertEquals("reshape: only one dimension can be -1, got [-1, -1]", message);
    }

    @Test
    void reshapeWithANegativeDimensionOtherThanMinusOneNamesIt() {
        assertEquals("reshape: invalid dimension -2 in [-2, 3]", badArgument(() -> M23.reshape(-2, 3)));
    }

    @Test
    void ofWithTooFewValuesForTheShapeNamesTheCountAndTheShape() {
        String message = badArgument(() -> Tensor.of(new double[] {1, 2, 3, 4, 5}, 2, 3));
        assertEquals("Tensor.of: 5 values do not fill shape [2, 3] (6 elements)", message);
    }

    @Test
    void ofRaggedRowsNamesTheRowAndBothLengths() {
        String message = badArgument(() -> Tensor.of(new double[][] {{1, 2, 3}, {4, 5}}));
        assertEquals("Tensor.of: row 1 has 2 values but row 0 has 3", message);
    }

    @Test
    void creationWithANegativeDimensionNamesTheShape() {
        assertContainsAll(badArgument(() -> Tensor.zeros(2, -1)), "negative dimension in shape [2, -1]");
    }

    @Test
    void arangeWithAZeroStepNamesTheRange() {
        assertEquals("arange: invalid range start=0.0, end=5.0, step=0.0", badArgument(() -> Tensor.arange(0, 5, 0)));
    }

    @Test
    void sliceWithARangePastTheAxisNamesTheRangeTheAxisAndTheShape() {
        String message = badArgument(() -> M23.slice(1, 2, 5));
        assertEquals("slice: range [2, 5) is invalid for axis 1 of size 3 in shape [2, 3]", message);
    }

    @Test
    void sliceWithStartAfterEndNamesTheRange() {
        assertContainsAll(badArgument(() -> M23.slice(0, 2, 1)), "slice: range [2, 1) is invalid for axis 0");
    }

    @Test
    void indexSelectWithAnIndexOutOfRangeNamesTheIndexItsPositionAndTheRange() {
        Tensor table = Tensor.zeros(3, 2);
        String message = badArgument(() -> table.indexSelect(0, 1, 3));
        assertEquals("indexSelect: index 3 at position [1] is out of range [0, 3) for axis 0 of shape [3, 2]", message);
    }

    @Test
    void negativeIndicesAreRefusedAsInPyTorch() {
        Tensor table = Tensor.zeros(3, 2);
        assertEquals("indexSelect: index -1 at position [0] is out of range [0, 3) for axis 0 of shape [3, 2]",
                badArgument(() -> table.indexSelect(0, -1)));
        assertEquals("gather: index -1 at position [0, 2] is out of range [0, 2) for axis 0 of shape [2, 3]",
                badArgument(() -> M23.gather(0, Tensor.of(new double[] {0, 1, -1}, 1, 3))));
    }

    @Test
    void indexSelectTakesAWholeNumberTensorAndNamesANonIntegerByPosition() {
        Tensor table = Tensor.zeros(3, 2);
        assertEquals("indexSelect: index 1.5 at position [2] is not a whole number; indices are whole numbers in "
                + "[0, 3) for axis 0 of shape [3, 2]",
                badArgument(() -> table.indexSelect(0, Tensor.of(new double[] {0, 2, 1.5}))));
        assertEquals("indexSelect: indices must be 1-D, got shape [1, 2]",
                badArgument(() -> table.indexSelect(0, Tensor.zeros(1, 2))));
        assertContainsAll(badArgument(() -> table.indexSelect(0, Tensor.of(new double[] {Double.NaN}))),
                "index NaN at position [0] is not a whole number");
    }

    @Test
    void gatherWithAnIndexTensorOfTheWrongShapeNamesBothShapesAndTheAxis() {
        String message = badArgument(() -> M23.gather(0, Tensor.zeros(2, 2)));
        assertEquals("gather: indices of shape [2, 2] must match the input's shape [2, 3] on every axis but 0",
                message);
        assertContainsAll(badArgument(() -> M23.gather(1, Tensor.zeros(2))), "gather: indices of shape [2]");
    }

    @Test
    void gatherWithNonIntegerIndicesNamesTheValueAndItsPosition() {
        Tensor indices = Tensor.of(new double[] {0, 0.5, 1}, 1, 3);
        String message = badArgument(() -> M23.gather(0, indices));
        assertEquals("gather: index 0.5 at position [0, 1] is not a whole number; indices are whole numbers in [0, 2)"
                + " for axis 0 of shape [2, 3]", message);
    }

    @Test
    void gatherWithAnIndexOutOfRangeNamesTheIndex() {
        Tensor indices = Tensor.of(new double[] {0, 2, 1}, 1, 3);
        assertEquals("gather: index 2 at position [0, 1] is out of range [0, 2) for axis 0 of shape [2, 3]",
                badArgument(() -> M23.gather(0, indices)));
    }

    @Test
    void itemOfATensorWithSeveralElementsNamesItsShape() {
        assertEquals("item: needs a tensor with one element, got shape [2, 3]", badArgument(M23::item));
    }

    @Test
    void getWithTheWrongNumberOfIndicesNamesTheShape() {
        assertEquals("get: 1 indices for a tensor of shape [2, 3]", badArgument(() -> M23.get(1)));
    }

    @Test
    void getWithAnIndexOutOfRangeNamesTheIndexTheDimensionAndTheShape() {
        assertEquals("get: index 2 is out of range for dimension 0 of shape [2, 3]", badArgument(() -> M23.get(2, 0)));
        assertEquals("get: index -4 is out of range for dimension 1 of shape [2, 3]",
                badArgument(() -> M23.get(0, -4)));
    }

    @Test
    void concatOfShapesThatDifferOutsideTheAxisNamesBothShapesAndTheAxis() {
        String message = badArgument(() -> Tensor.concat(0, M23, Tensor.zeros(2, 4)));
        assertEquals("concat: tensor 1 of shape [2, 4] does not match tensor 0 of shape [2, 3] outside axis 0", message);
    }

    @Test
    void concatOfTensorsOfDifferentRanksNamesBothShapes() {
        assertContainsAll(badArgument(() -> Tensor.concat(0, M23, Tensor.zeros(3))),
                "concat: tensor 1 of shape [3] does not match tensor 0 of shape [2, 3]");
    }

    @Test
    void concatOrStackOfNothingSaysItNeedsATensor() {
        assertEquals("concat: needs at least one tensor", badArgument(() -> Tensor.concat(0)));
        assertEquals("stack: needs at least one tensor", badArgument(() -> Tensor.stack(0)));
    }

    @Test
    void stackOfDifferentShapesNamesBothShapes() {
        String message = badArgument(() -> Tensor.stack(0, M23, Tensor.zeros(3, 2)));
        assertEquals("stack: tensor 1 has shape [3, 2] but tensor 0 has shape [2, 3]", message);
    }

    @Test
    void clampWithMinAboveMaxNamesBothBounds() {
        assertEquals("clamp: min 1.0 is greater than max 0.0", badArgument(() -> M23.clamp(1, 0)));
    }

    @Test
    void softplusWithABetaThatIsNotPositiveAndFiniteNamesTheValue() {
        assertEquals("softplus: beta must be positive and finite, got 0.0", badArgument(() -> M23.softplus(0)));
        assertEquals("softplus: beta must be positive and finite, got -1.5", badArgument(() -> M23.softplus(-1.5)));
        assertEquals("softplus: beta must be positive and finite, got NaN",
                badArgument(() -> M23.softplus(Double.NaN)));
        assertEquals("softplus: beta must be positive and finite, got Infinity",
                badArgument(() -> M23.softplus(Double.POSITIVE_INFINITY)));
    }

    @Test
    void eluAndLeakyReluWithAParameterThatIsNotFiniteNameTheValue() {
        assertEquals("elu: alpha must be finite, got NaN", badArgument(() -> M23.elu(Double.NaN)));
        assertEquals("elu: alpha must be finite, got Infinity",
                badArgument(() -> M23.elu(Double.POSITIVE_INFINITY)));
        assertEquals("leakyRelu: slope must be finite, got -Infinity",
                badArgument(() -> M23.leakyRelu(Double.NEGATIVE_INFINITY)));
        assertEquals("leakyRelu: slope must be finite, got NaN", badArgument(() -> M23.leakyRelu(Double.NaN)));
    }

    @Test
    void hardTanhWithMinAboveMaxOrNaNBoundsNamesBothBounds() {
        assertEquals("hardTanh: needs min ≤ max, got min 1.0 and max -1.0", badArgument(() -> M23.hardTanh(1, -1)));
        assertEquals("hardTanh: needs min ≤ max, got min NaN and max 1.0",
                badArgument(() -> M23.hardTanh(Double.NaN, 1)));
    }

    @Test
    void argmaxAndArgminAlongAnAxisOutOfRangeNameTheValidRange() {
        assertEquals("argmax: axis 2 is out of range for a 2-d tensor; valid axes: [-2, 1]",
                badArgument(() -> M23.argmax(2)));
        assertEquals("argmin: axis -3 is out of range for a 2-d tensor; valid axes: [-2, 1]",
                badArgument(() -> M23.argmin(-3, true)));
        assertEquals("argmax: axis 0 is out of range for a 0-d tensor; valid axes: none: the tensor is 0-d",
                badArgument(() -> Tensor.scalar(1).argmax(0)));
    }

    @Test
    void argmaxAndArgminOfAnEmptyAxisOrTensorNameTheShape() {
        assertEquals("argmax: axis 1 of shape [2, 0] is empty, so it has no maximum",
                badArgument(() -> Tensor.zeros(2, 0).argmax(1)));
        assertEquals("argmin: axis -1 of shape [2, 0] is empty, so it has no minimum",
                badArgument(() -> Tensor.zeros(2, 0).argmin(-1, true)));
        assertEquals("argmax: the tensor of shape [0, 3] is empty, so it has no maximum",
                badArgument(() -> Tensor.zeros(0, 3).argmax()));
        assertEquals("argmin: the tensor of shape [0] is empty, so it has no minimum",
                badArgument(() -> Tensor.zeros(0).argmin()));
    }

    @Test
    void transposeShorthandOfA3dTensorNamesTheShapeAndTheAlternative() {
        String message = badArgument(() -> Tensor.zeros(2, 3, 4).t());
        assertEquals("t: needs a 2-D tensor, got shape [2, 3, 4]; use transpose(axis0, axis1)", message);
    }

    @Test
    void squeezeOfADimensionOfSizeOtherThanOneNamesItsSize() {
        assertEquals("squeeze: dimension 1 of shape [2, 3] has size 3, not 1", badArgument(() -> M23.squeeze(1)));
    }

    @Test
    void expandToAnIncompatibleShapeNamesBothShapes() {
        assertEquals("expand: shape [2, 3] cannot be broadcast to [4, 3]", badArgument(() -> M23.expand(4, 3)));
        assertEquals("expand: shape [2, 3] cannot be broadcast to [3]", badArgument(() -> M23.expand(3)));
    }

    @Test
    void sumToAShapeThatDoesNotBroadcastNamesBothShapes() {
        assertContainsAll(badArgument(() -> M23.sumTo(2)), "sumTo: shape [2] does not broadcast to [2, 3]");
    }

    @Test
    void flattenWithStartAfterEndNamesBothAxes() {
        assertEquals("flatten: start axis 1 comes after end axis 0",
                badArgument(() -> Tensor.zeros(2, 3, 4).flatten(1, 0)));
    }

    @Test
    void meanOfAnEmptyTensorSaysItIsEmpty() {
        assertEquals("mean: the tensor of shape [0] is empty", badArgument(() -> Tensor.zeros(0).mean()));
        assertContainsAll(badArgument(() -> Tensor.zeros(0, 2).max(0)), "max", "is empty");
    }

    @Test
    void requiresGradOnAComputedTensorIsAnIllegalStateThatNamesTheOpAndDetach() {
        Tensor y = Tensor.ones(2).requiresGrad(true).tanh();
        String message = assertThrows(IllegalStateException.class, () -> y.requiresGrad(true)).getMessage();
        assertEquals("requiresGrad: only leaf tensors can be marked; this one was computed by tanh."
                + " Use detach() to make a leaf from it", message);
    }

    @Test
    void aPassingGradCheckShowsTheElementWithTheLargestErrorAndAFailingOneTheWorstViolation() {
        Tensor x = Tensor.randn(new java.util.Random(4), 3, 4).requiresGrad(true);
        GradCheck.Report pass = GradCheck.check(xs -> xs[0].tanh().mul(xs[0].exp()), x);
        assertTrue(pass.passed(), pass.toString());
        assertEquals(pass.maxAbsError(), Math.abs(pass.analytic() - pass.numeric()), 0, pass.toString());
        assertTrue(pass.toString().contains("largest error at input 0 element ["), pass.toString());
        GradCheck.Report fail = GradCheck.check(new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                return in[0].detach().mul(2);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                return new Tensor[] {gy.mul(3)};                            // wrong on purpose: d(2x)/dx is 2
            }
        }::apply, x);
        assertTrue(!fail.passed() && fail.toString().contains("worst at input 0 element ["), fail.toString());
    }

    @Test
    void gradCheckWithNoInputRequiringGradSaysToMarkThem() {
        String message = badArgument(() -> GradCheck.check(xs -> xs[0].tanh(), Tensor.ones(2)));
        assertContainsAll(message, "no input requires grad", "requiresGrad(true)");
        assertTrue(message.toLowerCase(java.util.Locale.ROOT).startsWith("gradcheck: "), message);
    }

    @Test
    void backwardOfANonScalarWithoutAGradientNamesTheShapeAndTheFix() {
        Tensor y = Tensor.ones(2, 3).requiresGrad(true).mul(2);
        assertEquals("backward: called on a tensor of shape [2, 3] without a gradient; that needs a scalar (one"
                + " element). Pass a gradOutput of shape [2, 3]", badArgument(y::backward));
    }

    @Test
    void backwardOfATensorThatRequiresNoGradIsAnIllegalState() {
        String message = assertThrows(IllegalStateException.class, () -> Tensor.ones(2).sum().backward()).getMessage();
        assertContainsAll(message, "backward: the output of shape [] does not require grad");
    }

    @Test
    void inPlaceUpdateOfATensorThatRequiresGradWhileRecordingNamesTheFix() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        String message = assertThrows(IllegalStateException.class, () -> w.mulInPlace(2)).getMessage();
        assertContainsAll(message, "mulInPlace: cannot modify a tensor that requires grad", "Autograd.noGrad()");
    }
}
