package dev.kopf.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds class folders holding chosen compiled classes, to pass as {@code kopf run} PATHs. */
final class ClassFolders {

    private ClassFolders() {
    }

    /**
     * Copies the class files of the given (top-level) classes into a folder, by package.
     *
     * @param folder the folder to fill
     * @param classes the classes
     * @return the folder
     */
    static Path of(Path folder, Class<?>... classes) {
        try {
            for (Class<?> type : classes) {
                String file = type.getName().replace('.', '/') + ".class";
                Path target = folder.resolve(file);
                Files.createDirectories(target.getParent());
                try (InputStream input = type.getClassLoader().getResourceAsStream(file)) {
                    Files.copy(input, target);
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
