package dev.chainrule.autograd.internal.kernels;

/**
 * Matrix products {@code C = op(A)·op(B)} on row-major {@code double[]} with offsets, so a batch of matrices is
 * one array. {@code op(A)} is {@code [m, k]}: A is stored as {@code [m, k]}, or as {@code [k, m]} when
 * {@code transA}; likewise {@code op(B)} is {@code [k, n]}, stored as {@code [n, k]} when {@code transB}. The
 * transposed forms read the operand in place, so backward rules never copy a matrix to transpose it.
 *
 * <p>Large products copy blocks of the operands into packed panels (a tile's height of rows of A, its width of
 * columns of B, contiguous along k) and multiply them with a register-tiled kernel, which keeps its sums in registers and reads each
 * packed value once per panel pair; packing also absorbs the transposed layouts. The tile is 4×4 scalar sums,
 * or, when the JVM runs with {@code --add-modules jdk.incubator.vector}, 8 rows (AVX-512) or 4 by two SIMD vectors
 * ({@code VectorMatMul}, 5-8 times faster). Products of more than {@link #PARALLEL_FLOPS} multiply-adds
 * split their rows over {@link Parallel}'s kernel threads; small or thin ones use a plain loop on the calling
 * thread.
 */
public final class MatMulKernels {
    /** Multiply-adds below which a product stays on the calling thread: a hand-off costs more than it saves. */
    public static final long PARALLEL_FLOPS = 1L << 18;
    private static final long PACKED_FLOPS = 1L << 13;
    /** Values of B in one block of k below which its packing stays on the calling thread: a hand-off costs more. */
    private static final long PARALLEL_PACK = 1L << 16;
    private static final int TILE = 4;
    /** Below this inner dimension packing costs as much as the product (a gradient of a batch of one has k = 1). */
    private static final int MIN_PACKED_DEPTH = 8;
    /** Fewer rows than this run the textbook loop; more, even fewer than a tile's height, pack (partial tiles spill). */
    private static final int MIN_PACKED_ROWS = 4;
    /** Depth of a packed block: a B panel of K_BLOCK × NR stays in L1 while it meets every A panel of a block. */
    private static final int K_BLOCK = 256;
    /** Rows of A packed at a time: M_BLOCK × K_BLOCK doubles (128 KiB) stay in L2. */
    private static final int M_BLOCK = 64;
    /** At most this many rows of A, and at least this inner dimension, take {@link #rowDots} for A·Bᵀ. */
    private static final int DOT_ROWS = 64;
    private static final int DOT_DEPTH = 64;
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[3][0]);
    private static final TileKernel KERNEL = selectKernel();

    private MatMulKernels() {}

    /**
     * The register tile at the heart of a packed product: the seam where a faster implementation replaces the
     * scalar one. It adds a packed panel of A ({@code kc} steps of {@link #rows()} values) times a packed panel
     * of B ({@code kc} steps of {@link #cols()} values) into a {@code rows × cols} corner of C.
     */
    interface TileKernel {
        /** Rows of C per tile (MR). */
        int rows();

        /** Columns of C per tile (NR). */
        int cols();

        /** What this kernel is, for benchmark reports. */
        String description();

        /**
         * {@code C[cAt + r·n + j] += Σ_p pa[aAt + p·MR + r]·pb[bAt + p·bStride + j]} for {@code r < rows, j < cols}:
         * B's rows of the panel are {@code bStride} apart (NR when packed, n when read in place from a row-major B);
         * {@code spill} holds MR·NR values of scratch for partial tiles. Given a {@code row}, the tile sets
         * {@code C[cAt + r·n + j] = row[rowAt + j] + Σ_p …} instead, without reading C: for a C too large for the
         * caches, those reads stall the tile (a weight gradient into a fresh 4 MB array).
         */
        void tile(double[] pa, int aAt, double[] pb, int bAt, int bStride, int kc, double[] c, int cAt, int n,
                  int rows, int cols, double[] row, int rowAt, double[] spill);

        /**
         * {@link #tile} of a whole tile (MR rows) of a row-major A read in place: {@code pa[aAt + r·lda + p]} instead
         * of packed values. A separate method, so that the packed tile keeps its constant strides.
         */
        void tileInPlaceA(double[] a, int aAt, int lda, double[] pb, int bAt, int bStride, int kc, double[] c,
                          int cAt, int n, int cols, double[] spill);

        /** {@code Σ_p a[aAt + p]·b[bAt + p]} for {@code p < k}. */
        double dot(double[] a, int aAt, double[] b, int bAt, int k);

        /**
         * Adds the 4 × 4 block of dot products {@code Σ_p a[aAt + r·k + p]·b[bAt + c·k + p]} into
         * {@code c[cAt + r·n + c]}: four rows of A against four rows of B, both read in place. {@code sums} is
         * scratch for 16 vectors.
         */
        void dotBlock(double[] a, int aAt, double[] b, int bAt, int k, double[] c, int cAt, int n, double[] sums);
    }

    /**
     * Writes the first {@code rows × cols} values of a tile computed into {@code spill} (its rows {@code width}
     * apart) into C: added to C, or, given a {@code row}, added to that row (C = row + tile).
     */
    static void writeSpill(double[] spill, int width, double[] c, int cAt, int n, int rows, int cols, double[] row,
                           int rowAt) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int at = cAt + r * n + j;
                c[at] = (row == null ? c[at] : row[rowAt + j]) + spill[r * width + j];
            }
        }
    }

    /** Rows of A and of B in a block of {@link TileKernel#dotBlock}. */
    static final int DOT_BLOCK = 4;

    /**
     * The end of a {@link TileKernel#dotBlock}: each of the 16 sums is its {@code lanes} partial sums added in
     * lane order, then the products from {@code p} to k, then added into C.
     */
    static void addDotBlock(double[] a, int aAt, double[] b, int bAt, int k, int p, double[] c, int cAt, int n,
                            double[] sums, int lanes) {
        for (int r = 0; r < DOT_BLOCK; r++) {
            for (int col = 0; col < DOT_BLOCK; col++) {
                int at = (r * DOT_BLOCK + col) * lanes;
                double sum = 0;
                for (int lane = 0; lane < lanes; lane++) sum += sums[at + lane];
                for (int q = p; q < k; q++) sum += a[aAt + r * k + q] * b[bAt + col * k + q];
                c[cAt + r * n + col] += sum;
            }
        }
    }

    /**
     * The Vector API kernel when the JVM has {@code jdk.incubator.vector} and it is not switched off, else scalar.
     * Falling back without being asked to ({@code -Dchainrule.kernels=scalar}) logs one warning per JVM, since
     * it makes every matrix product several times slower.
     */
    private static TileKernel selectKernel() {
        if ("scalar".equals(System.getProperty("chainrule.kernels"))) return new ScalarTile();
        if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            warnScalarFallback("the JVM was started without --add-modules jdk.incubator.vector");
            return new ScalarTile();
        }
        try {
            return (TileKernel) Class.forName(MatMulKernels.class.getPackageName() + ".VectorMatMul")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            warnScalarFallback("the Vector API kernel failed to load (" + e + ")");
            return new ScalarTile();
        }
    }

    private static void warnScalarFallback(String reason) {
        System.getLogger("dev.chainrule.autograd").log(System.Logger.Level.WARNING,
                "Chainrule runs its scalar matrix kernel, 5-8x slower than the Vector API one, because " + reason
                        + ". Start java with --add-modules jdk.incubator.vector for full speed, or set "
                        + "-Dchainrule.kernels=scalar to choose the scalar kernel without this warning.");
    }

    /** Which matrix-multiply kernel is in use (the scalar tile, or the Vector API one). */
    public static String kernelDescription() {
        return KERNEL.description();
    }

    /** Whether the kernel in use is the Vector API one. */
    public static boolean isVectorApi() {
        return !(KERNEL instanceof ScalarTile);
    }

    /** Adds {@code op(A)·op(B)} into {@code C[cOff ..]}: {@code C += op(A)·op(B)}. */
    public static void matmul(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                              double[] c, int cOff, int m, int k, int n) {
        matmul(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n, true, null);
    }

    /**
     * {@link #matmul(double[], int, boolean, double[], int, boolean, double[], int, int, int, int)} on the calling
     * thread alone when {@code mayParallelize} is false: for callers that already split their work over the kernel
     * threads (one sample of a batch per thread), so that the product does not split it again.
     */
    public static void matmul(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                              double[] c, int cOff, int m, int k, int n, boolean mayParallelize) {
        matmul(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n, mayParallelize, null);
    }

    /**
     * Writes {@code op(A)·op(B)} into {@code C[cOff ..]}, whose m·n values must be zero (a fresh array): the bits
     * of {@link #matmul(double[], int, boolean, double[], int, boolean, double[], int, int, int, int)}, but a
     * packed product stores its first block of k instead of adding it to C's zeros, so a C too large for the
     * caches is written without being read back (a weight gradient of 500 × 1024 into a fresh array ran 4-7 %
     * faster). The other paths add into C's zeros as {@code matmul} does: for their sequential rows, storing
     * zeros first measured slower.
     */
    public static void matmulInto(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                                  double[] c, int cOff, int m, int k, int n) {
        double[] zeros = takesPackedPath(transA, transB, m, k, n) ? new double[n] : null;
        matmul(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n, true, zeros);
    }

    /**
     * Sets each row of {@code C[cOff ..]} to {@code row + op(A)·op(B)}, whatever C held: a linear layer's
     * {@code b + x·Wᵀ} with the bias added as the first block of k is stored, not in a pass of its own. The bits
     * are those of filling C's rows with {@code row} and adding the product.
     */
    public static void matmulOnto(double[] row, double[] a, int aOff, boolean transA, double[] b, int bOff,
                                  boolean transB, double[] c, int cOff, int m, int k, int n) {
        if (row.length < n) {
            throw new IllegalArgumentException("matmulOnto: a row of " + row.length + " values cannot start " + n
                    + " columns");
        }
        matmul(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n, true, row);
    }

    /**
     * The product with the kernel the shape calls for; {@code row}, when not null, is C's first value (C = row +
     * product, C not read), else C accumulates.
     */
    private static void matmul(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                               double[] c, int cOff, int m, int k, int n, boolean mayParallelize, double[] row) {
        long work = (long) m * n * k;
        boolean parallel = mayParallelize && work >= PARALLEL_FLOPS;
        if (takesPackedPath(transA, transB, m, k, n)) {
            packed(rowsOf(a, aOff, transA, m, k), panelsOf(b, bOff, transB, k, n), c, cOff, m, k, n,
                    parallel && m >= 2 * KERNEL.rows(), row);
        } else if (transB && !transA) {
            if (row != null) {
                for (int i = 0; i < m; i++) System.arraycopy(row, 0, c, cOff + i * n, n);
            }
            rowDots(a, aOff, b, bOff, c, cOff, m, k, n, parallel);
        } else {
            simple(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n, row, parallel);
        }
    }

    /** Whether the product takes the packed path: it {@link #packs}, and is not A·Bᵀ taken as rows of dots. */
    private static boolean takesPackedPath(boolean transA, boolean transB, int m, int k, int n) {
        return packs(m, k, n) && !(transB && !transA && dotsRowByRow(m, k, n));
    }

    /**
     * The textbook loop, for products too small or too thin to repay packing (a row times a matrix, an outer
     * product): row i of C accumulates op(A)[i, p]·op(B)[p, :], an axpy the JIT vectorizes. Given a {@code row},
     * each row of C starts as a copy of it, still in L1 when the axpys read it back. With {@code parallel}, the
     * rows split over the threads (a batch-1 weight gradient, 500 × 1024, is an outer product).
     */
    private static void simple(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                               double[] c, int cOff, int m, int k, int n, double[] row, boolean parallel) {
        if (parallel) {
            Parallel.forRange(m, (from, to) -> simple(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n, row,
                    from, to));
        } else {
            simple(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n, row, 0, m);
        }
    }

    /** {@link #simple} for the rows {@code [from, to)} of C. */
    private static void simple(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                               double[] c, int cOff, int m, int k, int n, double[] row, int from, int to) {
        for (int i = from; i < to; i++) {
            int cRow = cOff + i * n;
            if (row != null) System.arraycopy(row, 0, c, cRow, n);
            for (int p = 0; p < k; p++) {
                double aip = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                if (transB) {
                    for (int j = 0; j < n; j++) c[cRow + j] += aip * b[bOff + j * k + p];
                } else {
                    int bRow = bOff + p * n;
                    for (int j = 0; j < n; j++) c[cRow + j] += aip * b[bRow + j];
                }
            }
        }
    }

    /**
     * Whether {@code C += A·Bᵀ} runs as dot products of rows read in place ({@link #rowDots}) rather than packed:
     * for few rows of A (a linear layer's forward at a small batch, {@code x·Wᵀ}), where packing all of B, the
     * weight, would cost as much as the product, which uses each packed value only m times.
     */
    static boolean dotsRowByRow(int m, int k, int n) {
        return !packs(m, k, n) || (m <= DOT_ROWS && k >= DOT_DEPTH);
    }

    /**
     * {@code C += A·Bᵀ} with both read along their rows: {@code C[i, j]} is the dot product of row i of A and row j
     * of B (x·Wᵀ for a weight stored [out, in]); the axpy order of {@link #simple} would read B with a stride of k.
     * Blocks of 4 rows of B (in L1) meet every block of 4 rows of A (in L2) in {@link TileKernel#dotBlock}; the
     * rows left over take one dot product each. With {@code parallel}, the blocks of B split over the threads.
     */
    private static void rowDots(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                                boolean parallel) {
        int blocks = (n + DOT_BLOCK - 1) / DOT_BLOCK;
        if (parallel) {
            Parallel.forRange(blocks, (from, to) -> rowDots(a, aOff, b, bOff, c, cOff, m, k, n, from * DOT_BLOCK,
                    Math.min(n, to * DOT_BLOCK)));
        } else {
            rowDots(a, aOff, b, bOff, c, cOff, m, k, n, 0, n);
        }
    }

    /** {@link #rowDots} for the columns {@code [j0, j1)} of C (rows of B). */
    private static void rowDots(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                                int j0, int j1) {
        double[][] scratch = SCRATCH.get();
        int sumsLength = DOT_BLOCK * DOT_BLOCK * KERNEL.cols();     // at least 16 vectors: a tile is 2 or more wide
        if (scratch[2].length < sumsLength) scratch[2] = new double[sumsLength];
        double[] sums = scratch[2];
        int fullRows = m - m % DOT_BLOCK;
        int j = j0;
        for (; j + DOT_BLOCK <= j1; j += DOT_BLOCK) {
            for (int i = 0; i < fullRows; i += DOT_BLOCK) {
                KERNEL.dotBlock(a, aOff + i * k, b, bOff + j * k, k, c, cOff + i * n + j, n, sums);
            }
            for (int i = fullRows; i < m; i++) {
                for (int col = j; col < j + DOT_BLOCK; col++) {
                    c[cOff + i * n + col] += KERNEL.dot(a, aOff + i * k, b, bOff + col * k, k);
                }
            }
        }
        for (; j < j1; j++) {
            for (int i = 0; i < m; i++) c[cOff + i * n + j] += KERNEL.dot(a, aOff + i * k, b, bOff + j * k, k);
        }
    }

    /**
     * A product blocked as GotoBLAS does: for each block of k, the calling thread packs all of op(B) once as
     * panels of NR columns; then the rows of C, split over the pool when {@code parallel}, pack op(A) in blocks
     * of M_BLOCK rows as panels of MR rows, and each B panel (in L1) meets every A panel of a block (in L2) in
     * the register tile. Given a {@code row}, the first block of k sets C to it plus the block's product.
     */
    private static void packed(APacker a, BPacker b, double[] c, int cOff, int m, int k, int n, boolean parallel,
                               double[] row) {
        int mr = KERNEL.rows();
        int nr = KERNEL.cols();
        int panels = (n + nr - 1) / nr;
        double[][] scratch = SCRATCH.get();
        if (scratch[0].length < panels * nr * K_BLOCK) scratch[0] = new double[panels * nr * K_BLOCK];
        double[] packedB = scratch[0];
        int tiles = (m + mr - 1) / mr;
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            int kc = Math.min(K_BLOCK, k - p0);
            int start = p0;
            double[] first = p0 == 0 ? row : null;
            if (parallel && (long) kc * n >= PARALLEL_PACK && b instanceof ArrayPanels array) {
                Parallel.forRange(panels, (from, to) -> array.packPanels(start, kc, nr, packedB, from, to));
            } else {
                b.pack(p0, kc, nr, packedB);
            }
            Panels packedPanels = new Panels(packedB, 0, nr * kc, nr, null);
            if (parallel) {
                Parallel.forRange(tiles, (from, to) -> rows(a, packedPanels, c, cOff, m, n, start, kc, first,
                        from * mr, Math.min(m, to * mr)));
            } else {
                rows(a, packedPanels, c, cOff, m, n, start, kc, first, 0, m);
            }
        }
    }

    /**
     * Whether an {@code m × k} by {@code k × n} product should read B in place
     * ({@link #matmulInPlaceB}): it packs, and each B panel would meet at most two row tiles of A.
     */
    public static boolean prefersInPlaceB(int m, int k, int n) {
        return packs(m, k, n) && m <= 2 * KERNEL.rows() && n >= KERNEL.cols();
    }

    /**
     * Adds {@code op(A)·B} into {@code C[cOff ..]} reading the row-major {@code k × n} matrix B in place instead of
     * packing it (its last panel, when partial, is packed): for products whose B panels each meet few rows of A
     * (m of one or two tiles), where packing B would cost as much as the arithmetic it prepares. Runs on the calling
     * thread.
     */
    public static void matmulInPlaceB(APacker a, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        int nr = KERNEL.cols();
        int full = n / nr * nr;
        double[][] scratch = SCRATCH.get();
        if (scratch[0].length < nr * K_BLOCK) scratch[0] = new double[nr * K_BLOCK];
        double[] last = full < n ? scratch[0] : null;
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            int kc = Math.min(K_BLOCK, k - p0);
            if (last != null) {
                for (int p = 0; p < kc; p++) {
                    int row = bOff + (p0 + p) * n;
                    for (int jj = 0; jj < nr; jj++) last[p * nr + jj] = full + jj < n ? b[row + full + jj] : 0.0;
                }
            }
            rows(a, new Panels(b, bOff + p0 * n, nr, n, last), c, cOff, m, n, p0, kc, null, 0, m);
        }
    }

    /**
     * Whether an {@code m × k} by {@code k × n} product should read A in place ({@link #matmulInPlaceA}): it packs,
     * and C is one panel wide, so each tile of A's rows meets B once.
     */
    public static boolean prefersInPlaceA(int m, int k, int n) {
        return packs(m, k, n) && n <= KERNEL.cols();
    }

    /**
     * Adds {@code A·op(B)} into {@code C[cOff ..]} reading the row-major {@code m × k} matrix A in place instead of
     * packing it (a last, partial tile of rows is packed): for products one panel wide, where each packed tile of A
     * would be used once. Runs on the calling thread.
     */
    public static void matmulInPlaceA(double[] a, int aOff, BPacker b, double[] c, int cOff, int m, int k, int n) {
        int mr = KERNEL.rows();
        int nr = KERNEL.cols();
        int panels = (n + nr - 1) / nr;
        double[][] scratch = SCRATCH.get();
        if (scratch[0].length < panels * nr * K_BLOCK) scratch[0] = new double[panels * nr * K_BLOCK];
        if (scratch[1].length < mr * K_BLOCK) scratch[1] = new double[mr * K_BLOCK];
        if (scratch[2].length < mr * nr) scratch[2] = new double[mr * nr];
        double[] packedB = scratch[0];
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            int kc = Math.min(K_BLOCK, k - p0);
            b.pack(p0, kc, nr, packedB);
            for (int row = 0; row < m; row += mr) {
                int rows = Math.min(mr, m - row);
                boolean whole = rows == mr;
                if (!whole) packA(a, aOff, false, m, k, row, rows, p0, kc, mr, scratch[1], 0);
                for (int panel = 0; panel < panels; panel++) {
                    int j0 = panel * nr;
                    int cols = Math.min(nr, n - j0);
                    if (whole) {
                        KERNEL.tileInPlaceA(a, aOff + row * k + p0, k, packedB, panel * nr * kc, nr, kc, c,
                                cOff + row * n + j0, n, cols, scratch[2]);
                    } else {
                        KERNEL.tile(scratch[1], 0, packedB, panel * nr * kc, nr, kc, c, cOff + row * n + j0, n, rows,
                                cols, null, 0, scratch[2]);
                    }
                }
            }
        }
    }

    /**
     * Where the tile finds B's panels for one block of k: panel q at {@code base + q·step}, its rows {@code stride}
     * apart; the last panel in {@code partial} (rows NR apart) when that is not null and the panel is not whole.
     */
    private record Panels(double[] array, int base, int step, int stride, double[] partial) {}

    /**
     * Packs rows {@code [i0, i0 + rows)} by columns {@code [p0, p0 + kc)} of op(A) into {@code out} at {@code outOff}
     * as {@link #packA} lays them out: column p's {@code height} values together, rows past {@code rows} as 0.
     */
    @FunctionalInterface
    public interface APacker {
        void pack(int i0, int rows, int p0, int kc, int height, double[] out, int outOff);
    }

    /**
     * Packs rows {@code [p0, p0 + kc)} of op(B) into {@code out} as {@link #packB} lays them out: panels of
     * {@code width} columns, each contiguous along k, columns past n as 0.
     */
    @FunctionalInterface
    public interface BPacker {
        void pack(int p0, int kc, int width, double[] out);
    }

    /** op(A) of a row-major {@code a} (m × k, or k × m read transposed), as a packer. */
    public static APacker rowsOf(double[] a, int aOff, boolean transA, int m, int k) {
        return (i0, rows, p0, kc, height, out, outOff) -> packA(a, aOff, transA, m, k, i0, rows, p0, kc, height, out,
                outOff);
    }

    /** op(B) of a row-major {@code b} (k × n, or n × k read transposed), as a packer. */
    public static BPacker panelsOf(double[] b, int bOff, boolean transB, int k, int n) {
        return new ArrayPanels(b, bOff, transB, k, n);
    }

    /**
     * op(B) of an array, which can pack any range of its panels: a parallel product splits the packing of each
     * block of k over the kernel threads too, instead of making them wait while the calling thread packs.
     */
    private record ArrayPanels(double[] b, int bOff, boolean transB, int k, int n) implements BPacker {
        @Override
        public void pack(int p0, int kc, int width, double[] out) {
            packPanels(p0, kc, width, out, 0, (n + width - 1) / width);
        }

        void packPanels(int p0, int kc, int width, double[] out, int fromPanel, int toPanel) {
            packB(b, bOff, transB, k, n, p0, kc, width, out, fromPanel, toPanel);
        }
    }

    /**
     * Whether an {@code m × k} by {@code k × n} product takes the packed path, the one whose operands can come from
     * packers ({@link #matmul(APacker, BPacker, double[], int, int, int, int, boolean)}).
     */
    public static boolean packs(int m, int k, int n) {
        return (long) m * n * k >= PACKED_FLOPS && m >= MIN_PACKED_ROWS && k >= MIN_PACKED_DEPTH;
    }

    /**
     * Adds {@code op(A)·op(B)} into {@code C[cOff ..]} with operands that pack themselves, for operands that exist
     * only as a rule (a convolution's column matrix, packed straight from the image without being built). Only for
     * shapes that {@link #packs}.
     *
     * @throws IllegalArgumentException when the shape does not take the packed path
     */
    public static void matmul(APacker a, BPacker b, double[] c, int cOff, int m, int k, int n, boolean mayParallelize) {
        if (!packs(m, k, n)) {
            throw new IllegalArgumentException("matmul: packers need a product that packs, got m=" + m + ", k=" + k
                    + ", n=" + n);
        }
        packed(a, b, c, cOff, m, k, n, mayParallelize && (long) m * n * k >= PARALLEL_FLOPS && m >= 2 * KERNEL.rows(),
                null);
    }

    /**
     * Rows {@code [from, to)} of C for one block of k, against the packed op(B) of that block; given a row
     * {@code first}, C is set to it plus the product, without being read.
     */
    private static void rows(APacker a, Panels b, double[] c, int cOff, int m, int n, int p0, int kc,
                             double[] first, int from, int to) {
        int mr = KERNEL.rows();
        int nr = KERNEL.cols();
        int panels = (n + nr - 1) / nr;
        int blockTiles = (M_BLOCK + mr - 1) / mr;
        double[][] scratch = SCRATCH.get();
        if (scratch[1].length < blockTiles * mr * K_BLOCK) scratch[1] = new double[blockTiles * mr * K_BLOCK];
        if (scratch[2].length < mr * nr) scratch[2] = new double[mr * nr];
        double[] packedA = scratch[1];
        for (int i0 = from; i0 < to; i0 += blockTiles * mr) {
            int i1 = Math.min(to, i0 + blockTiles * mr);
            int tiles = (i1 - i0 + mr - 1) / mr;
            for (int t = 0; t < tiles; t++) {
                int row = i0 + t * mr;
                a.pack(row, Math.min(mr, i1 - row), p0, kc, mr, packedA, t * mr * kc);
            }
            for (int panel = 0; panel < panels; panel++) {
                int j0 = panel * nr;
                int cols = Math.min(nr, n - j0);
                boolean partial = b.partial() != null && cols < nr;
                double[] pb = partial ? b.partial() : b.array();
                int bAt = partial ? 0 : b.base() + panel * b.step();
                int stride = partial ? nr : b.stride();
                for (int t = 0; t < tiles; t++) {
                    int row = i0 + t * mr;
                    KERNEL.tile(packedA, t * mr * kc, pb, bAt, stride, kc, c, cOff + row * n + j0, n,
                            Math.min(mr, i1 - row), cols, first, j0, scratch[2]);
                }
            }
        }
    }

    /**
     * Packs panels {@code [fromPanel, toPanel)} of op(B)[p0 : p0+kc, :], panels of {@code width} columns, each
     * contiguous along k; missing columns are 0. A plain B is packed panel by panel, a row's {@code width} values
     * at a time, so that the writes stay sequential (a 256 × 1024 block packed in 0.10 ms instead of 0.16 when
     * each row was spread over all panels); a transposed one by {@link #interleaveRows}.
     */
    static void packB(double[] b, int bOff, boolean transB, int k, int n, int p0, int kc, int width, double[] out,
                      int fromPanel, int toPanel) {
        for (int panel = fromPanel; panel < toPanel; panel++) {
            if (transB) {
                interleaveRows(b, bOff, k, panel * width, Math.min(width, n - panel * width), p0, kc, width, out,
                        panel * width * kc);
                continue;
            }
            int j0 = panel * width;
            int cols = Math.min(width, n - j0);
            for (int p = 0; p < kc; p++) {
                int at = panel * width * kc + p * width;
                System.arraycopy(b, bOff + (p0 + p) * n + j0, out, at, cols);
                for (int jj = cols; jj < width; jj++) out[at + jj] = 0;
            }
        }
    }

    /**
     * Packs columns {@code [p0, p0 + kc)} of rows {@code [first, first + rows)} of a row-major matrix with rows
     * {@code k} apart, interleaved: row r's value p at {@code out[outOff + p·height + r]}, rows from {@code rows}
     * to {@code height} as 0. The layout of a panel of A, and of a panel of a transposed B. Eight rows are read
     * side by side, so that each step along k writes eight adjacent values, a whole cache line: a weight of
     * 500 × 1024 packed in 0.29 ms instead of 0.46 when every row went alone, each value to a different line.
     */
    private static void interleaveRows(double[] src, int srcOff, int k, int first, int rows, int p0, int kc,
                                       int height, double[] out, int outOff) {
        int r = 0;
        for (; r + 8 <= rows; r += 8) {
            int r0 = srcOff + (first + r) * k + p0;
            int r1 = r0 + k, r2 = r1 + k, r3 = r2 + k, r4 = r3 + k, r5 = r4 + k, r6 = r5 + k, r7 = r6 + k;
            for (int p = 0; p < kc; p++) {
                int at = outOff + p * height + r;
                out[at] = src[r0 + p];
                out[at + 1] = src[r1 + p];
                out[at + 2] = src[r2 + p];
                out[at + 3] = src[r3 + p];
                out[at + 4] = src[r4 + p];
                out[at + 5] = src[r5 + p];
                out[at + 6] = src[r6 + p];
                out[at + 7] = src[r7 + p];
            }
        }
        for (; r < height; r++) {
            int at = outOff + r;
            if (r >= rows) {
                for (int p = 0; p < kc; p++) out[at + p * height] = 0;
            } else {
                int row = srcOff + (first + r) * k + p0;
                for (int p = 0; p < kc; p++) out[at + p * height] = src[row + p];
            }
        }
    }

    /**
     * Packs op(A)[i0 : i0+rows, p0 : p0+kc] as {@code height} interleaved rows along k, from {@code outOff};
     * missing rows are 0. Both layouts are read along their rows.
     */
    static void packA(double[] a, int aOff, boolean transA, int m, int k, int i0, int rows, int p0, int kc,
                      int height, double[] out, int outOff) {
        if (transA) {
            for (int p = 0; p < kc; p++) {
                int row = aOff + (p0 + p) * m + i0;
                int at = outOff + p * height;
                for (int ii = 0; ii < rows; ii++) out[at + ii] = a[row + ii];
                for (int ii = rows; ii < height; ii++) out[at + ii] = 0;
            }
            return;
        }
        interleaveRows(a, aOff, k, i0, rows, p0, kc, height, out, outOff);
    }

    /** The portable tile: 4×4 scalar sums in registers. */
    private static final class ScalarTile implements TileKernel {
        @Override
        public int rows() {
            return TILE;
        }

        @Override
        public int cols() {
            return TILE;
        }

        /** Four partial sums, so that the adds do not wait on each other. */
        @Override
        public double dot(double[] a, int aAt, double[] b, int bAt, int k) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int p = 0;
            for (; p + 3 < k; p += 4) {
                s0 += a[aAt + p] * b[bAt + p];
                s1 += a[aAt + p + 1] * b[bAt + p + 1];
                s2 += a[aAt + p + 2] * b[bAt + p + 2];
                s3 += a[aAt + p + 3] * b[bAt + p + 3];
            }
            for (; p < k; p++) s0 += a[aAt + p] * b[bAt + p];
            return (s0 + s1) + (s2 + s3);
        }

        @Override
        public String description() {
            return "scalar, 4x4 tile";
        }

        @Override
        public void dotBlock(double[] a, int aAt, double[] b, int bAt, int k, double[] c, int cAt, int n,
                             double[] sums) {
            for (int r = 0; r < DOT_BLOCK; r++) {
                for (int col = 0; col < DOT_BLOCK; col++) {
                    c[cAt + r * n + col] += dot(a, aAt + r * k, b, bAt + col * k, k);
                }
            }
        }

        @Override
        public void tile(double[] pa, int aAt, double[] pb, int bAt, int bStride, int kc, double[] c, int cAt, int n,
                         int rows, int cols, double[] row, int rowAt, double[] spill) {
            double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
            double c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
            for (int p = 0; p < kc; p++) {
                int ai = aAt + p * TILE;
                int bi = bAt + p * bStride;
                double a0 = pa[ai], a1 = pa[ai + 1], a2 = pa[ai + 2], a3 = pa[ai + 3];
                double b0 = pb[bi], b1 = pb[bi + 1], b2 = pb[bi + 2], b3 = pb[bi + 3];
                c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
                c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            }
            if (rows == TILE && cols == TILE && row == null) {
                int r1 = cAt + n, r2 = r1 + n, r3 = r2 + n;
                c[cAt] += c00; c[cAt + 1] += c01; c[cAt + 2] += c02; c[cAt + 3] += c03;
                c[r1] += c10; c[r1 + 1] += c11; c[r1 + 2] += c12; c[r1 + 3] += c13;
                c[r2] += c20; c[r2 + 1] += c21; c[r2 + 2] += c22; c[r2 + 3] += c23;
                c[r3] += c30; c[r3 + 1] += c31; c[r3 + 2] += c32; c[r3 + 3] += c33;
                return;
            }
            spill[0] = c00; spill[1] = c01; spill[2] = c02; spill[3] = c03;
            spill[4] = c10; spill[5] = c11; spill[6] = c12; spill[7] = c13;
            spill[8] = c20; spill[9] = c21; spill[10] = c22; spill[11] = c23;
            spill[12] = c30; spill[13] = c31; spill[14] = c32; spill[15] = c33;
            writeSpill(spill, TILE, c, cAt, n, rows, cols, row, rowAt);
        }

        /**
         * Packs the tile's rows of A into a buffer and runs {@link #tile}: the scalar tile gains nothing from reading
         * A in place, and a second copy of its loop with variable strides would only be slower.
         */
        @Override
        public void tileInPlaceA(double[] a, int aAt, int lda, double[] pb, int bAt, int bStride, int kc, double[] c,
                                 int cAt, int n, int cols, double[] spill) {
            double[] packed = ROWS.get();
            if (packed.length < TILE * kc) ROWS.set(packed = new double[TILE * kc]);
            for (int p = 0; p < kc; p++) {
                for (int r = 0; r < TILE; r++) packed[p * TILE + r] = a[aAt + r * lda + p];
            }
            tile(packed, 0, pb, bAt, bStride, kc, c, cAt, n, TILE, cols, null, 0, spill);
        }

        private static final ThreadLocal<double[]> ROWS = ThreadLocal.withInitial(() -> new double[0]);
    }
}
