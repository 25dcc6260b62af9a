package dev.chainrule.autograd;

import dev.chainrule.autograd.OpCase.Domain;
import dev.chainrule.autograd.OpCase.Draw;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Every differentiable op of {@link Tensor}, {@link Convolution} and {@link Pooling}, one line each (several for an
 * op whose shape rules have distinct cases, such as matmul, or whose parameter changes the rule, such as pow's
 * exponent, or whose inputs differ, such as a convolution with and without bias): name, the methods it covers,
 * arity, domain per input, tolerance, shape generator and the function GradCheck differentiates.
 * {@link OpGradientProperties} runs the table over random draws and fails when a public op has no line. Methods
 * are named by their signature, {@code sum(int,boolean)}; those of {@code Convolution} and {@code Pooling} with
 * their class, {@code Pooling.maxPool2d(Tensor,Options)}.
 *
 * <p>Domains keep inputs where the op is smooth: log and sqrt at 0.2 or more, log1p at -0.8 or more, divisors
 * and pow's non-integer bases away from 0, abs, relu, elu, selu, leakyRelu, clamp and hardTanh 0.01 or more from
 * their kinks, max, min, max pooling and std on distinct values (a unique arg-extreme, the runner-up 0.05 or more
 * away; no two values equal, so a standard deviation stays away from 0), sort and topk on distinct values too (no
 * tie within a step), the infinity norm on distinct magnitudes (a unique largest |x|), the 1- and 1.5-norms 0.01 or
 * more from 0.
 * Elsewhere inputs are uniform in [-2, 2), or [-4, 4) for the saturating activations.
 */
final class OpCases {
    private OpCases() {}

    static final GradCheck.Options TOLERANCE = GradCheck.Options.DEFAULT;

    static final Domain ANY = Domain.uniform(-2, 2);
    static final Domain WIDE = Domain.uniform(-4, 4);
    static final Domain POSITIVE = Domain.uniform(0.2, 2);
    static final Domain ABOVE_MINUS_1 = Domain.uniform(-0.8, 2);
    static final Domain NONZERO = Domain.awayFrom(-2, 2, 0.2, 0);
    static final Domain AWAY_FROM_0 = Domain.awayFrom(-2, 2, 0.01, 0);
    static final Domain DISTINCT = Domain.distinct();
    static final Domain DISTINCT_MAGNITUDES = Domain.distinctMagnitudes();
    private static final double CLAMP_MIN = -0.5;
    private static final double CLAMP_MAX = 0.7;
    static final Domain AWAY_FROM_CLAMP_BOUNDS = Domain.awayFrom(-2, 2, 0.01, CLAMP_MIN, CLAMP_MAX);
    static final Domain AWAY_FROM_PLUS_MINUS_1 = Domain.awayFrom(-2, 2, 0.01, -1, 1);

    /** The convolutions' full signatures, each covered by a line with and one without bias. */
    private static final String BATCH_NORM =
            "Normalization.batchNorm(Tensor,Tensor,Tensor,Tensor,Tensor,boolean,double,double)";
    private static final String CONV1D = "Convolution.conv1d(Tensor,Tensor,Tensor,Options)";
    private static final String CONV2D = "Convolution.conv2d(Tensor,Tensor,Tensor,Options)";

