package org.lcnflow.core.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Suggestions for mistyped names: the known names closest in edit distance. */
public final class Names {

    private Names() {
    }

    /**
     * @param typed the unknown name
     * @param known the names that exist
     * @return the known names at the smallest edit distance, if that distance is at most a third of the
     *         longer name's length (at least 1); empty when nothing is close
     */
    public static List<String> closest(String typed, Collection<String> known) {
        String lower = typed.toLowerCase(Locale.ROOT);
        int best = Integer.MAX_VALUE;
        List<String> result = new ArrayList<>();
        for (String name : known) {
            int distance = distance(lower, name.toLowerCase(Locale.ROOT));
            int allowed = Math.max(1, Math.max(typed.length(), name.length()) / 3);
            if (distance > allowed) {
                continue;
            }
            if (distance < best) {
                best = distance;
                result.clear();
            }
            if (distance == best) {
                result.add(name);
            }
        }
        return result;
    }

    /**
     * @param a a string
     * @param b another
     * @return their edit distance counting insertions, deletions, substitutions and transpositions of
     *         adjacent characters (optimal string alignment), so {@code "cvs"} is 1 from {@code "csv"}
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
