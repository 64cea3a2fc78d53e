package dev.kopf.internal.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamespacePatternsTest {

    @Test
    void globsAndExclusionsMatchWithTheRightmostWinning() {
        NamespacePatterns patterns = new NamespacePatterns(List.of("team-*,!team-legacy"));

        assertThat(patterns.isLiteral()).isFalse();
        assertThat(patterns.matches("team-a")).isTrue();
        assertThat(patterns.matches("team-legacy")).isFalse();
        assertThat(patterns.matches("other")).isFalse();
    }

    @Test
    void theFallbackWithoutListingKeepsOnlyThePlainNames() {
        NamespacePatterns patterns = new NamespacePatterns(List.of("ops", "team-*,!team-b",
                "dev?"));

        assertThat(patterns.specific()).containsExactly("ops");
    }

    @Test
    void plainNamesNeedNoListing() {
        NamespacePatterns patterns = new NamespacePatterns(List.of("a,b", "c"));

        assertThat(patterns.isLiteral()).isTrue();
        assertThat(patterns.literals()).containsExactly("a", "b", "c");
    }
}
