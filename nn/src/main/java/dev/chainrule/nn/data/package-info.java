/**
 * Data for training: a {@link dev.chainrule.nn.data.Dataset} of features with class labels and/or target
 * tensors, a seeded {@link dev.chainrule.nn.data.DataLoader} that cuts it into {@link dev.chainrule.nn.data.Batch}es,
 * train/validation splits, {@link dev.chainrule.nn.data.Labels#oneHot(int[], int)} and a
 * {@link dev.chainrule.nn.data.Standardizer}. Every random choice takes a seed or a {@link java.util.Random}, so the
 * same seed gives the same batches. Bad arguments throw {@link java.lang.IllegalArgumentException} naming the method
 * and the values.
 */
package dev.chainrule.nn.data;
