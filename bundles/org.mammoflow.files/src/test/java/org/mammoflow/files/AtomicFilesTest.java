package org.mammoflow.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path folder;

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = AtomicFiles.writeString(folder.resolve("report.md"), "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(file));
        try (var listing = Files.list(folder)) {
            assertEquals(List.of(file), listing.toList(), "no .part file is left behind");
        }
    }

    @Test
    void aFolderAppearsWholeOrNotAtAll() throws IOException {
        Path libraries = folder.resolve("cache/2.5.1-cu124");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.createFolder(libraries, partial -> {
            Files.writeString(partial.resolve("libc10.so"), "first");
            throw new IOException("libtorch.so is not in the bundle");
        }));
        assertEquals("libtorch.so is not in the bundle", e.getMessage());
        try (var listing = Files.list(libraries.getParent())) {
            assertEquals(List.of(), listing.toList(), "neither the folder nor its partial copy is left");
        }

        AtomicFiles.createFolder(libraries, partial -> {
            Files.writeString(partial.resolve("libc10.so"), "first");
            Files.writeString(partial.resolve("libtorch.so"), "second");
        });
        assertEquals("second", Files.readString(libraries.resolve("libtorch.so")));
        assertTrue(Files.getPosixFilePermissions(libraries).contains(PosixFilePermission.OWNER_EXECUTE));

        // made meanwhile by another process: that copy is kept, and no partial copy is left
        AtomicFiles.createFolder(libraries, partial -> Files.writeString(partial.resolve("libtorch.so"), "other"));
        assertEquals("second", Files.readString(libraries.resolve("libtorch.so")));
        try (var listing = Files.list(libraries.getParent())) {
            assertEquals(List.of(libraries), listing.toList());
        }
    }

    @Test
    void filesGetAUsersPermissionsAndTheirFolder() throws IOException {
        Path file = AtomicFiles.writeString(folder.resolve("new/sub/a.txt"), "text");
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        assertTrue(permissions.contains(PosixFilePermission.OWNER_READ));
        assertTrue(permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ),
                "not the 0600 of a temporary file: " + permissions);
    }

    @Test
    void settingsRoundTripAndAMissingFileIsEmpty() throws IOException {
        Path file = folder.resolve("preprocessing.properties");
        assertEquals(Optional.empty(), AtomicFiles.readSettings(file));
        Map<String, String> settings = Map.of("height", "1152", "fit", "STRETCH", "note", "a = b: c");
        AtomicFiles.writeSettings(file, "how it was made", settings);
        assertEquals(Optional.of(settings), AtomicFiles.readSettings(file));
        assertTrue(Files.readString(file).startsWith("# how it was made\n"));
    }

    @Test
    void safeNamesKeepWhatFileSystemsTake() {
        assertEquals("Mass-Training_P_00001_LEFT_CC", SafeNames.of("Mass-Training_P_00001_LEFT_CC"));
        assertEquals("a_b_c.png", SafeNames.of("a/b c.png"));
        assertEquals("_..", SafeNames.of(".."));
        assertEquals("_", SafeNames.of(""));
    }
}
