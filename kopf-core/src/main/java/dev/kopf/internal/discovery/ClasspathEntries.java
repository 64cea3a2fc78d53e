package dev.kopf.internal.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Turns the paths a user gives into class path entries: a folder is a class folder and,
 * like a {@code lib/} folder, also stands for the jars directly inside it. Used by the
 * operator's class loader and by the scan, so that both see the same classes.
 */
public final class ClasspathEntries {

    private ClasspathEntries() {
    }

    /**
     * Expands the paths: each folder is followed by the jars it holds, by name.
     *
     * @param paths jar files or folders, as given
     * @return the entries, each once
     */
    public static List<Path> expand(List<Path> paths) {
        List<Path> entries = new ArrayList<>();
        for (Path path : paths) {
            addOnce(entries, path);
            if (Files.isDirectory(path)) {
                jarsIn(path).forEach(jar -> addOnce(entries, jar));
            }
        }
        return entries;
    }

    /**
     * A class loader over the paths, expanded as {@link #expand(List)} does, whose parent
     * is the loader of Kopf's own classes.
     *
     * @param paths jars, class folders and folders of jars
     * @return the loader
     * @throws IllegalArgumentException for a path that is no usable URL
     */
    public static ClassLoader loader(List<Path> paths) {
        List<java.net.URL> urls = new java.util.ArrayList<>();
        for (Path path : expand(paths)) {
            try {
                urls.add(path.toAbsolutePath().toUri().toURL());
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException("Not a usable path: " + path, e);
            }
        }
        return new java.net.URLClassLoader(urls.toArray(java.net.URL[]::new),
                ClasspathEntries.class.getClassLoader());
    }

    static boolean isJar(Path path) {
        return Files.isRegularFile(path)
                && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    private static List<Path> jarsIn(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(ClasspathEntries::isJar).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void addOnce(List<Path> entries, Path path) {
        if (!entries.contains(path)) {
            entries.add(path);
        }
    }
}
