package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.io.Checkpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleDictTest {
    @TempDir
    Path dir;

    /** A shared trunk and one head per task, chosen by name. */
    private static final class MultiTask extends Module {
        private final Linear trunk;
        private final ModuleDict<Linear> heads;

        MultiTask(Random random) {
            trunk = registerModule("trunk", new Linear(3, 4, random));
            heads = registerModule("heads", new ModuleDict<>());
            heads.put("digit", new Linear(4, 10, random));
            heads.put("parity", new Linear(4, 2, random));
        }

        Tensor forward(Tensor x, String task) {
            return heads.get(task).forward(trunk.forward(x).relu());
        }

        @Override
        public Tensor forward(Tensor x) {
            return forward(x, "digit");
        }
    }

    @Test
    void keysKeepInsertionOrderAndNameTheStateDictEntries() {
        MultiTask model = new MultiTask(new Random(0));
        assertEquals(List.of("digit", "parity"), model.heads.keys());
        assertEquals(List.of("trunk.weight", "trunk.bias", "heads.digit.weight", "heads.digit.bias",
                "heads.parity.weight", "heads.parity.bias"), List.copyOf(model.stateDict().keySet()));
        assertArrayEquals(new int[] {1, 2}, model.forward(Tensor.zeros(1, 3), "parity").shape());
        assertEquals(2, model.heads.size());
        assertTrue(model.heads.containsKey("digit"));
        assertFalse(model.heads.containsKey("colour"));
        assertEquals(List.of(model.heads.get("digit"), model.heads.get("parity")), model.heads.values());
    }

    @Test
    void aLaterKeyThatSortsFirstStaysLast() {
        var dict = new ModuleDict<Module>();
        dict.put("zeta", new Identity());
        dict.put("alpha", new Linear(1, 1, new Random(0)));
        assertEquals(List.of("zeta", "alpha"), dict.keys());
        assertEquals(List.of("alpha.weight", "alpha.bias"), List.copyOf(dict.stateDict().keySet()));
    }

    @Test
    void puttingUnderATakenKeyReplacesTheModuleInItsPlace() {
        var dict = new ModuleDict<Linear>();
        dict.put("a", new Linear(2, 2, new Random(0)));
        dict.put("b", new Linear(2, 2, new Random(1)));
        Linear replacement = dict.put("a", new Linear(2, 3, new Random(2)));
        assertSame(replacement, dict.get("a"));
        assertEquals(List.of("a", "b"), dict.keys());
        assertSame(replacement, dict.children().get("a"));
        assertArrayEquals(new int[] {3, 2}, dict.stateDict().get("a.weight").shape());
        assertEquals(4, dict.stateDict().size());
    }

    @Test
    void followsTrainAndEvalAndPrintsAsATree() {
        MultiTask model = new MultiTask(new Random(0));
        model.eval();
        assertFalse(model.heads.get("parity").isTraining());
        assertEquals("""
                MultiTask(
                  (trunk): Linear(in=3, out=4, bias=true)
                  (heads): ModuleDict(
                    (digit): Linear(in=4, out=10, bias=true)
                    (parity): Linear(in=4, out=2, bias=true)
                  )
                )""", model.toString());
    }

    @Test
    void aCheckpointRoundTripRestoresEveryHead() throws Exception {
        MultiTask saved = new MultiTask(new Random(0));
        Path file = dir.resolve("multitask.safetensors");
        Checkpoint.save(saved, file);
        MultiTask loaded = new MultiTask(new Random(99));
        Tensor x = Tensor.of(new double[] {0.5, -1, 2}, 1, 3);
        assertNotEquals(saved.forward(x, "parity").get(0, 1), loaded.forward(x, "parity").get(0, 1));
        Checkpoint.load(loaded, file);
        for (String task : List.of("digit", "parity")) {
            assertArrayEquals(saved.forward(x, task).toArray(), loaded.forward(x, task).toArray(), 0.0, task);
        }
    }

    @Test
    void refusesBadKeysNullModulesMissingKeysAndBeingCalled() {
        var dict = new ModuleDict<Module>();
        dict.put("id", new Identity());
        String rule = "; keys are non-empty and without dots, as they become state_dict names such as key.weight";
        assertEquals("ModuleDict.put: invalid key 'a.b'" + rule,
                assertThrows(IllegalArgumentException.class, () -> dict.put("a.b", new Identity())).getMessage());
        assertEquals("ModuleDict.put: invalid key ''" + rule,
                assertThrows(IllegalArgumentException.class, () -> dict.put("", new Identity())).getMessage());
        assertEquals("ModuleDict.put: invalid key null" + rule,
                assertThrows(IllegalArgumentException.class, () -> dict.put(null, new Identity())).getMessage());
        assertEquals("ModuleDict.put: the module for key 'x' is null",
                assertThrows(IllegalArgumentException.class, () -> dict.put("x", null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> dict.put("self", dict));
        assertEquals("ModuleDict.get: no module under key 'colour'; the keys are [id]",
                assertThrows(IllegalArgumentException.class, () -> dict.get("colour")).getMessage());
        assertThrows(UnsupportedOperationException.class, () -> dict.forward(Tensor.zeros(1)));
        assertEquals(List.of("id"), dict.keys());
    }
}
