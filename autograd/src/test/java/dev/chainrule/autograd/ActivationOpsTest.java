package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The element-wise math functions and activations against PyTorch's definitions: values and derivatives at fixed
 * points, the derivative at every kink (PyTorch's convention, checked with torch 1.13: elu′(0) = α, selu′(0) = λα,
 * leakyRelu′(0) = slope, hardTanh′ = 0 on its bounds), large inputs, and op names that show their parameters.
 *
 * <p>Reference values were computed with mpmath at 700 digits and rounded to doubles, and checked against
 * PyTorch's float64 forward and autograd, by {@code src/test/resources/reference/activation_values.py}.
 */
class ActivationOpsTest {

    private static final double[] X = {-20.0, -5.0, -2.0, -1.0, -0.5, -1e-06, 1e-06, 0.5, 1.0, 2.0, 5.0, 20.0};
    private static final double[] LOG1P_X = {-0.9, -0.5, -1e-06, 1e-12, 1e-06, 0.5, 1.0, 2.0, 5.0, 20.0, 1e10};
    private static final double LAMBDA = 1.0507009873554804934193349852946;
    private static final double LAMBDA_ALPHA = 1.7580993408473766;      // λ·α as torch computes selu'(0)

    /** An op's values {@code y}, first derivatives {@code dy} and second derivatives {@code d2y} at the points x. */
    record Reference(String name, UnaryOperator<Tensor> op, double[] x, double[] y, double[] dy, double[] d2y) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Reference reference(String name, UnaryOperator<Tensor> op, double[] x, double[] y, double[] dy,
                                       double[] d2y) {
        return new Reference(name, op, x, y, dy, d2y);
    }