    static final List<OpCase> ALL = List.of(
            // element-wise, two inputs (broadcasting)
            op("add", "add(Tensor)", 2, List.of(ANY, ANY), OpShapes::broadcastPair, d -> xs -> xs[0].add(xs[1])),
            op("sub", "sub(Tensor)", 2, List.of(ANY, ANY), OpShapes::broadcastPair, d -> xs -> xs[0].sub(xs[1])),
            op("mul", "mul(Tensor)", 2, List.of(ANY, ANY), OpShapes::broadcastPair, d -> xs -> xs[0].mul(xs[1])),
            op("maximum", "maximum(Tensor)", 2, List.of(ANY, ANY), OpShapes::broadcastPair,
                    d -> xs -> xs[0].maximum(xs[1])),
            op("minimum", "minimum(Tensor)", 2, List.of(ANY, ANY), OpShapes::broadcastPair,
                    d -> xs -> xs[0].minimum(xs[1])),
            op("div", "div(Tensor)", 2, List.of(ANY, NONZERO), OpShapes::broadcastPair, d -> xs -> xs[0].div(xs[1])),
            op("pow(Tensor)", "pow(Tensor)", 2, List.of(POSITIVE, ANY), OpShapes::broadcastPair,
                    d -> xs -> xs[0].pow(xs[1])),
            op("add(double)", "add(double)", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].add(0.75)),
            op("sub(double)", "sub(double)", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].sub(-1.25)),
            op("mul(double)", "mul(double)", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].mul(-3)),
            op("div(double)", "div(double)", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].div(0.4)),
            // element-wise, one input
            op("pow(2)", "pow(double)", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].pow(2)),
            op("pow(3)", "pow(double)", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].pow(3)),
            op("pow(0)", "pow(double)", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].pow(0)),
            op("pow(-1)", "pow(double)", 1, List.of(NONZERO), OpShapes::any, d -> xs -> xs[0].pow(-1)),
            op("pow(0.5)", "pow(double)", 1, List.of(POSITIVE), OpShapes::any, d -> xs -> xs[0].pow(0.5)),
            op("pow(2.5)", "pow(double)", 1, List.of(POSITIVE), OpShapes::any, d -> xs -> xs[0].pow(2.5)),
            op("pow(-1.5)", "pow(double)", 1, List.of(POSITIVE), OpShapes::any, d -> xs -> xs[0].pow(-1.5)),
            op("neg", "neg()", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].neg()),
            op("exp", "exp()", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].exp()),
            op("log", "log()", 1, List.of(POSITIVE), OpShapes::any, d -> xs -> xs[0].log()),
            op("sqrt", "sqrt()", 1, List.of(POSITIVE), OpShapes::any, d -> xs -> xs[0].sqrt()),
            op("abs", "abs()", 1, List.of(AWAY_FROM_0), OpShapes::any, d -> xs -> xs[0].abs()),
            op("tanh", "tanh()", 1, List.of(WIDE), OpShapes::any, d -> xs -> xs[0].tanh()),
            op("sigmoid", "sigmoid()", 1, List.of(WIDE), OpShapes::any, d -> xs -> xs[0].sigmoid()),
            op("relu", "relu()", 1, List.of(AWAY_FROM_0), OpShapes::any, d -> xs -> xs[0].relu()),
            op("clamp", "clamp(double,double)", 1, List.of(AWAY_FROM_CLAMP_BOUNDS), OpShapes::any,
                    d -> xs -> xs[0].clamp(CLAMP_MIN, CLAMP_MAX)),
            op("sin", "sin()", 1, List.of(WIDE), OpShapes::any, d -> xs -> xs[0].sin()),
            op("cos", "cos()", 1, List.of(WIDE), OpShapes::any, d -> xs -> xs[0].cos()),
            op("log1p", "log1p()", 1, List.of(ABOVE_MINUS_1), OpShapes::any, d -> xs -> xs[0].log1p()),
            op("expm1", "expm1()", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].expm1()),
            op("erf", "erf()", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].erf()),
            op("erfc", "erfc()", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].erfc()),
            // activations
            op("softplus", "softplus()", 1, List.of(WIDE), OpShapes::any, d -> xs -> xs[0].softplus()),
            op("softplus(2.5)", "softplus(double)", 1, List.of(WIDE), OpShapes::any, d -> xs -> xs[0].softplus(2.5)),
            op("elu", "elu()", 1, List.of(AWAY_FROM_0), OpShapes::any, d -> xs -> xs[0].elu()),
            op("elu(0.7)", "elu(double)", 1, List.of(AWAY_FROM_0), OpShapes::any, d -> xs -> xs[0].elu(0.7)),
            op("selu", "selu()", 1, List.of(AWAY_FROM_0), OpShapes::any, d -> xs -> xs[0].selu()),
            op("leakyRelu", "leakyRelu()", 1, List.of(AWAY_FROM_0), OpShapes::any, d -> xs -> xs[0].leakyRelu()),
            op("leakyRelu(0.2)", "leakyRelu(double)", 1, List.of(AWAY_FROM_0), OpShapes::any,
                    d -> xs -> xs[0].leakyRelu(0.2)),
            op("gelu", "gelu()", 1, List.of(WIDE), OpShapes::any, d -> xs -> xs[0].gelu()),
            op("geluTanh", "geluTanh()", 1, List.of(WIDE), OpShapes::any, d -> xs -> xs[0].geluTanh()),
            op("silu", "silu()", 1, List.of(WIDE), OpShapes::any, d -> xs -> xs[0].silu()),
            op("mish", "mish()", 1, List.of(WIDE), OpShapes::any, d -> xs -> xs[0].mish()),
            op("softsign", "softsign()", 1, List.of(WIDE), OpShapes::any, d -> xs -> xs[0].softsign()),
            op("hardTanh", "hardTanh()", 1, List.of(AWAY_FROM_PLUS_MINUS_1), OpShapes::any,
                    d -> xs -> xs[0].hardTanh()),
            op("hardTanh(min,max)", "hardTanh(double,double)", 1, List.of(AWAY_FROM_CLAMP_BOUNDS), OpShapes::any,
                    d -> xs -> xs[0].hardTanh(CLAMP_MIN, CLAMP_MAX)),
            // matrix products, one line per shape rule
            matmul("matmul [k]·[k,n]", (m, k, n, b) -> new int[][] {{k}, {k, n}}),
            matmul("matmul [m,k]·[k,n]", (m, k, n, b) -> new int[][] {{m, k}, {k, n}}),
            matmul("matmul [m,k]·[k]", (m, k, n, b) -> new int[][] {{m, k}, {k}}),
            matmul("matmul [k]·[k]", (m, k, n, b) -> new int[][] {{k}, {k}}),
            matmul("matmul [b,m,k]·[k,n]", (m, k, n, b) -> new int[][] {{b, m, k}, {k, n}}),
            matmul("matmul [m,k]·[b,k,n]", (m, k, n, b) -> new int[][] {{m, k}, {b, k, n}}),
            matmul("matmul [b,m,k]·[b,k,n]", (m, k, n, b) -> new int[][] {{b, m, k}, {b, k, n}}),
            matmul("matmul [1,m,k]·[b,k,n]", (m, k, n, b) -> new int[][] {{1, m, k}, {b, k, n}}),
            matmul("matmul [2,1,m,k]·[b,k,n]", (m, k, n, b) -> new int[][] {{2, 1, m, k}, {b, k, n}}),
            matmulTransposed("matmulTransposed [m,k]·[n,k]ᵀ", (m, k, n, b) -> new int[][] {{m, k}, {n, k}}),
            matmulTransposed("matmulTransposed [k]·[n,k]ᵀ", (m, k, n, b) -> new int[][] {{k}, {n, k}}),
            matmulTransposed("matmulTransposed [b,m,k]·[n,k]ᵀ", (m, k, n, b) -> new int[][] {{b, m, k}, {n, k}}),
            matmulTransposed("matmulTransposed [b,m,k]·[b,n,k]ᵀ", (m, k, n, b) -> new int[][] {{b, m, k}, {b, n, k}}),
            linear("linear [m,k]·[n,k]ᵀ + [n]", (m, k, n, b) -> new int[][] {{m, k}, {n, k}, {n}}),
            linear("linear [k]·[n,k]ᵀ + [n]", (m, k, n, b) -> new int[][] {{k}, {n, k}, {n}}),
            linear("linear [b,m,k]·[n,k]ᵀ + [n]", (m, k, n, b) -> new int[][] {{b, m, k}, {n, k}, {n}}),
            matmul("matmul [2,1,3,4]·[5,4,2]", (m, k, n, b) -> new int[][] {{2, 1, 3, 4}, {5, 4, 2}}),
            matmul("matmul [k]·[b,k,n]", (m, k, n, b) -> new int[][] {{k}, {b, k, n}}),
            matmul("matmul [b,m,k]·[k]", (m, k, n, b) -> new int[][] {{b, m, k}, {k}}),
            // views and shapes
            op("transpose", "transpose(int,int)", 1, List.of(ANY), OpShapes::transpose,
                    d -> xs -> xs[0].transpose(d.ints()[0], d.ints()[1])),
            op("t", "t()", 1, List.of(ANY), OpShapes::matrix, d -> xs -> xs[0].t()),
            op("reshape", "reshape(int[])", 1, List.of(ANY), OpShapes::reshape, d -> xs -> xs[0].reshape(d.ints())),
            op("flatten", "flatten()", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].flatten()),
            op("flatten(start,end)", "flatten(int,int)", 1, List.of(ANY), OpShapes::flattenRange,
                    d -> xs -> xs[0].flatten(d.ints()[0], d.ints()[1])),
            op("unsqueeze", "unsqueeze(int)", 1, List.of(ANY), OpShapes::newAxis, d -> xs -> xs[0].unsqueeze(d.axis())),
            op("squeeze", "squeeze(int)", 1, List.of(ANY), OpShapes::squeeze, d -> xs -> xs[0].squeeze(d.axis())),
            op("expand", "expand(int[])", 1, List.of(ANY), OpShapes::expand, d -> xs -> xs[0].expand(d.ints())),
            op("sumTo", "sumTo(int[])", 1, List.of(ANY), OpShapes::sumTo, d -> xs -> xs[0].sumTo(d.ints())),
            // reductions
            op("sum()", "sum()", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].sum()),
            op("sum(axis)", "sum(int)", 1, List.of(ANY), OpShapes::axis, d -> xs -> xs[0].sum(d.axis())),
            op("sum(axis,keepDim)", "sum(int,boolean)", 1, List.of(ANY), OpShapes::axis,
                    d -> xs -> xs[0].sum(d.axis(), d.keepDim())),
            op("mean()", "mean()", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].mean()),
            op("mean(axis)", "mean(int)", 1, List.of(ANY), OpShapes::axis, d -> xs -> xs[0].mean(d.axis())),
            op("mean(axis,keepDim)", "mean(int,boolean)", 1, List.of(ANY), OpShapes::axis,
                    d -> xs -> xs[0].mean(d.axis(), d.keepDim())),
            op("max()", "max()", 1, List.of(DISTINCT), OpShapes::any, d -> xs -> xs[0].max()),
            op("max(axis)", "max(int)", 1, List.of(DISTINCT), OpShapes::axis, d -> xs -> xs[0].max(d.axis())),
            op("max(axis,keepDim)", "max(int,boolean)", 1, List.of(DISTINCT), OpShapes::axis,
                    d -> xs -> xs[0].max(d.axis(), d.keepDim())),
            op("min()", "min()", 1, List.of(DISTINCT), OpShapes::any, d -> xs -> xs[0].min()),
            op("min(axis)", "min(int)", 1, List.of(DISTINCT), OpShapes::axis, d -> xs -> xs[0].min(d.axis())),
            op("min(axis,keepDim)", "min(int,boolean)", 1, List.of(DISTINCT), OpShapes::axis,
                    d -> xs -> xs[0].min(d.axis(), d.keepDim())),
            // normalisations
            op("softmax", "softmax(int)", 1, List.of(WIDE), OpShapes::axis, d -> xs -> xs[0].softmax(d.axis())),
            op("logSoftmax", "logSoftmax(int)", 1, List.of(WIDE), OpShapes::axis,
                    d -> xs -> xs[0].logSoftmax(d.axis())),
            op("softmax(mask)", "softmax(int,Tensor)", 1, List.of(WIDE), OpShapes::maskedSoftmax,
                    d -> xs -> xs[0].softmax(d.axis(), d.constant())),
            // joining and indexing
            op("concat", "concat(int,Tensor[])", 3, List.of(ANY, ANY, ANY), OpShapes.concat(3),
                    d -> xs -> Tensor.concat(d.axis(), xs[0], xs[1], xs[2])),
            op("concat(list)", "concat(int,List)", 2, List.of(ANY, ANY), OpShapes.concat(2),
                    d -> xs -> Tensor.concat(d.axis(), List.of(xs[0], xs[1]))),
            op("stack", "stack(int,Tensor[])", 3, List.of(ANY, ANY, ANY), OpShapes.stack(3),
                    d -> xs -> Tensor.stack(d.axis(), xs[0], xs[1], xs[2])),
            op("stack(list)", "stack(int,List)", 2, List.of(ANY, ANY), OpShapes.stack(2),
                    d -> xs -> Tensor.stack(d.axis(), List.of(xs[0], xs[1]))),
            op("slice", "slice(int,int,int)", 1, List.of(ANY), OpShapes::slice,
                    d -> xs -> xs[0].slice(d.axis(), d.ints()[1], d.ints()[2])),
            op("indexSelect", "indexSelect(int,int[])", 1, List.of(ANY), OpShapes::indexSelect,
                    d -> xs -> xs[0].indexSelect(d.axis(), d.intsFrom(1))),
            op("gather", "gather(int,Tensor)", 1, List.of(ANY), OpShapes::gather,
                    d -> xs -> xs[0].gather(d.axis(), d.constant())),
            op("indexSelect(Tensor)", "indexSelect(int,Tensor)", 1, List.of(ANY), OpShapes::indexSelect,
                    d -> xs -> xs[0].indexSelect(d.axis(), indexTensor(d.intsFrom(1)))),
            op("scatterAdd", "scatterAdd(int,Tensor,Tensor)", 2, List.of(ANY, ANY), OpShapes::scatterAdd,
                    d -> xs -> xs[0].scatterAdd(d.axis(), d.constant(), xs[1])),
            op("repeat", "repeat(int[])", 1, List.of(ANY), OpShapes::repeat, d -> xs -> xs[0].repeat(d.ints())),
            // sorting: distinct values, so that no tie is within a finite-difference step
            op("sort(axis,descending)", "sort(int,boolean)", 1, List.of(DISTINCT), OpShapes::axis,
                    d -> xs -> xs[0].sort(d.axis(), d.keepDim()).values()),
            op("sort()", "sort()", 1, List.of(DISTINCT), OpShapes::axis, d -> xs -> xs[0].sort().values()),
            op("topk(k,axis,largest)", "topk(int,int,boolean)", 1, List.of(DISTINCT), OpShapes::topk,
                    d -> xs -> xs[0].topk(d.ints()[2], d.axis(), d.keepDim()).values()),
            op("topk(k)", "topk(int)", 1, List.of(DISTINCT), OpShapes::topk,
                    d -> xs -> xs[0].topk(Math.min(d.ints()[2], xs[0].size(-1))).values()),
            // norms: p = 1 and 1 < p < 2 away from the kink of |x| at 0; p = ∞ with a unique largest |x|
            op("norm(1,axis,keepDim)", "norm(double,int,boolean)", 1, List.of(AWAY_FROM_0), OpShapes::axis,
                    d -> xs -> xs[0].norm(1, d.axis(), d.keepDim())),
            op("norm(2,axis,keepDim)", "norm(double,int,boolean)", 1, List.of(ANY), OpShapes::axis,
                    d -> xs -> xs[0].norm(2, d.axis(), d.keepDim())),
            op("norm(3,axis,keepDim)", "norm(double,int,boolean)", 1, List.of(ANY), OpShapes::axis,
                    d -> xs -> xs[0].norm(3, d.axis(), d.keepDim())),
            op("norm(1.5,axis,keepDim)", "norm(double,int,boolean)", 1, List.of(AWAY_FROM_0), OpShapes::axis,
                    d -> xs -> xs[0].norm(1.5, d.axis(), d.keepDim())),
            op("norm(inf,axis,keepDim)", "norm(double,int,boolean)", 1, List.of(DISTINCT_MAGNITUDES), OpShapes::axis,
                    d -> xs -> xs[0].norm(Double.POSITIVE_INFINITY, d.axis(), d.keepDim())),
            op("norm(p)", "norm(double)", 1, List.of(AWAY_FROM_0), OpShapes::any, d -> xs -> xs[0].norm(2.5)),
            op("norm()", "norm()", 1, List.of(ANY), OpShapes::any, d -> xs -> xs[0].norm()),
            op("where", "where(Tensor,Tensor,Tensor)", 2, List.of(ANY, ANY), OpShapes::where,
                    d -> xs -> Tensor.where(d.constant(), xs[0], xs[1])),
            op("maskedFill", "maskedFill(Tensor,double)", 1, List.of(ANY), OpShapes::maskedFill,
                    d -> xs -> xs[0].maskedFill(d.constant(), -2.5)),
            // more views and reductions
            op("permute", "permute(int[])", 1, List.of(ANY), OpShapes::permute, d -> xs -> xs[0].permute(d.ints())),
            op("tril(diagonal)", "tril(int)", 1, List.of(ANY), OpShapes::triangle, d -> xs -> xs[0].tril(d.ints()[0])),
            op("tril()", "tril()", 1, List.of(ANY), OpShapes::triangle, d -> xs -> xs[0].tril()),
            op("triu(diagonal)", "triu(int)", 1, List.of(ANY), OpShapes::triangle, d -> xs -> xs[0].triu(d.ints()[0])),
            op("triu()", "triu()", 1, List.of(ANY), OpShapes::triangle, d -> xs -> xs[0].triu()),
            op("flip", "flip(int)", 1, List.of(ANY), OpShapes::axis, d -> xs -> xs[0].flip(d.axis())),
            op("pad(pad,value)", "pad(int[],double)", 1, List.of(ANY), OpShapes::pad,
                    d -> xs -> xs[0].pad(d.intsFrom(1), d.ints()[0] / 4.0)),
            op("pad(pad)", "pad(int[])", 1, List.of(ANY), OpShapes::pad, d -> xs -> xs[0].pad(d.intsFrom(1))),
            op("var(axis,unbiased,keepDim)", "var(int,boolean,boolean)", 1, List.of(ANY),
                    r -> OpShapes.variance(r, false), d -> xs -> xs[0].var(d.axis(), d.ints()[2] != 0, d.keepDim())),
            op("var(axis)", "var(int)", 1, List.of(ANY), r -> OpShapes.variance(r, true), d -> xs -> xs[0].var(d.axis())),
            op("var()", "var()", 1, List.of(ANY), OpShapes::severalValues, d -> xs -> xs[0].var()),
            op("std(axis,unbiased,keepDim)", "std(int,boolean,boolean)", 1, List.of(DISTINCT),
                    r -> OpShapes.variance(r, true), d -> xs -> xs[0].std(d.axis(), d.ints()[2] != 0, d.keepDim())),
            op("std(axis)", "std(int)", 1, List.of(DISTINCT), r -> OpShapes.variance(r, true),
                    d -> xs -> xs[0].std(d.axis())),
            op("std()", "std()", 1, List.of(DISTINCT), OpShapes::severalValues, d -> xs -> xs[0].std()),
            op("logsumexp(axis,keepDim)", "logsumexp(int,boolean)", 1, List.of(WIDE), OpShapes::axis,
                    d -> xs -> xs[0].logsumexp(d.axis(), d.keepDim())),
            op("logsumexp(axis)", "logsumexp(int)", 1, List.of(WIDE), OpShapes::axis,
                    d -> xs -> xs[0].logsumexp(d.axis())),
            op("cumsum", "cumsum(int)", 1, List.of(ANY), OpShapes::axis, d -> xs -> xs[0].cumsum(d.axis())),
            // normalisations (Normalization functions): weight and bias are inputs too
            op("batchNorm (training)", BATCH_NORM, 3, List.of(ANY, ANY, ANY), OpShapes::batchNorm,
                    d -> xs -> Normalization.batchNorm(xs[0], null, null, xs[1], xs[2], true, 0.1, 1e-5)),
            op("batchNorm (evaluation)", BATCH_NORM, 3, List.of(ANY, ANY, ANY), OpShapes::batchNorm,
                    d -> xs -> Normalization.batchNorm(xs[0], runningStatistic(xs[1], 0.3), runningStatistic(xs[1], 1.7),
                            xs[1], xs[2], false, 0.1, 1e-5)),
            op("layerNorm", "Normalization.layerNorm(Tensor,int[],Tensor,Tensor,double)", 3, List.of(ANY, ANY, ANY),
                    OpShapes::layerNorm, d -> xs -> Normalization.layerNorm(xs[0], xs[1].shape(), xs[1], xs[2], 1e-5)),
            op("groupNorm", "Normalization.groupNorm(Tensor,int,Tensor,Tensor,double)", 3, List.of(ANY, ANY, ANY),
                    OpShapes::groupNorm, d -> xs -> Normalization.groupNorm(xs[0], d.ints()[0], xs[1], xs[2], 1e-5)),
            // convolution, im2col and pooling (Convolution and Pooling functions)
            op("conv1d", CONV1D, 3, List.of(ANY, ANY, ANY), OpShapes.convolution(1, true),
                    d -> xs -> Convolution.conv1d(xs[0], xs[1], xs[2], convolution(d, 1))),
            op("conv1d without bias", CONV1D, 2, List.of(ANY, ANY), OpShapes.convolution(1, false),
                    d -> xs -> Convolution.conv1d(xs[0], xs[1], null, convolution(d, 1))),
            op("conv1d (defaults)", "Convolution.conv1d(Tensor,Tensor,Tensor)", 3, List.of(ANY, ANY, ANY),
                    r -> OpShapes.convolutionDefaults(r, 1), d -> xs -> Convolution.conv1d(xs[0], xs[1], xs[2])),
            op("conv2d", CONV2D, 3, List.of(ANY, ANY, ANY), OpShapes.convolution(2, true),
                    d -> xs -> Convolution.conv2d(xs[0], xs[1], xs[2], convolution(d, 2))),
            op("conv2d without bias", CONV2D, 2, List.of(ANY, ANY), OpShapes.convolution(2, false),
                    d -> xs -> Convolution.conv2d(xs[0], xs[1], null, convolution(d, 2))),
            op("conv2d (defaults)", "Convolution.conv2d(Tensor,Tensor,Tensor)", 3, List.of(ANY, ANY, ANY),
                    r -> OpShapes.convolutionDefaults(r, 2), d -> xs -> Convolution.conv2d(xs[0], xs[1], xs[2])),
            op("unfold", "Convolution.unfold(Tensor,int[],int[],int[],int[])", 1, List.of(ANY), OpShapes.unfold(false),
                    d -> xs -> Convolution.unfold(xs[0], pair(d, 0), pair(d, 2), pair(d, 4), pair(d, 6))),
            op("unfold(kernel)", "Convolution.unfold(Tensor,int[])", 1, List.of(ANY), OpShapes.unfold(true),
                    d -> xs -> Convolution.unfold(xs[0], pair(d, 0))),
            op("fold", "Convolution.fold(Tensor,int[],int[],int[],int[],int[])", 1, List.of(ANY), OpShapes::fold,
                    d -> xs -> Convolution.fold(xs[0], pair(d, 0), pair(d, 2), pair(d, 4), pair(d, 6), pair(d, 8))),
            op("maxPool1d", "Pooling.maxPool1d(Tensor,Options)", 1, List.of(DISTINCT), OpShapes.pooling(1, true),
                    d -> xs -> Pooling.maxPool1d(xs[0], pooling(d, 1))),
            op("maxPool1d(kernel)", "Pooling.maxPool1d(Tensor,int)", 1, List.of(DISTINCT), OpShapes.poolingKernel(1),
                    d -> xs -> Pooling.maxPool1d(xs[0], d.ints()[0])),
            op("maxPool2d", "Pooling.maxPool2d(Tensor,Options)", 1, List.of(DISTINCT), OpShapes.pooling(2, true),
                    d -> xs -> Pooling.maxPool2d(xs[0], pooling(d, 2))),
            op("maxPool2d(kernel)", "Pooling.maxPool2d(Tensor,int[])", 1, List.of(DISTINCT), OpShapes.poolingKernel(2),
                    d -> xs -> Pooling.maxPool2d(xs[0], pair(d, 0))),
            op("avgPool1d", "Pooling.avgPool1d(Tensor,Options)", 1, List.of(ANY), OpShapes.pooling(1, false),
                    d -> xs -> Pooling.avgPool1d(xs[0], pooling(d, 1))),
            op("avgPool1d(kernel)", "Pooling.avgPool1d(Tensor,int)", 1, List.of(ANY), OpShapes.poolingKernel(1),
                    d -> xs -> Pooling.avgPool1d(xs[0], d.ints()[0])),
            op("avgPool2d", "Pooling.avgPool2d(Tensor,Options)", 1, List.of(ANY), OpShapes.pooling(2, false),
                    d -> xs -> Pooling.avgPool2d(xs[0], pooling(d, 2))),
            op("avgPool2d(kernel)", "Pooling.avgPool2d(Tensor,int[])", 1, List.of(ANY), OpShapes.poolingKernel(2),
                    d -> xs -> Pooling.avgPool2d(xs[0], pair(d, 0))),
            op("adaptiveAvgPool1d", "Pooling.adaptiveAvgPool1d(Tensor,int)", 1, List.of(ANY), OpShapes.adaptive(1),
                    d -> xs -> Pooling.adaptiveAvgPool1d(xs[0], d.ints()[0])),
            op("adaptiveAvgPool2d", "Pooling.adaptiveAvgPool2d(Tensor,int[])", 1, List.of(ANY), OpShapes.adaptive(2),
                    d -> xs -> Pooling.adaptiveAvgPool2d(xs[0], pair(d, 0))));

    /**
     * Public methods of {@code Tensor} returning a tensor that are not differentiable ops: creation, comparisons
     * and other constants, autograd state, and the in-place methods optimizers use.
     */
    static final List<String> NOT_OPS = List.of(
            "of(double[])", "of(double[],int[])", "of(double[][])", "scalar(double)", "zeros(int[])", "ones(int[])",
            "full(double,int[])", "arange(int)", "arange(double,double,double)", "eye(int)",
            "rand(Random,int[])", "rand(int[])", "randn(Random,int[])", "randn(int[])",
            "gt(Tensor)", "gt(double)", "ge(Tensor)", "ge(double)", "lt(Tensor)", "lt(double)",
            "le(Tensor)", "le(double)", "eq(Tensor)", "eq(double)", "sign()",
            "argmax(int)", "argmax(int,boolean)", "argmax()", "argmin(int)", "argmin(int,boolean)", "argmin()",
            "detach()", "grad()", "requiresGrad(boolean)",
            "addInPlace(Tensor)", "addInPlace(Tensor,double)", "subInPlace(Tensor)", "mulInPlace(double)",
            "mulInPlace(Tensor)", "fill(double)", "copyFrom(Tensor)", "addcmulInPlace(Tensor,Tensor,double)",
            "addcdivInPlace(Tensor,Tensor,double)", "sqrtInPlace()");

    /**
     * The convolution options of an {@link OpShapes#convolution} draw over {@code axes} spatial axes: ints
     * (stride.., padding.., dilation.., groups, same), a pair given as one value when both are equal.
     */
    /** A constant per-channel statistic shaped like {@code like}: {@code value}, then 0.1 more per channel. */
    static Tensor runningStatistic(Tensor like, double value) {
        double[] v = new double[like.numel()];
        for (int c = 0; c < v.length; c++) v[c] = value + 0.1 * c;
        return Tensor.of(v, like.shape());
    }

    static Convolution.Options convolution(Draw d, int axes) {
        int[] i = d.ints();
        Convolution.Options options = Convolution.Options.of().withStride(values(i, 0, axes))
                .withDilation(values(i, 2 * axes, axes)).withGroups(i[3 * axes]);
        return i[3 * axes + 1] != 0 ? options.withPadding("same") : options.withPadding(values(i, axes, axes));
    }

    /**
     * The pooling options of an {@link OpShapes#pooling} draw over {@code axes} spatial axes: ints (kernel..,
     * stride.. (0 for the default), padding.., dilation.., countIncludePad).
     */
    static Pooling.Options pooling(Draw d, int axes) {
        int[] i = d.ints();
        Pooling.Options options = Pooling.Options.of(values(i, 0, axes)).withPadding(values(i, 2 * axes, axes))
                .withDilation(values(i, 3 * axes, axes)).withCountIncludePad(i[4 * axes] != 0);
        return i[axes] == 0 ? options : options.withStride(values(i, axes, axes));
    }

    /** The (height, width) pair at ints {@code from}, as one value when both are equal (either form is valid). */
    static int[] pair(Draw d, int from) {
        return values(d.ints(), from, 2);
    }

    private static int[] values(int[] ints, int from, int count) {
        int[] v = java.util.Arrays.copyOfRange(ints, from, from + count);
        return count == 2 && v[0] == v[1] ? new int[] {v[0]} : v;
    }

    /** Indices as the whole-number tensor form of {@link Indices}. */
    static Tensor indexTensor(int[] indices) {
        double[] values = new double[indices.length];
        for (int i = 0; i < values.length; i++) values[i] = indices[i];
        return Tensor.of(values);
    }

    private static OpCase op(String name, String method, int arity, List<Domain> domains,
                             Function<Random, Draw> shapes, Function<Draw, TensorFunction> function) {
        return new OpCase(name, List.of(method), arity, domains, TOLERANCE, shapes, function);
    }

    private static OpCase matmulTransposed(String name, OpShapes.MatmulShapes shapes) {
        return op(name, "matmulTransposed(Tensor)", 2, List.of(ANY, ANY), OpShapes.matmul(shapes),
                d -> xs -> xs[0].matmulTransposed(xs[1]));
    }

    private static OpCase linear(String name, OpShapes.MatmulShapes shapes) {
        return op(name, "matmulTransposed(Tensor,Tensor)", 3, List.of(ANY, ANY, ANY), OpShapes.matmul(shapes),
                d -> xs -> xs[0].matmulTransposed(xs[1], xs[2]));
    }

    private static OpCase matmul(String name, OpShapes.MatmulShapes shapes) {
        return op(name, "matmul(Tensor)", 2, List.of(ANY, ANY), OpShapes.matmul(shapes), d -> xs -> xs[0].matmul(xs[1]));
    }
}
