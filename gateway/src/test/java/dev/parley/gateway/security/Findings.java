package dev.parley.gateway.security;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a fuzz run found, grouped by kind so that one bug does not hide another: each kind keeps a
 * count and its first reproducible case (seed, case number and input in base64).
 */
final class Findings {
  private final Map<String, String> first = new LinkedHashMap<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();

  /** Records one failing case. */
  void add(String kind, String where, byte[] input) {
    String key = kind.length() > 200 ? kind.substring(0, 200) : kind;
    counts.merge(key, 1, Integer::sum);
    first.putIfAbsent(key, where + " input (base64) " + Base64.getEncoder().encodeToString(input));
  }

  /** Fails listing every kind found, if any. */
  void assertNone() {
    if (first.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder("fuzzing found " + first.size() + " kind(s) of failure:");
    first.forEach(
        (kind, where) ->
            b.append("\n  ")
                .append(counts.get(kind))
                .append("x ")
                .append(kind)
                .append("; first: ")
                .append(where));
    fail(b.toString());
  }
}
