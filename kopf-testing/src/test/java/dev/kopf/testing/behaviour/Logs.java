package dev.kopf.testing.behaviour;

/** Counting in captured operator output. */
final class Logs {

    private Logs() {
    }

    static int count(String output, String text) {
        int count = 0;
        for (int at = output.indexOf(text); at >= 0; at = output.indexOf(text, at + 1)) {
            count++;
        }
        return count;
    }
}
