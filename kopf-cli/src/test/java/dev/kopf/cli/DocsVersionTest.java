package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Kopf coordinates in the docs carry the version being built, so a copied snippet
 * resolves: Maven snippets, {@code dev.kopf:artifact:version} coordinates and jar names.
 */
class DocsVersionTest {

    private static final List<Pattern> VERSIONS = List.of(
            Pattern.compile("<artifactId>kopf-[a-z-]+</artifactId>\\s*<version>([^<]+)</version>"),
            Pattern.compile("dev\\.kopf:kopf-[a-z-]+:([^:\\s`]+)"),
            Pattern.compile("kopf-cli-(\\d[^\\s`]*?)-all\\.jar"),
            Pattern.compile("The Kopf version on this page is `([^`]+)`"));

    @Test
    void docsNameTheVersionBeingBuilt() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> pages = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        for (Path page : pages) {
            String text = Files.readString(page);
            for (Pattern pattern : VERSIONS) {
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    found.add(page.getFileName() + ": " + matcher.group(1));
                }
            }
        }

        assertThat(found).isNotEmpty().allSatisfy(entry ->
                assertThat(entry).endsWith(": " + KopfCommand.Version.version()));
    }
}