    static final List<Reference> REFERENCES = List.of(
            reference("sin", Tensor::sin, X,
                    new double[] {-0.9129452507276277, 0.9589242746631385, -0.9092974268256817, -0.8414709848078965,
                        -0.479425538604203, -9.999999999998333e-07, 9.999999999998333e-07, 0.479425538604203,
                        0.8414709848078965, 0.9092974268256817, -0.9589242746631385, 0.9129452507276277},
                    new double[] {0.40808206181339196, 0.28366218546322625, -0.4161468365471424, 0.5403023058681398,
                        0.8775825618903728, 0.9999999999995, 0.9999999999995, 0.8775825618903728, 0.5403023058681398,
                        -0.4161468365471424, 0.28366218546322625, 0.40808206181339196},
                    new double[] {0.9129452507276277, -0.9589242746631385, 0.9092974268256817, 0.8414709848078965,
                        0.479425538604203, 9.999999999998333e-07, -9.999999999998333e-07, -0.479425538604203,
                        -0.8414709848078965, -0.9092974268256817, 0.9589242746631385, -0.9129452507276277}),
            reference("cos", Tensor::cos, X,
                    new double[] {0.40808206181339196, 0.28366218546322625, -0.4161468365471424, 0.5403023058681398,
                        0.8775825618903728, 0.9999999999995, 0.9999999999995, 0.8775825618903728, 0.5403023058681398,
                        -0.4161468365471424, 0.28366218546322625, 0.40808206181339196},
                    new double[] {0.9129452507276277, -0.9589242746631385, 0.9092974268256817, 0.8414709848078965,
                        0.479425538604203, 9.999999999998333e-07, -9.999999999998333e-07, -0.479425538604203,
                        -0.8414709848078965, -0.9092974268256817, 0.9589242746631385, -0.9129452507276277},
                    new double[] {-0.40808206181339196, -0.28366218546322625, 0.4161468365471424, -0.5403023058681398,
                        -0.8775825618903728, -0.9999999999995, -0.9999999999995, -0.8775825618903728,
                        -0.5403023058681398, 0.4161468365471424, -0.28366218546322625, -0.40808206181339196}),
            reference("expm1", Tensor::expm1, X,
                    new double[] {-0.9999999979388464, -0.9932620530009145, -0.8646647167633873, -0.6321205588285577,
                        -0.3934693402873666, -9.999995000001667e-07, 1.0000005000001665e-06, 0.6487212707001282,
                        1.7182818284590453, 6.38905609893065, 147.4131591025766, 485165194.4097903},
                    new double[] {2.061153622438558e-09, 0.006737946999085467, 0.1353352832366127,
                        0.36787944117144233, 0.6065306597126334, 0.9999990000005, 1.0000010000005, 1.6487212707001282,
                        2.718281828459045, 7.38905609893065, 148.4131591025766, 485165195.4097903},
                    new double[] {2.061153622438558e-09, 0.006737946999085467, 0.1353352832366127,
                        0.36787944117144233, 0.6065306597126334, 0.9999990000005, 1.0000010000005, 1.6487212707001282,
                        2.718281828459045, 7.38905609893065, 148.4131591025766, 485165195.4097903}),
            reference("erf", Tensor::erf, X,
                    new double[] {-1.0, -0.9999999999984626, -0.9953222650189527, -0.8427007929497149,
                        -0.5204998778130465, -1.1283791670951364e-06, 1.1283791670951364e-06, 0.5204998778130465,
                        0.8427007929497149, 0.9953222650189527, 0.9999999999984626, 1.0},
                    new double[] {2.1610374743867984e-174, 1.5670866531017336e-11, 0.020666985354092053,
                        0.4151074974205947, 0.8787825789354448, 1.1283791670943841, 1.1283791670943841,
                        0.8787825789354448, 0.4151074974205947, 0.020666985354092053, 1.5670866531017336e-11,
                        2.1610374743867984e-174},
                    new double[] {8.644149897547193e-173, 1.5670866531017336e-10, 0.08266794141636821,
                        0.8302149948411894, 0.8787825789354448, 2.2567583341887685e-06, -2.2567583341887685e-06,
                        -0.8787825789354448, -0.8302149948411894, -0.08266794141636821, -1.5670866531017336e-10,
                        -8.644149897547193e-173}),
            reference("erfc", Tensor::erfc, X,
                    new double[] {2.0, 1.9999999999984626, 1.9953222650189528, 1.8427007929497148, 1.5204998778130465,
                        1.000001128379167, 0.9999988716208329, 0.4795001221869535, 0.15729920705028513,
                        0.004677734981047266, 1.537459794428035e-12, 5.395865611607901e-176},
                    new double[] {-2.1610374743867984e-174, -1.5670866531017336e-11, -0.020666985354092053,
                        -0.4151074974205947, -0.8787825789354448, -1.1283791670943841, -1.1283791670943841,
                        -0.8787825789354448, -0.4151074974205947, -0.020666985354092053, -1.5670866531017336e-11,
                        -2.1610374743867984e-174},
                    new double[] {-8.644149897547193e-173, -1.5670866531017336e-10, -0.08266794141636821,
                        -0.8302149948411894, -0.8787825789354448, -2.2567583341887685e-06, 2.2567583341887685e-06,
                        0.8787825789354448, 0.8302149948411894, 0.08266794141636821, 1.5670866531017336e-10,
                        8.644149897547193e-173}),
            reference("softplus()", Tensor::softplus, X,
                    new double[] {2.061153620314381e-09, 0.006715348489118068, 0.1269280110429725, 0.3132616875182228,
                        0.4740769841801067, 0.6931466805600703, 0.6931476805600703, 0.9740769841801067,
                        1.3132616875182228, 2.1269280110429727, 5.006715348489118, 20.000000002061153},
                    new double[] {2.0611536181902037e-09, 0.0066928509242848554, 0.11920292202211756,
                        0.2689414213699951, 0.37754066879814546, 0.49999975, 0.50000025, 0.6224593312018546,
                        0.7310585786300049, 0.8807970779778824, 0.9933071490757152, 0.9999999979388464},
                    new double[] {2.061153613941849e-09, 0.006648056670790155, 0.10499358540350652,
                        0.19661193324148185, 0.2350037122015945, 0.2499999999999375, 0.2499999999999375,
                        0.2350037122015945, 0.19661193324148185, 0.10499358540350652, 0.006648056670790155,
                        2.061153613941849e-09}),
            reference("softplus(2.5)", x -> x.softplus(2.5), X,
                    new double[] {7.71499939185567e-23, 1.4906584912495961e-06, 0.0026861393956472274,
                        0.03155589371701985, 0.10077163253814915, 0.2772583722242906, 0.27725937222429065,
                        0.6007716325381491, 1.03155589371702, 2.002686139395647, 5.000001490658491, 20.0},
                    new double[] {1.9287498479639178e-22, 3.7266392841865614e-06, 0.0066928509242848554,
                        0.07585818002124355, 0.22270013882530884, 0.499999375, 0.500000625, 0.7772998611746912,
                        0.9241418199787564, 0.9933071490757152, 0.9999962733607158, 1.0},
                    new double[] {4.821874619909794e-22, 9.316563490865517e-06, 0.016620141676975387,
                        0.17525929136277038, 0.43276196748124257, 0.6249999999990234, 0.6249999999990234,
                        0.43276196748124257, 0.17525929136277038, 0.016620141676975387, 9.316563490865517e-06,
                        4.821874619909794e-22}),
            reference("elu()", Tensor::elu, X,
                    new double[] {-0.9999999979388464, -0.9932620530009145, -0.8646647167633873, -0.6321205588285577,
                        -0.3934693402873666, -9.999995000001667e-07, 1e-06, 0.5, 1.0, 2.0, 5.0, 20.0},
                    new double[] {2.061153622438558e-09, 0.006737946999085467, 0.1353352832366127,
                        0.36787944117144233, 0.6065306597126334, 0.9999990000005, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0},
                    new double[] {2.061153622438558e-09, 0.006737946999085467, 0.1353352832366127,
                        0.36787944117144233, 0.6065306597126334, 0.9999990000005, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}),
            reference("elu(0.7)", x -> x.elu(0.7), X,
                    new double[] {-0.6999999985571924, -0.6952834371006402, -0.6052653017343711, -0.4424843911799904,
                        -0.2754285382011566, -6.999996500001166e-07, 1e-06, 0.5, 1.0, 2.0, 5.0, 20.0},
                    new double[] {1.4428075357069904e-09, 0.004716562899359827, 0.09473469826562889,
                        0.2575156088200096, 0.4245714617988434, 0.69999930000035, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0},
                    new double[] {1.4428075357069904e-09, 0.004716562899359827, 0.09473469826562889,
                        0.2575156088200096, 0.4245714617988434, 0.69999930000035, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}),
            reference("selu", Tensor::selu, X,
                    new double[] {-1.758099337223664, -1.7462533606696202, -1.520166468595695, -1.1113307378125628,
                        -0.6917581878028713, -1.7580984617979995e-06, 1.0507009873554805e-06, 0.5253504936777402,
                        1.0507009873554805, 2.101401974710961, 5.253504936777403, 21.01401974710961},
                    new double[] {3.6237128249944117e-09, 0.01184598017775672, 0.23793287225168183,
                        0.6467686030348141, 1.0663411530445055, 1.7580975827489151, 1.0507009873554805,
                        1.0507009873554805, 1.0507009873554805, 1.0507009873554805, 1.0507009873554805,
                        1.0507009873554805},
                    new double[] {3.6237128249944117e-09, 0.01184598017775672, 0.23793287225168183,
                        0.6467686030348141, 1.0663411530445055, 1.7580975827489151, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}),
            reference("leakyRelu()", Tensor::leakyRelu, X,
                    new double[] {-0.2, -0.05, -0.02, -0.01, -0.005, -1e-08, 1e-06, 0.5, 1.0, 2.0, 5.0, 20.0},
                    new double[] {0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0},
                    new double[] {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}),
            reference("leakyRelu(0.2)", x -> x.leakyRelu(0.2), X,
                    new double[] {-4.0, -1.0, -0.4, -0.2, -0.1, -2e-07, 1e-06, 0.5, 1.0, 2.0, 5.0, 20.0},
                    new double[] {0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0},
                    new double[] {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}),
            reference("gelu", Tensor::gelu, X,
                    new double[] {-5.507248237212468e-88, -1.4332578593959695e-06, -0.04550026389635842,
                        -0.15865525393145705, -0.15426876936299344, -4.999996010577196e-07, 5.000003989422804e-07,
                        0.34573123063700656, 0.8413447460685429, 1.9544997361036416, 4.999998566742141, 20.0},
                    new double[] {-1.1014360483133464e-86, -7.146946001792295e-06, -0.0852318010781969,
                        -0.0833154705876863, 0.13250487534383715, 0.4999992021154392, 0.5000007978845608,
                        0.8674951246561629, 1.0833154705876864, 1.085231801078197, 1.000007146946002, 1.0},
                    new double[] {-2.1973374481395856e-85, -3.4194548838888845e-05, -0.1079819330263761,
                        0.24197072451914334, 0.6161143218375241, 0.7978845608020675, 0.7978845608020675,
                        0.6161143218375241, 0.24197072451914334, -0.1079819330263761, -3.4194548838888845e-05,
                        -2.1973374481395856e-85}),
            reference("geluTanh", Tensor::geluTanh, X,
                    new double[] {-3.3754509563109673e-261, -2.291796196629506e-07, -0.04540230591222498,
                        -0.1588080093917233, -0.15428599017485609, -4.999996010577196e-07, 5.000003989422804e-07,
                        0.34571400982514394, 0.8411919906082767, 1.954597694087775, 4.999999770820381, 20.0},
                    new double[] {-2.9424328724945027e-259, -1.5463619875325946e-06, -0.08609925662361838,
                        -0.08296408384578255, 0.1326300964653577, 0.4999992021154392, 0.5000007978845608,
                        0.8673699035346423, 1.0829640838457826, 1.0860992566236183, 1.0000015463619876, 1.0},
                    new double[] {-2.5620732028460162e-257, -9.934132224996203e-06, -0.10787507995107845,
                        0.24214819798377296, 0.6155068951159849, 0.7978845608020635, 0.7978845608020635,
                        0.6155068951159849, 0.24214819798377296, -0.10787507995107845, -9.934132224996203e-06,
                        -2.5620732028460162e-257}),
            reference("silu", Tensor::silu, X,
                    new double[] {-4.122307236380407e-08, -0.03346425462142428, -0.23840584404423512,
                        -0.2689414213699951, -0.18877033439907273, -4.9999975e-07, 5.000002499999999e-07,
                        0.3112296656009273, 0.7310585786300049, 1.7615941559557649, 4.966535745378576,
                        19.99999995877693},
                    new double[] {-3.9161918660646786e-08, -0.02654743242966592, -0.09078424878489548,
                        0.07232948812851327, 0.2600388126973482, 0.4999995, 0.5000005, 0.7399611873026518,
                        0.9276705118714867, 1.0907842487848955, 1.026547432429666, 1.0000000391619186},
                    new double[] {-3.710076488101912e-08, -0.019499225490032506, 0.05006216869470691,
                        0.3023661188100153, 0.4412290269770286, 0.49999999999975, 0.49999999999975,
                        0.4412290269770286, 0.3023661188100153, 0.05006216869470691, -0.019499225490032506,
                        -3.710076488101912e-08}),
            reference("mish", Tensor::mish, X,
                    new double[] {-4.122307240628761e-08, -0.033576237730161704, -0.2525014826957089,
                        -0.3034014613741089, -0.22074377465173, -5.99999679999984e-07, 6.00000319999984e-07,
                        0.37524521130489513, 0.8650983882673103, 1.9439589595339946, 4.999552077529406, 20.0},
                    new double[] {-3.916191874348969e-08, -0.026747498019901932, -0.10835509242039394,
                        0.05921675587739495, 0.2895106779135122, 0.599999359999952, 0.600000639999952,
                        0.8864243753577272, 1.0490362200997922, 1.0693179342794896, 1.0008002248320826,
                        1.0000000000000002},
                    new double[] {-3.710076504245658e-08, -0.019850678262608362, 0.035027081852659236,
                        0.349705673670645, 0.5639709231132666, 0.6400000959994496, 0.6399999039994496,
                        0.4680533778448866, 0.18468576447332827, -0.05772466740829406, -0.0014056704791877502,
                        -6.4574984070979e-16}),
            reference("softsign", Tensor::softsign, X,
                    new double[] {-0.9523809523809523, -0.8333333333333334, -0.6666666666666666, -0.5,
                        -0.3333333333333333, -9.999990000009998e-07, 9.999990000009998e-07, 0.3333333333333333, 0.5,
                        0.6666666666666666, 0.8333333333333334, 0.9523809523809523},
                    new double[] {0.0022675736961451248, 0.027777777777777776, 0.1111111111111111, 0.25,
                        0.4444444444444444, 0.999998000003, 0.999998000003, 0.4444444444444444, 0.25,
                        0.1111111111111111, 0.027777777777777776, 0.0022675736961451248},
                    new double[] {0.00021595939963286903, 0.009259259259259259, 0.07407407407407407, 0.25,
                        0.5925925925925926, 1.999994000012, -1.999994000012, -0.5925925925925926, -0.25,
                        -0.07407407407407407, -0.009259259259259259, -0.00021595939963286903}),
            reference("hardTanh()", Tensor::hardTanh, X,
                    new double[] {-1.0, -1.0, -1.0, -1.0, -0.5, -1e-06, 1e-06, 0.5, 1.0, 1.0, 1.0, 1.0},
                    new double[] {0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0},
                    new double[] {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}),
            reference("hardTanh(-0.5, 2)", x -> x.hardTanh(-0.5, 2), X,
                    new double[] {-0.5, -0.5, -0.5, -0.5, -0.5, -1e-06, 1e-06, 0.5, 1.0, 2.0, 2.0, 2.0},
                    new double[] {0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0},
                    new double[] {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}),
            reference("log1p", Tensor::log1p, LOG1P_X,
                    new double[] {-2.302585092994046, -0.6931471805599453, -1.0000005000003334e-06,
                        9.999999999995e-13, 9.999995000003334e-07, 0.4054651081081644, 0.6931471805599453,
                        1.0986122886681098, 1.791759469228055, 3.044522437723423, 23.025850930040455},
                    new double[] {10.000000000000002, 2.0, 1.000001000001, 0.999999999999, 0.999999000001,
                        0.6666666666666666, 0.5, 0.3333333333333333, 0.16666666666666666, 0.047619047619047616,
                        9.999999999e-11},
                    new double[] {-100.00000000000004, -4.0, -1.000002000003, -0.999999999998, -0.999998000003,
                        -0.4444444444444444, -0.25, -0.1111111111111111, -0.027777777777777776,
                        -0.0022675736961451248, -9.999999998e-21}));

