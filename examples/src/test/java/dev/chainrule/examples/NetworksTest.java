package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.nn.Sigmoid;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NetworksTest {
    @Test
    void networksCountLikeTheTutorial() {
        assertEquals("1024-500-10", Networks.shape(1024, List.of(500), 10));
        assertEquals(517_000, Networks.weights(1024, List.of(500), 10));
        assertEquals("64*500 + 500*500 + 500*10 = 287,000 weights, plus 500 + 500 + 10 biases = 288,010 parameters",
                Networks.parameterArithmetic(64, List.of(500, 500), 10));
        var net = Networks.mlp(64, List.of(500, 500), 10, i -> new Sigmoid(), new Random(1));
        assertEquals(288_010, net.numParameters());
        assertEquals(5, net.size());
    }

    @Test
    void mlpPutsOneActivationAfterEachHiddenLayerAndNoneAfterTheOutput() {
        var net = Networks.mlp(3, List.of(4, 5), 2, i -> new Sigmoid(), new Random(1));
        assertEquals("Linear(in=3, out=4, bias=true)", net.get(0).toString());
        assertEquals("Sigmoid()", net.get(1).toString());
        assertEquals("Linear(in=4, out=5, bias=true)", net.get(2).toString());
        assertEquals("Linear(in=5, out=2, bias=true)", net.get(4).toString());
        assertEquals(5, net.size());
    }
}
