package dev.alknet.core.config.internal;

/** The tail of an unknown-key message: the closest known key, else the list of known keys. */
final class KeyHint {

    /** Typos worth pointing out: a letter or two dropped, doubled, swapped or mistyped. */
    private static final int MAX_DISTANCE = 2;

    private KeyHint() {
    }

    static String suggest(String unknown, String... known) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String candidate : known) {
            int d = distance(unknown, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best != null) {
            return "; did you mean '" + best + "'?";
        }
        return known.length == 0 ? "; this table takes no keys" : "; expected one of: " + String.join(", ", known);
    }

    // Levenshtein distance; config keys are short, so the quadratic table is cheap.
    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > MAX_DISTANCE) {
            return MAX_DISTANCE + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                row[j] = Math.min(substitute, Math.min(previous[j], row[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = row;
            row = swap;
        }
        return previous[b.length()];
    }
}
