package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.conv.Conv2d;
import dev.chainrule.nn.norm.BatchNorm2d;
import java.util.Random;

/**
 * ResNet's basic block, {@code y = relu(bn2(conv2(relu(bn1(conv1(x))))) + x)}: 3×3 convolutions without bias and
 * with padding 1, so {@code y} has the shape {@code [N, C, H, W]} of {@code x} and the skip can add it.
 */
final class ResidualBlock extends Module {
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;

    ResidualBlock(int channels, Random random) {
        var conv3x3 = Conv2d.Options.of().withPadding(1).withBias(false);
        conv1 = registerModule("conv1", new Conv2d(channels, channels, 3, conv3x3, random));
        bn1 = registerModule("bn1", new BatchNorm2d(channels));
        conv2 = registerModule("conv2", new Conv2d(channels, channels, 3, conv3x3, random));
        bn2 = registerModule("bn2", new BatchNorm2d(channels));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = bn1.forward(conv1.forward(x)).relu();
        return bn2.forward(conv2.forward(y)).add(x).relu();
    }
}
