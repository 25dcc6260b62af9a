package dev.chainrule.nn.io;

import dev.chainrule.autograd.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child process of {@link StaleTemporaryFilesTest}: saves a 4 MB tensor to the path in {@code args[0]} again and
 * again until it is killed, printing {@code saved} after the first save.
 */
final class SavingLoop {
    private SavingLoop() {}

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        Map<String, Tensor> tensors = Map.of("w", Tensor.zeros(512, 1024));
        SafeTensors.write(tensors, target);
        System.out.println("saved");
        System.out.flush();
        while (true) SafeTensors.write(tensors, target);
    }
}
