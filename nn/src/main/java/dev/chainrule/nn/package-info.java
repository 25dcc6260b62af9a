/**
 * Neural-network building blocks on top of Chainrule's autograd, with PyTorch's names, defaults and
 * {@code state_dict} keys.
 *
 * <ul>
 *   <li>{@link dev.chainrule.nn.Module}: the base of every layer and network, with named parameters, buffers and
 *       sub-modules registered explicitly in the constructor, {@code parameters()}, {@code stateDict()},
 *       {@code train()}/{@code eval()}, a tree {@code toString()} and a torchinfo-style
 *       {@link dev.chainrule.nn.Module#summary(int...) summary} ({@link dev.chainrule.nn.ModuleSummary}).</li>
 *   <li>Containers: {@link dev.chainrule.nn.Sequential} (modules run in a chain),
 *       {@link dev.chainrule.nn.ModuleList} (by index) and {@link dev.chainrule.nn.ModuleDict} (by name), which
 *       their owner runs.</li>
 *   <li>Layers: {@link dev.chainrule.nn.Linear}, {@link dev.chainrule.nn.Dropout}, {@link dev.chainrule.nn.Flatten},
 *       {@link dev.chainrule.nn.Identity}, the activation modules ({@link dev.chainrule.nn.Sigmoid},
 *       {@link dev.chainrule.nn.Tanh}, {@link dev.chainrule.nn.ReLU}, {@link dev.chainrule.nn.Softmax},
 *       {@link dev.chainrule.nn.LogSoftmax}, every other one by name through {@link dev.chainrule.nn.Activations})
 *       and {@link dev.chainrule.nn.Lambda} for any function of one tensor.</li>
 *   <li>{@link dev.chainrule.nn.Functional}: the stateless functions each layer's {@code forward} calls, for
 *       custom architectures that want the function without the module.</li>
 * </ul>
 *
 * <p>The other layer families have their own packages ({@code conv}, {@code pool}, {@code norm},
 * {@code embedding}, {@code recurrent}, {@code transformer}), as do losses ({@code loss}), optimizers
 * ({@code optim}), initialisation ({@code init}), data ({@code data}), metrics ({@code metrics}), the training loop
 * ({@code train}), checkpoints ({@code io}) and diagnostics ({@code diagnostics}).
 *
 * <p>From outside this package, import {@code dev.chainrule.nn.Module} by name: a wildcard
 * {@code import dev.chainrule.nn.*;} makes {@code Module} ambiguous with {@code java.lang.Module}.
 */
package dev.chainrule.nn;
