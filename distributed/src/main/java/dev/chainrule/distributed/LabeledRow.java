package dev.chainrule.distributed;

import java.io.Serializable;

/** One checked row on its way into a block: its position in the input, its features and its class label. */
record LabeledRow(long inputRow, double[] features, int label) implements Serializable {}
