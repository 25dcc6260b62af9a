/**
 * Parameter initialisation: {@link dev.chainrule.nn.init.Init} fills a tensor in place with constants, uniform or
 * normal draws, Xavier/Glorot and Kaiming/He schemes (with PyTorch's gains and its fan-in and fan-out for weights
 * laid out {@code [out, in, ...]}), or PyTorch's default for a linear layer ({@code layerDefault}). Every draw comes
 * from the {@link java.util.Random} passed in, so the same seed gives bit-identical parameters.
 */
package dev.chainrule.nn.init;
