package dev.parley.cleanroom.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the UID2 example files under {@code src/test/resources/identity/}. */
final class Uid2Vectors {
  private Uid2Vectors() {}

  /** Non-blank lines that do not start with '#', split at tabs. */
  static List<String[]> rows(String file) {
    try (InputStream in = Uid2Vectors.class.getResourceAsStream("/identity/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource /identity/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split("\t", -1))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
