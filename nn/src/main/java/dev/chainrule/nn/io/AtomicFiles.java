package dev.chainrule.nn.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replaces a file's contents all at once or not at all.
 *
 * <p>Note [Atomic checkpoint writes]: the new contents go to a temporary file in the target's directory (same file
 * system, so the rename below cannot turn into a copy), are forced to disk, and the temporary file is renamed over
 * the target with {@code ATOMIC_MOVE}; where the file system cannot do that, a plain replacing move is used. A
 * crash before the rename leaves the old file untouched (and at worst a stray {@code .tmp} file); after it, the new
 * file is complete. On failure the temporary file is deleted.
 */
final class AtomicFiles {
    private static final AtomicLong COUNTER = new AtomicLong();

    /** Writes the contents of a file through a channel. */
    @FunctionalInterface
    interface ContentWriter {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {}

    static void write(Path file, ContentWriter writer) throws IOException {
        Path target = file.toAbsolutePath();
        Path temp = createTemp(target);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                writer.writeTo(channel);
                channel.force(true);
            }
            move(temp, target);
        } catch (IOException | RuntimeException | Error e) {
            deleteAfterFailure(temp, e);
            throw e;
        }
        syncDirectory(target.getParent());
    }

    // A name unique in this process, created with CREATE_NEW (so never someone else's file) and the default
    // permissions of new files, which the target then keeps.
    private static Path createTemp(Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-";
        while (true) {
            Path temp = target.resolveSibling(prefix + COUNTER.incrementAndGet());
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                // Left by an earlier process with the same id: try the next name.
            }
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteAfterFailure(Path temp, Throwable failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    // Makes the rename itself durable on POSIX systems; other systems cannot open a directory and need no such step.
    private static void syncDirectory(Path directory) {
        if (directory == null) return;
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the file itself is already on disk.
        }
    }
}
