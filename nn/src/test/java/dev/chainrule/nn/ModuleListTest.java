package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModuleListTest {
    /** Three tanh layers kept in a list, run by their owner. */
    private static final class Tower extends Module {
        private final ModuleList<Linear> blocks = registerModule("blocks", new ModuleList<>());

        Tower(Random random) {
            for (int i = 0; i < 3; i++) blocks.add(new Linear(2, 2, random));
        }

        @Override
        public Tensor forward(Tensor x) {
            for (Linear block : blocks) x = block.forward(x).tanh();
            return x;
        }
    }

    @Test
    void itsModulesAreNamedByIndexFollowTheModeAndTheirOwnerRunsThem() {
        Tower tower = new Tower(new Random(0));
        assertEquals(List.of("blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "blocks.1.bias", "blocks.2.weight",
                "blocks.2.bias"), List.copyOf(tower.stateDict().keySet()));
        tower.eval();
        assertFalse(tower.blocks.get(2).isTraining());
        assertEquals(3, tower.blocks.size());
        Tensor x = Tensor.of(new double[] {0.5, -1});
        Tensor expected = x;
        for (int i = 0; i < 3; i++) expected = tower.blocks.get(i).forward(expected).tanh();
        assertEquals(expected.get(1), tower.forward(x).get(1));
    }

    @Test
    void aListIsNotCalledAndRefusesNullsAndBadIndices() {
        var list = new ModuleList<Module>();
        list.add(new Identity());
        assertThrows(UnsupportedOperationException.class, () -> list.forward(Tensor.zeros(1)));
        assertEquals("ModuleList: module 1 is null", assertThrows(IllegalArgumentException.class,
                () -> list.add(null)).getMessage());
        assertEquals("ModuleList.get: index 1 is out of range [0, 1)", assertThrows(IllegalArgumentException.class,
                () -> list.get(1)).getMessage());
    }

    @Test
    void identityReturnsItsInput() {
        Tensor x = Tensor.of(new double[] {1, 2});
        assertSame(x, new Identity().forward(x));
        assertEquals(0, new Identity().numParameters());
    }
}
