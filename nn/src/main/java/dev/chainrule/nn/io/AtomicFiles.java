package dev.chainrule.nn.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a file's contents all at once or not at all.
 *
 * <p>Note [Atomic checkpoint writes]: the new contents go to a temporary file in the target's directory (same file
 * system, so the rename below cannot turn into a copy), are forced to disk, and the temporary file is renamed over
 * the target with {@code ATOMIC_MOVE}; where the file system cannot do that, a plain replacing move is used. A
 * crash before the rename leaves the old file untouched (and at worst a stray temporary file); after it, the new
 * file is complete. On failure the temporary file is deleted.
 *
 * <p>Note [Stale temporary files]: a temporary file is named {@code .<target name>.tmp-<pid>-<n>}, the id of the
 * process that writes it and a counter. A process killed mid-write (kill -9, a power cut) cannot delete its own, so
 * each write first deletes the temporary files of the same target whose process no longer runs
 * ({@code ProcessHandle.of(pid)} finds none). A file of a live process (this one included) is never touched; a
 * process id reused by an unrelated process only delays the cleanup. The check is about processes of this machine:
 * a directory shared with other machines (NFS) may hold another machine's live temporary file, so do not save to
 * the same target from several machines at once.
 */
final class AtomicFiles {
    private static final AtomicLong COUNTER = new AtomicLong();

    /** Writes the contents of a file through a channel. */
    @FunctionalInterface
    interface ContentWriter {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes {@code file} atomically with {@code writer}, after removing the stale temporary files of earlier writes
     * to it.
     *
     * @throws NoSuchFileException when the file's directory does not exist; the message names the file and the
     *                             directory
     * @throws IOException         when writing fails; the temporary file is removed
     */
    static void write(Path file, ContentWriter writer) throws IOException {
        Path target = file.toAbsolutePath();
        checkDirectory(file, target.getParent());
        removeStaleTemps(target);
        Path temp = createTemp(file, target);
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

    // Errors name the file the caller asked for and its directory, not the temporary file it never asked for.
    private static void checkDirectory(Path file, Path directory) throws IOException {
        if (directory == null || Files.isDirectory(directory)) return;
        if (Files.exists(directory)) {
            throw new FileSystemException(file.toString(), null, "cannot write the file: " + directory
                    + " is not a directory");
        }
        Path missing = directory;
        while (missing.getParent() != null && !Files.exists(missing.getParent())) missing = missing.getParent();
        throw new NoSuchFileException(file.toString(), null, "cannot write the file: its directory " + directory
                + " does not exist" + (missing.equals(directory) ? "" : " (nor does " + missing + ")")
                + "; create it first, e.g. with Files.createDirectories");
    }

    // See Note [Stale temporary files]. Best effort: a file that cannot be listed or deleted is left where it is.
    private static void removeStaleTemps(Path target) {
        Pattern ownTemps = Pattern.compile(Pattern.quote("." + target.getFileName() + ".tmp-") + "(\\d{1,18})-\\d+");
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(),
                sibling -> ownTemps.matcher(sibling.getFileName().toString()).matches())) {
            for (Path temp : siblings) {
                Matcher name = ownTemps.matcher(temp.getFileName().toString());
                if (!name.matches()) continue;
                long pid = Long.parseLong(name.group(1));
                if (pid != self && !isRunning(pid)) Files.deleteIfExists(temp);
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // The write itself does not depend on the cleanup.
        }
    }

    private static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    // A name unique in this process, created with CREATE_NEW (so never someone else's file) and the default
    // permissions of new files, which the target then keeps.
    private static Path createTemp(Path file, Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-";
        while (true) {
            Path temp = target.resolveSibling(prefix + COUNTER.incrementAndGet());
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                // Left by an earlier process with the same id: try the next name.
            } catch (NoSuchFileException e) {
                checkDirectory(file, target.getParent());        // removed since the first check: say so
                throw e;
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
