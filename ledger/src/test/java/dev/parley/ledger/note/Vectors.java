package dev.parley.ledger.note;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the vector files under {@code src/test/resources/note/} (sources in its README.md). */
final class Vectors {
  private Vectors() {}

  static byte[] bytes(String path) {
    try (InputStream in = Vectors.class.getResourceAsStream("/note/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource /note/" + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  /** A one-line key file without its newline. */
  static String key(String path) {
    return text(path).strip();
  }

  /** Non-blank lines that do not start with '#'. */
  static List<String> lines(String path) {
    return text(path).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }

  static NoteVerifierKey peter() {
    return NoteVerifierKey.parse(key("go-sumdb/PeterNeumann.vkey"));
  }

  static NoteVerifierKey enoch() {
    return NoteVerifierKey.parse(key("go-sumdb/EnochRoot.vkey"));
  }
}
