package dev.kopf.internal.structs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Blake2bTest {

    private static String hex(byte[] data, int size) {
        return HexFormat.of().formatHex(Blake2b.digest(data, size));
    }

    private static byte[] repeat(char c, int count) {
        return String.valueOf(c).repeat(count).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void matchesTheRfc7693AbcVector() {
        assertThat(hex("abc".getBytes(StandardCharsets.US_ASCII), 64)).isEqualTo(
                "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
    }

    // Expected values from Python 3.11: hashlib.blake2b(data, digest_size=4).hexdigest()
    @ParameterizedTest
    @CsvSource({
        "'', 1271cf25",
        "abc, 63906248",
        "create_fn, 0198c5b8",
        "kopf.zalando.org, bb8617fa",
    })
    void matchesPythonForFourByteDigests(String text, String expected) {
        assertThat(hex(text.getBytes(StandardCharsets.UTF_8), 4)).isEqualTo(expected);
    }

    @Test
    void handlesMultiBlockMessages() {
        assertThat(hex(repeat('x', 200), 4)).isEqualTo("01d7de14");
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat(hex(all, 4)).isEqualTo("0f2e5c3b");
    }

    @Test
    void handlesExactBlockBoundariesAndOtherSizes() {
        assertThat(hex(new byte[0], 64)).isEqualTo(
                "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
                + "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce");
        assertThat(hex(repeat('a', 128), 32))
                .isEqualTo("ae2aa48507885c4c950fb809b2076f959cde9f8ea6da260d9a3587df33dac450");
        assertThat(hex(repeat('a', 129), 20)).isEqualTo("eeff408d65ecf3235b2586586d331fea9014b8d8");
        assertThat(hex(repeat('a', 1000), 1)).isEqualTo("db");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65, -1})
    void rejectsImpossibleDigestSizes(int size) {
        assertThatThrownBy(() -> Blake2b.digest(new byte[0], size))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(size));
    }
}
