package org.rnnmemory.config;

import java.util.Collection;

/** "Did you mean" hints by edit distance. */
final class Suggest {
    private Suggest() {}

    /** The problem text for an unknown key. */
    static String unknownKey(String key, Collection<String> allowed) {
        return "unknown key; " + alternatives(key, allowed);
    }

    /** {@code "did you mean 'x'?"} for a likely typo, else the list of allowed names. */
    static String alternatives(String key, Collection<String> allowed) {
        String best = closest(key, allowed);
        return best != null ? "did you mean '" + best + "'?" : "expected one of: " + String.join(", ", allowed);
    }

    /** {@code "; did you mean 'x'?"} when a close option exists, else the empty string. */
    static String hint(String value, Collection<String> allowed) {
        String best = closest(value, allowed);
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    /** The option nearest to {@code s}, if it is close enough to be a likely typo. */
    static String closest(String s, Collection<String> options) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String o : options) {
            int d = distance(Check.lower(s), Check.lower(o));
            if (d < bestDistance) {
                best = o;
                bestDistance = d;
            }
        }
        int tolerance = Math.max(2, Math.min(s.length(), best == null ? 0 : best.length()) / 3);
        return bestDistance <= tolerance ? best : null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
