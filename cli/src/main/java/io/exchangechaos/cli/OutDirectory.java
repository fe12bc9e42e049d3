package io.exchangechaos.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where run directories go ({@code --out}), checked before anything starts: it must be a directory this user can
 * write, it must not be (or lie under) a directory of the operating system, and no symbolic link on the way to it may
 * belong to another user — a link another user planted ({@code /tmp/runs -> /etc}) would make a run, perhaps as root,
 * write its reports and {@code index.html} wherever that user chose. Links of this user (or of root) are followed.
 */
final class OutDirectory {
    /** Directories of the operating system, and the roots of others': never a place for run directories. */
    static final List<Path> SYSTEM = List.of("/", "/usr", "/var", "/root", "/home", "/opt", "/srv", "/mnt", "/media")
        .stream().map(Path::of).toList();
    /** Nothing under these is a place for run directories either ({@code /usr/local} and {@code /usr/src} are). */
    static final List<Path> SYSTEM_TREES = List.of("/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
        "/boot", "/dev", "/proc", "/sys", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/lib32", "/usr/lib64", "/usr/libexec",
        "/usr/share", "/usr/include").stream().map(Path::of).toList();

    private OutDirectory() {
    }

    /**
     * What is wrong with {@code out} as the root of run directories, one line with the fix, or empty when a run may
     * write there. Probes by writing: the directories it has to create for that, and its probe file, are removed again.
     */
    static Optional<String> problem(String given, Path out) {
        String fix = "pass a directory you can write, e.g. --out " + RunSettings.DEFAULT_OUT;
        if (Files.exists(out) && !Files.isDirectory(out)) {
            return Optional.of("--out [" + given + "]: is a file, not a directory; pass a directory, e.g. --out "
                + RunSettings.DEFAULT_OUT);
        }
        Optional<String> link = foreignLink(out);
        if (link.isPresent()) {
            return Optional.of("--out [" + given + "]: " + link.get() + "; a run would write wherever that link points. "
                + "Remove the link, or " + fix);
        }
        Path resolved = resolved(out);
        if (SYSTEM.contains(resolved) || SYSTEM_TREES.stream().anyMatch(resolved::startsWith)) {
            return Optional.of("--out [" + given + "]: " + (resolved.equals(out.toAbsolutePath().normalize())
                ? "is" : "resolves to [" + resolved + "], which is") + " a directory of the operating system, not a"
                + " place for run directories; " + fix);
        }
        return writable(out).map(why -> "--out [" + given + "]: cannot be written (" + why + "); " + fix);
    }

    /** {@code out} with every link followed, as far as it exists, and the rest as given. */
    static Path resolved(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }

    /** The first symbolic link on the way to {@code out} owned by neither this user nor root, described. */
    private static Optional<String> foreignLink(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        Path walked = abs.getRoot();
        UserPrincipal me;
        try {
            me = abs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        for (Path part : abs) {
            walked = walked.resolve(part);
            if (!Files.isSymbolicLink(walked)) {
                continue;
            }
            try {
                UserPrincipal owner = Files.getOwner(walked, LinkOption.NOFOLLOW_LINKS);
                if (!owner.equals(me) && !owner.getName().equals("root")) {
                    return Optional.of("[" + walked + "] is a symbolic link of user " + owner.getName() + ", not yours,"
                        + " to [" + Files.readSymbolicLink(walked) + "]");
                }
                // from here on, the link's target is the way
                walked = walked.toRealPath();
            } catch (IOException e) {
                return Optional.of("[" + walked + "] is a symbolic link that cannot be followed (" + e.getMessage() + ")");
            }
        }
        return Optional.empty();
    }

    /** Why nothing can be written under {@code out}, or empty: tried for real, and undone. */
    private static Optional<String> writable(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        List<Path> created = new ArrayList<>();
        Path missing = abs;
        while (missing != null && !Files.exists(missing, LinkOption.NOFOLLOW_LINKS)) {
            created.add(0, missing);
            missing = missing.getParent();
        }
        try {
            for (Path dir : created) {
                Files.createDirectory(dir);
            }
            Path probe = Files.createTempFile(abs, ".chaos-write-probe", "");
            Files.delete(probe);
            return Optional.empty();
        } catch (FileSystemException e) {
            return Optional.of((e.getReason() == null ? e.getClass().getSimpleName() : e.getReason())
                + " at " + e.getFile());
        } catch (IOException | SecurityException e) {
            return Optional.of(e.toString());
        } finally {
            for (int i = created.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(created.get(i));
                } catch (IOException e) {
                    // left as an empty directory: harmless
                }
            }
        }
    }
}
