package dev.chainrule.benchmarks;

import dev.chainrule.autograd.Pooling;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.conv.Conv2d;
import dev.chainrule.nn.init.Init;
import dev.chainrule.nn.norm.BatchNorm2d;
import java.util.Random;

/**
 * The {@code ConvBlock} of {@code torch_layers_reference.py}: conv3x3 (no bias), BatchNorm2d, ReLU, conv3x3,
 * BatchNorm2d, plus the input, ReLU, then global average pooling and a linear head of 10 classes.
 */
final class ResidualBlock extends Module {
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final Linear head;

    ResidualBlock(int channels, Random random) {
        Conv2d.Options conv = Conv2d.Options.of().withPadding(1).withBias(false);
        conv1 = registerModule("c1", new Conv2d(channels, channels, 3, conv, random));
        bn1 = registerModule("b1", new BatchNorm2d(channels));
        conv2 = registerModule("c2", new Conv2d(channels, channels, 3, conv, random));
        bn2 = registerModule("b2", new BatchNorm2d(channels));
        head = registerModule("head", new Linear(channels, 10, true, random));
        Init.layerDefault(head.weight(), head.bias(), random);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = bn1.forward(conv1.forward(x)).relu();
        y = bn2.forward(conv2.forward(y)).add(x).relu();
        return head.forward(Pooling.adaptiveAvgPool2d(y, 1).flatten(1, -1));
    }
}
