package dev.chainrule.distributed;

/**
 * Training stopped because a block's loss or the combined gradient was NaN or infinite. The parameters were not
 * updated with it: a checkpoint or the last good step is intact. The message names the step, the block and, where
 * the loss gives one per row, the first such row, e.g. {@code DataParallelTrainer: the loss of block 2 is NaN at
 * step 5 (first at row 3 of the block, row 11 of the input); training stopped before applying it, so the parameters
 * are those after step 4. Lower the learning rate, or check that row}.
 */
public final class NonFiniteLossException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int step;
    private final int block;
    private final long inputRow;

    NonFiniteLossException(String message, int step, int block, long inputRow) {
        super(message);
        this.step = step;
        this.block = block;
        this.inputRow = inputRow;
    }

    /** The step (or round, in parameter averaging) that produced the value. */
    public int step() {
        return step;
    }

    /** The block that produced it, or -1 when only the combined gradient was not finite. */
    public int block() {
        return block;
    }

    /** The input row of the first non-finite per-row loss, or -1 when not known. */
    public long inputRow() {
        return inputRow;
    }
}
