package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.io.Checkpoint;
import dev.chainrule.nn.io.SafeTensors;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.SGD;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buffers: state in {@code stateDict()} and checkpoints, never in {@code parameters()} or an optimizer's hands. */
class ModuleBuffersTest {
    @TempDir
    Path dir;

    /**
     * Scales its input by a weight; in training mode it updates a running mean of its input (momentum 0.1) and a
     * count of batches in place, as BatchNorm does. The buffer is registered before the parameter on purpose.
     */
    static final class Tracker extends Module {
        final Tensor runningMean = registerBuffer("running_mean", Tensor.zeros(2));
        final Tensor weight = registerParameter("weight", Tensor.of(new double[] {1, 2}));
        final Tensor numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(0), true);

        @Override
        public Tensor forward(Tensor input) {
            if (isTraining()) {
                try (var off = Autograd.noGrad()) {
                    runningMean.mulInPlace(0.9).addInPlace(input.mean(0), 0.1);
                    numBatchesTracked.addInPlace(Tensor.scalar(1));
                }
            }
            return input.mul(weight);
        }
    }

    /** A child registered first, then a buffer, then a parameter: PyTorch's order puts them the other way. */
    static final class Net extends Module {
        final Tracker tracker = registerModule("tracker", new Tracker());
        final Tensor shift = registerBuffer("shift", Tensor.of(new double[] {0.25}));
        final Tensor bias = registerParameter("bias", Tensor.of(new double[] {0.5, -0.5}));

        @Override
        public Tensor forward(Tensor input) {
            return tracker.forward(input).add(bias).add(shift);
        }
    }

    private static final Tensor X = Tensor.of(new double[] {1, 2, 3, -4, 0.5, 6}, 3, 2);

    @Test
    void stateDictListsOwnParametersThenOwnBuffersThenChildrenAsPyTorch() {
        Net net = new Net();
        assertEquals(List.of("bias", "shift", "tracker.weight", "tracker.running_mean", "tracker.num_batches_tracked"),
                List.copyOf(net.stateDict().keySet()));
        assertEquals(List.of("shift", "tracker.running_mean", "tracker.num_batches_tracked"),
                List.copyOf(net.namedBuffers().keySet()));
        assertEquals(List.of("bias", "tracker.weight"), List.copyOf(net.namedParameters().keySet()));
        assertEquals(List.of("tracker.num_batches_tracked"), List.copyOf(net.integerBufferNames()));
        assertEquals(List.of(net.shift, net.tracker.runningMean, net.tracker.numBatchesTracked), net.buffers());
        assertSame(net.tracker.runningMean, net.stateDict().get("tracker.running_mean"), "the live tensor");
        assertEquals(4, net.numParameters(), "buffers are not parameters");
        for (Tensor buffer : net.buffers()) {
            assertFalse(buffer.requiresGrad());
            assertTrue(net.parameters().stream().noneMatch(p -> p == buffer));
        }
    }

    @Test
    void buffersShareTheNameSpaceAndRefuseTensorsThatRequireGrad() {
        var taken = assertThrows(IllegalArgumentException.class, () -> new Module() {
            { registerParameter("w", Tensor.ones(1)); registerBuffer("w", Tensor.ones(1)); }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        });
        assertTrue(taken.getMessage().startsWith("register: the name 'w' is already used in"), taken.getMessage());
        var trained = assertThrows(IllegalArgumentException.class, () -> new Module() {
            { registerBuffer("m", Tensor.ones(1).requiresGrad(true)); }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        });
        assertEquals("registerBuffer: buffer 'm' requires grad; a buffer is not trained: register a tensor that does "
                + "not require grad, or use registerParameter", trained.getMessage());
    }

    @Test
    void optimizerStepsLeaveTheBuffersAsTheForwardLeftThem() {
        for (boolean adam : new boolean[] {false, true}) {
            Net net = new Net();
            Optimizer optimizer = adam ? new Adam(net.parameters(), 0.1) : new SGD(net.parameters(), 0.1);
            optimizer.zeroGrad();
            net.forward(X).pow(2).sum().backward();
            double[] mean = net.tracker.runningMean.toArray();
            assertArrayEquals(new double[] {0.1 * 1.5, 0.1 * 4.0 / 3}, mean, 1e-15);
            assertEquals(1.0, net.tracker.numBatchesTracked.item());
            double[] weight = net.tracker.weight.toArray();
            optimizer.step();
            assertArrayEquals(mean, net.tracker.runningMean.toArray(), 0.0);
            assertEquals(1.0, net.tracker.numBatchesTracked.item());
            assertArrayEquals(new double[] {0.25}, net.shift.toArray(), 0.0);
            for (Tensor buffer : net.buffers()) assertNull(buffer.grad());
            assertNotEquals(weight[0], net.tracker.weight.toArray()[0], "the parameters did move");
        }
    }

    @Test
    void loadStateDictListsEveryProblemByNameAndLoadsNothing() {
        Net net = new Net();
        LinkedHashMap<String, Tensor> state = new LinkedHashMap<>();
        state.put("bias", Tensor.of(new double[] {7, 7}));
        state.put("shift", Tensor.zeros(3));
        state.put("tracker.weight", Tensor.zeros(1, 2));
        state.put("tracker.running_avg", Tensor.zeros(2));
        state.put("tracker.num_batches_tracked", Tensor.scalar(4));
        var error = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state));
        assertEquals("loadStateDict: missing [tracker.running_mean], unexpected [tracker.running_avg]; buffer shift has "
                + "shape [3] but the module expects [1]; parameter tracker.weight has shape [1, 2] but the module "
                + "expects [2]", error.getMessage());
        assertArrayEquals(new double[] {0.5, -0.5}, net.bias.toArray(), 0.0);
        assertEquals(0.0, net.tracker.numBatchesTracked.item());

        state.remove("tracker.running_avg");
        state.put("tracker.running_mean", Tensor.zeros(2));
        state.put("tracker.weight", Tensor.zeros(2));
        error = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state));
        assertEquals("loadStateDict: buffer shift has shape [3] but the module expects [1]", error.getMessage());
    }

    @Test
    void loadStateDictCopiesIntoTheLiveBuffers() {
        Net source = new Net();
        source.forward(X);
        source.forward(X);
        Net target = new Net();
        Tensor live = target.tracker.runningMean;
        target.loadStateDict(source.stateDict());
        assertSame(live, target.tracker.runningMean);
        assertArrayEquals(source.tracker.runningMean.toArray(), live.toArray(), 0.0);
        assertEquals(2.0, target.tracker.numBatchesTracked.item());
        assertFalse(live.requiresGrad());
    }

    @Test
    void checkpointsSaveBuffersWithIntegerOnesAsI64AndLoadThemBack() throws IOException {
        Net saved = new Net();
        Adam adam = new Adam(saved.parameters(), 0.05);
        for (int step = 0; step < 3; step++) {
            adam.zeroGrad();
            saved.forward(X).pow(2).mean().backward();
            adam.step();
        }
        Path file = dir.resolve("net.safetensors");
        Checkpoint.save(saved, adam, Map.of(), file);

        String header = header(Files.readAllBytes(file));
        assertTrue(header.startsWith("{\"tracker.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"),
                header);
        assertTrue(header.contains("\"tracker.running_mean\":{\"dtype\":\"F64\""), header);
        assertEquals(List.of("tracker.num_batches_tracked"), List.copyOf(SafeTensors.readContents(file).integerNames()));

        Net loaded = new Net();
        Adam fresh = new Adam(loaded.parameters(), 0.05);
        Checkpoint.load(loaded, fresh, file);
        assertEquals(3.0, loaded.tracker.numBatchesTracked.item());
        saved.stateDict().forEach((name, value) ->
                assertArrayEquals(value.toArray(), loaded.stateDict().get(name).toArray(), 0.0, name));

        saved.tracker.numBatchesTracked.fill(0.5);
        var error = assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(saved, file));
        assertEquals("SafeTensors.write: integer tensor 'tracker.num_batches_tracked' holds 0.5 at index 0; an I64 "
                + "tensor holds whole numbers in [-2^53, 2^53]", error.getMessage());
        assertEquals(3.0, SafeTensors.read(file).get("tracker.num_batches_tracked").item(), "the old file is whole");
    }

    @Test
    void checkpointLoadNamesMissingBuffers() throws IOException {
        Path file = dir.resolve("old.safetensors");
        SafeTensors.write(Map.of("bias", Tensor.zeros(2), "tracker.weight", Tensor.zeros(2)), file);
        var error = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(new Net(), file));
        assertEquals("Checkpoint.load: " + file + " does not match Net: missing [shift, tracker.running_mean, "
                + "tracker.num_batches_tracked], unexpected []", error.getMessage());
    }

    private static String header(byte[] file) {
        int length = (int) ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return new String(file, 8, length, StandardCharsets.UTF_8);
    }
}
