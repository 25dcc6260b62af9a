package dev.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.SGD;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    /** An affine map with a nested child, registered in a fixed order. */
    static final class Affine extends Module {
        final Tensor weight;
        final Tensor bias;

        Affine(int in, int out, long seed) {
            weight = registerParameter("weight", Tensor.randn(new Random(seed), in, out));
            bias = registerParameter("bias", Tensor.randn(new Random(seed + 1), out));
        }

        @Override
        public Tensor forward(Tensor input) {
            return input.matmul(weight).add(bias);
        }
    }

    static final class Net extends Module {
        final Affine hidden;
        final Tensor scale;

        Net(int width, long seed) {
            hidden = registerModule("hidden", new Affine(2, width, seed));
            scale = registerParameter("scale", Tensor.scalar(seed));
        }

        @Override
        public Tensor forward(Tensor input) {
            return hidden.forward(input).mul(scale);
        }
    }

    @Test
    void saveThenLoadRestoresEveryParameterBitExactly() throws IOException {
        Net saved = new Net(3, 1);
        Path path = dir.resolve("net.safetensors");
        Checkpoint.save(saved, Map.of("epoch", "7"), path);
        Net loaded = new Net(3, 99);
        Map<String, String> metadata = Checkpoint.load(loaded, path);
        assertEquals(Map.of("epoch", "7"), metadata);
        for (String name : saved.stateDict().keySet()) {
            assertArrayEquals(saved.stateDict().get(name).toArray(), loaded.stateDict().get(name).toArray(), name);
        }
        assertEquals(List.of("scale", "hidden.weight", "hidden.bias"), List.copyOf(saved.stateDict().keySet()));
        assertEquals(List.of("hidden.bias", "hidden.weight", "scale"), List.copyOf(SafeTensors.read(path).keySet()));
        assertTrue(loaded.hidden.weight.requiresGrad());
    }

    @Test
    void loadRejectsMissingAndUnexpectedNamesWithoutChangingTheModule() throws IOException {
        Path path = dir.resolve("affine.safetensors");
        SafeTensors.write(Map.of("weight", Tensor.ones(2, 3), "extra", Tensor.ones(1)), path);
        Affine target = new Affine(2, 3, 5);
        double[] before = target.weight.toArray();
        var error = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(target, path));
        assertTrue(error.getMessage().contains("does not match Affine: missing [bias], unexpected [extra]"), error.getMessage());
        assertArrayEquals(before, target.weight.toArray());
    }

    @Test
    void loadRejectsShapeMismatches() throws IOException {
        Path path = dir.resolve("wide.safetensors");
        Checkpoint.save(new Affine(2, 4, 1), path);
        var error = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(new Affine(2, 3, 1), path));
        assertTrue(error.getMessage().contains("parameter weight has shape [2, 4] but the module expects [2, 3]"),
                error.getMessage());
    }

    @Test
    void aShapeMismatchChangesNoParameterEvenThoseThatMatch() throws IOException {
        Path path = dir.resolve("mixed.safetensors");
        SafeTensors.write(Map.of("weight", Tensor.ones(2, 4), "bias", Tensor.full(7, 3)), path);
        Affine target = new Affine(2, 3, 5);
        double[] bias = target.bias.toArray();
        var error = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(target, path));
        assertTrue(error.getMessage().startsWith("Checkpoint.load: " + path + " does not match Affine: parameter weight"),
                error.getMessage());
        assertArrayEquals(bias, target.bias.toArray());
    }

    @Test
    void loadOfACorruptFileThrowsTheFormatException() throws IOException {
        Path path = dir.resolve("corrupt.safetensors");
        Files.write(path, new byte[] {1, 2, 3});
        assertThrows(CheckpointFormatException.class, () -> Checkpoint.load(new Affine(2, 3, 1), path));
    }

    @Test
    void withTheOptimizerStateTrainingResumesBitForBit() throws IOException {
        Tensor x = Tensor.randn(new Random(5), 4, 2);
        Net uninterrupted = new Net(3, 9);
        Adam optimizer = new Adam(uninterrupted.parameters(), 0.05);
        for (int step = 0; step < 3; step++) step(uninterrupted, optimizer, x);
        Path file = dir.resolve("run.safetensors");
        Checkpoint.save(uninterrupted, optimizer, Map.of("step", "3"), file);
        for (int step = 0; step < 2; step++) step(uninterrupted, optimizer, x);

        Net resumed = new Net(3, 1);
        Adam fresh = new Adam(resumed.parameters(), 0.05);
        assertEquals(Map.of("step", "3"), Checkpoint.load(resumed, fresh, file));
        for (int step = 0; step < 2; step++) step(resumed, fresh, x);
        var expected = uninterrupted.stateDict();
        resumed.stateDict().forEach((name, p) -> assertArrayEquals(expected.get(name).toArray(), p.toArray(), 0.0, name));
        assertTrue(SafeTensors.read(file).containsKey("optimizer.0.exp_avg_sq"));
    }

    @Test
    void optimizerStateThatDoesNotFitChangesNeitherModuleNorOptimizer() throws IOException {
        Net saved = new Net(3, 9);
        Adam optimizer = new Adam(saved.parameters(), 0.05);
        step(saved, optimizer, Tensor.randn(new Random(5), 4, 2));
        Path file = dir.resolve("run.safetensors");
        Checkpoint.save(saved, optimizer, Map.of(), file);

        Net other = new Net(3, 1);
        double[] before = other.hidden.weight.toArray();
        SGD momentum = new SGD(other.parameters(), SGD.Options.of(0.1).withMomentum(0.9));
        var error = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(other, momentum, file));
        assertTrue(error.getMessage().startsWith("Checkpoint.load: the optimizer state in " + file + " does not fit: "),
                error.getMessage());
        assertArrayEquals(before, other.hidden.weight.toArray(), 0.0);
        assertTrue(momentum.stateDict().isEmpty());
    }

    @Test
    void aSubModuleCalledOptimizerIsRefusedRatherThanMixedUp() {
        Module holder = new Module() {
            { registerModule("optimizer", new Affine(2, 2, 0)); }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        };
        Adam adam = new Adam(holder.parameters(), 0.1);
        var error = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.save(holder, adam, Map.of(), dir.resolve("x.safetensors")));
        assertEquals("Checkpoint.save: parameter optimizer.weight collides with the optimizer's entries, stored under"
                + " 'optimizer.'; rename the sub-module 'optimizer'", error.getMessage());
    }

    private static void step(Net net, dev.chainrule.nn.optim.Optimizer optimizer, Tensor x) {
        optimizer.zeroGrad();
        net.forward(x).pow(2).mean().backward();
        optimizer.step();
    }
}
