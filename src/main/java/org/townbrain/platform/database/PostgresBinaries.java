package org.townbrain.platform.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/** Unpacks the PostgreSQL binaries shipped on the class path, once per version per machine. */
final class PostgresBinaries {

    static final String VERSION = "17";

    private PostgresBinaries() {
    }

    static Path extract() throws IOException {
        String system = system();
        String arch = ArchUtils.normalize(System.getProperty("os.arch"));
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "townbrain-pg" + VERSION + "-" + system.toLowerCase(Locale.ROOT) + "-" + arch + "-" + jarStamp());
        Path complete = target.resolve(".complete");
        if (Files.exists(complete)) {
            return target;
        }
        org.townbrain.platform.StartupProgress.step("unpacking PostgreSQL " + VERSION + " into " + target
                + " (once per machine)");
        Files.createDirectories(target);
        try (FileChannel channel = FileChannel.open(target.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                var ignored = channel.lock()) {
            if (Files.exists(complete)) {
                return target;
            }
            try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, arch)) {
                unpack(txz, target);
            }
            Files.createFile(complete);
        }
        return target;
    }

    /** A stamp that changes when the binaries on the class path change. */
    private static String jarStamp() {
        var location = DefaultPostgresBinaryResolver.class.getClassLoader().getResource("postgres-linux-x86_64.txz");
        return location == null ? "x" : Integer.toHexString(location.toString().hashCode());
    }

    private static String system() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return "Darwin";
        }
        if (os.contains("win")) {
            return "Windows";
        }
        return "Linux";
    }

    private static void unpack(InputStream txz, Path target) throws IOException {
        try (var tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(txz)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("Archive entry outside target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(file.getParent());
                    Files.deleteIfExists(file);
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
                    setMode(file, entry.getMode());
                }
            }
        }
    }

    private static void setMode(Path file, int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0100) != 0) {
            permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        try {
            Files.setPosixFilePermissions(file, permissions);
        } catch (UnsupportedOperationException | IOException e) {
            file.toFile().setExecutable((mode & 0100) != 0, false);
        }
    }
}