    /**
     * Values within a few ulps of the correctly rounded result times the op's condition number |x·f′(x)/f(x)|:
     * no algorithm given a rounded input does better (gelu at −20 has condition number 400).
     */
    @Test
    void valuesMatchTheHighPrecisionReferences() {
        List<String> failures = new ArrayList<>();
        for (Reference r : REFERENCES) {
            double[] y = r.op().apply(Tensor.of(r.x())).toArray();
            for (int i = 0; i < y.length; i++) {
                double ulps = 4 * condition(r.x()[i], r.y()[i], r.dy()[i]);
                checkClose(failures, r + "(" + r.x()[i] + ")", r.y()[i], y[i], ulps);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * The gradient is the upstream gradient times f′, element by element (the upstream values all differ), within
     * 8 ulps times f′'s condition number |x·f″(x)/f′(x)|: the rules compose several rounded ops.
     */
    @Test
    void firstDerivativesMatchTheHighPrecisionReferences() {
        List<String> failures = new ArrayList<>();
        for (Reference r : REFERENCES) {
            Tensor x = Tensor.of(r.x()).requiresGrad(true);
            Tensor upstream = upstream(r.x().length);
            double[] gx = gradient(r.op().apply(x), x, upstream);
            for (int i = 0; i < gx.length; i++) {
                double ulps = 8 * condition(r.x()[i], r.dy()[i], r.d2y()[i]);
                checkClose(failures, r + "'(" + r.x()[i] + ")", upstream.get(i) * r.dy()[i], gx[i], ulps);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * The gradient of the recorded gradient is the upstream gradient times f″: the rules are built of recorded
     * ops. Piecewise-linear ops (leakyRelu, hardTanh) record a gradient that does not depend on x, so f″ = 0.
     * Within 1e-12, relative above 1 and absolute below: in the tails the recorded rules of sigmoid and tanh
     * (σ·(1 − σ), 1 − tanh²) cancel, as PyTorch's do (its silu″(20) is off by 4e-8 relative).
     */
    @Test
    void secondDerivativesMatchTheHighPrecisionReferences() {
        List<String> failures = new ArrayList<>();
        for (Reference r : REFERENCES) {
            Tensor x = Tensor.of(r.x()).requiresGrad(true);
            Tensor upstream = upstream(r.x().length);
            Tensor slope = Autograd.grad(List.of(r.op().apply(x)), List.of(x), List.of(upstream), true, true).get(0);
            double[] second = slope.requiresGrad() ? gradient(slope, x) : new double[r.x().length];
            for (int i = 0; i < second.length; i++) {
                double expected = upstream.get(i) * r.d2y()[i];
                if (Math.abs(second[i] - expected) > 1e-12 * Math.max(1, Math.abs(expected))) {
                    failures.add(r + "''(" + r.x()[i] + ") = " + second[i] + ", expected " + expected);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    // ---------------------------------------------------------------- kinks, as PyTorch

    @Test
    void eluSlopeAtZeroIsAlphaAsInPyTorch() {
        assertEquals(0.7, slopeAt(0, x -> x.elu(0.7)));
        assertEquals(1.0, slopeAt(0, Tensor::elu));
        assertEquals(0.0, Tensor.scalar(0).elu(0.7).item());
        assertEquals(0.7, slopeAt(-0.0, x -> x.elu(0.7)));
    }

    @Test
    void seluSlopeAtZeroIsLambdaTimesAlphaAsInPyTorch() {
        assertEquals(LAMBDA_ALPHA, slopeAt(0, Tensor::selu), 1e-15);
        assertEquals(LAMBDA, slopeAt(1e-300, Tensor::selu));
    }

    @Test
    void leakyReluSlopeAtZeroIsTheNegativeSlopeAsInPyTorch() {
        assertEquals(0.2, slopeAt(0, x -> x.leakyRelu(0.2)));
        assertEquals(0.01, slopeAt(0, Tensor::leakyRelu));
        assertEquals(1.0, slopeAt(1e-300, Tensor::leakyRelu));
    }

    @Test
    void hardTanhSlopeIsZeroOnItsBoundsWhereClampPassesTheGradient() {
        Tensor x = Tensor.of(new double[] {-2, -1, -0.5, 0, 0.5, 1, 2}).requiresGrad(true);
        Tensor y = x.hardTanh();
        assertArrayEquals(new double[] {-1, -1, -0.5, 0, 0.5, 1, 1}, y.toArray());
        assertArrayEquals(new double[] {0, 0, 1, 1, 1, 0, 0}, gradient(y, x));
        assertArrayEquals(new double[] {0, 1, 1, 1, 1, 1, 0}, gradient(x.clamp(-1, 1), x));
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 0}, gradient(x.hardTanh(-0.5, 2), x));
    }

    @Test
    void hardTanhToASinglePointPassesNoGradientAnywhere() {
        Tensor x = Tensor.of(new double[] {-1, 0.5, 2}).requiresGrad(true);
        assertArrayEquals(new double[] {0, 0, 0}, gradient(x.hardTanh(0.5, 0.5), x));
    }

    /** PyTorch tests {@code x <= 0} (elu), {@code x > 0} (leakyRelu), {@code x <= min || x >= max} (hardtanh). */
    @Test
    void slopesAtNaNFollowPyTorchsComparisons() {
        assertEquals(1.0, slopeAt(Double.NaN, x -> x.elu(0.7)));
        assertEquals(0.2, slopeAt(Double.NaN, x -> x.leakyRelu(0.2)));
        assertEquals(1.0, slopeAt(Double.NaN, Tensor::hardTanh));
        assertEquals(0.0, slopeAt(Double.NaN, x -> x.clamp(-1, 1)));
    }

    @Test
    void smoothActivationsHaveTheirTextbookValueAndSlopeAtZero() {
        List<Map.Entry<String, UnaryOperator<Tensor>>> ops = List.of(Map.entry("gelu", Tensor::gelu),
                Map.entry("geluTanh", Tensor::geluTanh), Map.entry("silu", Tensor::silu));
        for (var op : ops) {
            assertEquals(0.0, op.getValue().apply(Tensor.scalar(0)).item(), op.getKey());
            assertEquals(0.5, slopeAt(0, op.getValue()), 1e-16, op.getKey());
        }
        assertEquals(0.0, Tensor.scalar(0).mish().item());
        assertEquals(0.6, slopeAt(0, Tensor::mish), 1e-15);                    // tanh(ln 2) = 3/5
        assertEquals(Math.log(2), Tensor.scalar(0).softplus().item(), 1e-16);
        assertEquals(Math.log(2) / 2.5, Tensor.scalar(0).softplus(2.5).item(), 1e-16);
        assertEquals(0.5, slopeAt(0, x -> x.softplus(2.5)));
        assertEquals(1.0, slopeAt(0, Tensor::softsign));
        assertEquals(2 / Math.sqrt(Math.PI), slopeAt(0, Tensor::erf), 1e-15);
        assertEquals(1.0, Tensor.scalar(0).erfc().item());
    }

    @Test
    void log1pAndExpm1KeepTheDigitsThatLogAndExpLose() {
        assertEquals(1e-20, Tensor.scalar(1e-20).log1p().item());
        assertEquals(0.0, Tensor.scalar(1e-20).add(1).log().item());
        assertEquals(1e-20, Tensor.scalar(1e-20).expm1().item());
        assertEquals(0.0, Tensor.scalar(1e-20).exp().sub(1).item());
        assertEquals(Double.NEGATIVE_INFINITY, Tensor.scalar(-1).log1p().item());
        assertEquals(-1.0, Tensor.scalar(-1000).expm1().item());
        assertEquals(Math.exp(-40), slopeAt(-40, Tensor::expm1), Math.exp(-40) * 1e-15);
    }

    // ---------------------------------------------------------------- large inputs

    @Test
    void softplusIsExactAndFiniteFarOut() {
        Tensor x = Tensor.of(new double[] {1000, -1000, -700, 1e308, -1e308}).requiresGrad(true);
        Tensor y = x.softplus();
        assertEquals(1000.0, y.get(0));
        assertEquals(0.0, y.get(1));
        assertEquals(Math.exp(-700), y.get(2), Math.exp(-700) * 1e-14);
        assertTrue(y.get(2) > 0);
        assertEquals(1e308, y.get(3));
        assertEquals(0.0, y.get(4));
        double[] g = gradient(y, x);
        assertArrayEquals(new double[] {1, 0, Math.exp(-700), 1, 0}, g, Math.exp(-700) * 1e-14);
        Tensor scaled = Tensor.of(new double[] {1000, -1000}).softplus(2.5);
        assertArrayEquals(new double[] {1000, 0}, scaled.toArray());
    }

    @Test
    void softplusDiffersFromPyTorchsThresholdedValueByLessThanItsThreshold() {
        double x = 25;                                 // PyTorch returns 25 itself here (βx > 20)
        double exact = Tensor.scalar(x).softplus().item();
        assertTrue(exact > x && exact - x < Math.exp(-20), "softplus(25) = " + exact);
        assertEquals(x + Math.exp(-25), exact, 1e-15);
    }

    /** f(1000), f(−1000), f′(1000), f′(−1000). */
    private record Limits(String name, UnaryOperator<Tensor> op, double[] values, double[] slopes) {}

    @Test
    void activationsAtPlusMinusAThousandReachTheirLimitsWithFiniteFirstAndSecondDerivatives() {
        double tiny = 1 / 1001.0 / 1001.0;
        List<Limits> table = List.of(
                new Limits("silu", Tensor::silu, new double[] {1000, 0}, new double[] {1, 0}),
                new Limits("mish", Tensor::mish, new double[] {1000, 0}, new double[] {1, 0}),
                new Limits("gelu", Tensor::gelu, new double[] {1000, 0}, new double[] {1, 0}),
                new Limits("geluTanh", Tensor::geluTanh, new double[] {1000, 0}, new double[] {1, 0}),
                new Limits("softplus", Tensor::softplus, new double[] {1000, 0}, new double[] {1, 0}),
                new Limits("elu", Tensor::elu, new double[] {1000, -1}, new double[] {1, 0}),
                new Limits("selu", Tensor::selu, new double[] {LAMBDA * 1000, -LAMBDA_ALPHA}, new double[] {LAMBDA, 0}),
                new Limits("leakyRelu", Tensor::leakyRelu, new double[] {1000, -10}, new double[] {1, 0.01}),
                new Limits("softsign", Tensor::softsign, new double[] {1000 / 1001.0, -1000 / 1001.0},
                        new double[] {tiny, tiny}),
                new Limits("erf", Tensor::erf, new double[] {1, -1}, new double[] {0, 0}),
                new Limits("erfc", Tensor::erfc, new double[] {0, 2}, new double[] {0, 0}),
                new Limits("hardTanh", Tensor::hardTanh, new double[] {1, -1}, new double[] {0, 0}));
        for (Limits limits : table) {
            Tensor x = Tensor.of(new double[] {1000, -1000}).requiresGrad(true);
            Tensor y = limits.op().apply(x);
            assertArrayEquals(limits.values(), y.toArray(), 1e-12, limits.name());
            Tensor slope = Autograd.grad(y.sum(), x);
            assertArrayEquals(limits.slopes(), slope.toArray(), 1e-12, limits.name() + "'");
            if (!slope.requiresGrad()) continue;                   // piecewise linear: f'' = 0
            for (double v : Autograd.grad(slope.sum(), x).toArray()) {
                assertTrue(Double.isFinite(v), limits.name() + "'' = " + v);
            }
        }
    }

    // ---------------------------------------------------------------- names and recording

    @Test
    void parameterisedOpsNameThemselvesWithTheirParameters() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        String dot = GraphExport.toDot(x.softplus(2.5).elu(0.5).leakyRelu().hardTanh().softplus(), Map.of("x", x));
        for (String name : List.of("softplus(2.5)", "elu(0.5)", "leakyRelu(0.01)", "hardTanh(-1, 1)", "softplus(1)")) {
            assertTrue(dot.contains("label=\"" + name + "\\n[2]\""), name + " in " + dot);
        }
    }

    @Test
    void underNoGradTheOpsRecordNothing() {
        Tensor x = Tensor.of(new double[] {0.5, -0.5}).requiresGrad(true);
        try (var off = Autograd.noGrad()) {
            for (Reference r : REFERENCES) assertFalse(r.op().apply(x).requiresGrad(), r.name());
        }
        for (Reference r : REFERENCES) assertTrue(r.op().apply(x).requiresGrad(), r.name());
    }

    // ---------------------------------------------------------------- helpers

    private static double[] gradient(Tensor y, Tensor x, Tensor gy) {
        return Autograd.grad(List.of(y), List.of(x), List.of(gy), false, false).get(0).toArray();
    }

    private static double[] gradient(Tensor y, Tensor x) {
        return gradient(y, x, Tensor.ones(y.shape()));
    }

    /** Distinct upstream gradient values, so that a rule that drops or misplaces gy fails. */
    private static Tensor upstream(int n) {
        return Tensor.arange(n).mul(0.25).add(1);
    }

    /** The relative condition number |x·f′(x)/f(x)| of f at x, at least 1. */
    private static double condition(double x, double f, double slope) {
        return f == 0 ? 1 : Math.max(1, Math.abs(x * slope / f));
    }

    private static double slopeAt(double value, UnaryOperator<Tensor> op) {
        Tensor x = Tensor.scalar(value).requiresGrad(true);
        return gradient(op.apply(x), x)[0];
    }

    /** Records a failure unless |actual − expected| ≤ ulps·ulp(expected) (a relative test that also suits 0). */
    private static void checkClose(List<String> failures, String what, double expected, double actual, double ulps) {
        double error = Math.abs(actual - expected);
        if (!(error <= ulps * Math.ulp(expected))) {
            failures.add(what + " = " + actual + ", expected " + expected + " (" + error / Math.ulp(expected)
                    + " ulp, allowed " + ulps + ")");
        }
    }
}
