package dev.kopf.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test resources as file paths, for {@code --apply}. */
final class Resources {

    private Resources() {
    }

    static Path path(String name) {
        try {
            return Path.of(Resources.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    static String crd() {
        return path("kopfexample-crd.yaml").toString();
    }

    static String obj() {
        return path("kopfexample-obj.yaml").toString();
    }
}
