package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code kopf-bom}, which {@code kopf init}'s pom imports, has Kopf's version and manages
 * every Kopf artifact that the build itself manages.
 */
class BomTest {

    private static final Pattern KOPF_ARTIFACT = Pattern.compile(
            "<groupId>dev\\.kopf</groupId>\\s*<artifactId>(kopf-[a-z-]+)</artifactId>");

    @Test
    void bomHasKopfsVersionThroughItsParent() throws IOException {
        String bom = Files.readString(Path.of("../kopf-bom/pom.xml"));

        assertThat(bom).containsPattern("<parent>\\s*<groupId>dev\\.kopf</groupId>\\s*"
                + "<artifactId>kopf-parent</artifactId>\\s*<version>"
                + Pattern.quote(KopfCommand.Version.version()) + "</version>");
        String own = bom.substring(bom.indexOf("</parent>"),
                bom.indexOf("<dependencyManagement>"));
        assertThat(own).as("kopf-bom's own coordinates").doesNotContain("<version>");
    }

    @Test
    void bomManagesEveryKopfArtifactTheBuildManages() throws IOException {
        String root = Files.readString(Path.of("../pom.xml"));
        String bom = Files.readString(Path.of("../kopf-bom/pom.xml"));
        String rootManaged = root.substring(root.indexOf("<dependencyManagement>"),
                root.indexOf("</dependencyManagement>"));

        assertThat(artifacts(bom)).as("add them to kopf-bom/pom.xml")
                .containsAll(artifacts(rootManaged))
                .contains("kopf-core", "kopf-testing", "kopf-cli");
    }

    private static Set<String> artifacts(String pom) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = KOPF_ARTIFACT.matcher(pom);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        found.remove("kopf-parent");
        return found;
    }
}
