package dev.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Linear;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The errors a user meets first: a save into a directory that is not there, a load of a file of another kind. */
class SaveAndLoadErrorsTest {
    @TempDir
    Path dir;

    @Test
    void savingIntoAMissingDirectoryNamesTheFileAndTheDirectory() {
        Path file = dir.resolve("runs").resolve("model.safetensors");
        var error = assertThrows(NoSuchFileException.class, () -> Checkpoint.save(new Linear(2, 2, new Random(0)), file));
        assertEquals(file + ": cannot write the file: its directory " + dir.resolve("runs") + " does not exist; "
                + "create it first, e.g. with Files.createDirectories", error.getMessage());
        assertEquals(file.toString(), error.getFile());
    }

    @Test
    void aMissingDirectorySeveralLevelsUpIsNamedToo() {
        Path file = dir.resolve("a").resolve("b").resolve("w.safetensors");
        var error = assertThrows(NoSuchFileException.class, () -> SafeTensors.write(Map.of("w", Tensor.ones(1)), file));
        assertEquals(file + ": cannot write the file: its directory " + dir.resolve("a").resolve("b")
                + " does not exist (nor does " + dir.resolve("a") + "); create it first, e.g. with "
                + "Files.createDirectories", error.getMessage());
    }

    @Test
    void savingBelowARegularFileSaysItIsNotADirectory() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("notes"), "text");
        Path file = notADirectory.resolve("model.safetensors");
        var error = assertThrows(FileSystemException.class, () -> SafeTensors.write(Map.of("w", Tensor.ones(1)), file));
        assertEquals(file + ": cannot write the file: " + notADirectory + " is not a directory", error.getMessage());
        assertEquals(List.of(notADirectory), list(dir));
    }

    @Test
    void aTextFileIsCalledNotASafetensorsFile() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.safetensors"), "hello, these are notes, not weights\n",
                StandardCharsets.UTF_8);
        var error = assertThrows(CheckpointFormatException.class,
                () -> Checkpoint.load(new Linear(2, 2, new Random(0)), file));
        assertEquals(file + ": not a safetensors file: its first 8 bytes give a header length of 8367736964726416744 "
                + "bytes, but only 28 bytes follow (another kind of file, or one cut short)", error.getMessage());
    }

    @Test
    void aFileWhoseHeaderIsNotAJsonObjectIsCalledNotASafetensorsFile() throws IOException {
        Path file = Files.write(dir.resolve("list.safetensors"), SafeTensorsFiles.file("[\"w\"]", 0));
        var error = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": not a safetensors file: its header starts with byte 0x5b, not '{'", error.getMessage());
    }

    @Test
    void aFileCutShortInsideItsHeaderSaysSo() throws IOException {
        Path file = dir.resolve("cut.safetensors");
        SafeTensors.write(Map.of("w", Tensor.ones(4)), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, 20));
        var error = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(file));
        assertFalse(error.getMessage().contains("exceeds the limit"), error.getMessage());
        assertEquals(file + ": not a safetensors file: its first 8 bytes give a header length of " + (bytes.length - 8 - 32)
                + " bytes, but only 12 bytes follow (another kind of file, or one cut short)", error.getMessage());
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
