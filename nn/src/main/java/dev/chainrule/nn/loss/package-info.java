/**
 * Loss functions with PyTorch's formulas, as static methods of {@link dev.chainrule.nn.loss.Losses} built from
 * differentiable Tensor ops: cross-entropy (on logits, with class indices or class probabilities, class weights and
 * label smoothing), negative log-likelihood, binary cross-entropy (on probabilities or, more stably, on logits) and
 * mean squared error. Each takes a {@link dev.chainrule.nn.loss.Reduction}: {@code MEAN} (the default) and
 * {@code SUM} give a 0-d tensor ready for {@code backward()}, {@code NONE} one loss per sample. Cross-entropy goes
 * through a stable log-softmax, so logits of ±1000 give finite losses and gradients. Bad input (a class index out
 * of range, targets whose shape does not match) throws {@link java.lang.IllegalArgumentException} naming the loss
 * and the values.
 */
package dev.chainrule.nn.loss;
