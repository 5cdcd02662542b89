package dev.parley.ledger.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the files under {@code src/test/resources/checkpoint/} (sources in its README.md). */
final class Vectors {
  private Vectors() {}

  static byte[] bytes(String path) {
    try (InputStream in = Vectors.class.getResourceAsStream("/checkpoint/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource /checkpoint/" + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  /**
   * The text of a signed note, split naively at its last blank line (for notes whose key is not
   * published, so {@code Note.open} cannot return it).
   */
  static String unverifiedText(String path) {
    String note = text(path);
    return note.substring(0, note.lastIndexOf("\n\n") + 1);
  }
}
