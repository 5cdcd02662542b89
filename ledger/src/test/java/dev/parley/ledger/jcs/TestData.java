package dev.parley.ledger.jcs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** Reads the vector files under {@code src/test/resources/jcs/}. */
final class TestData {
  private TestData() {}

  static byte[] bytes(String path) {
    try (InputStream in = TestData.class.getResourceAsStream("/jcs/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource /jcs/" + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  /** Non-blank lines that do not start with '#'. */
  static List<String> lines(String path) {
    return text(path).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }

  /** Bytes written as whitespace-separated hex pairs. */
  static byte[] hex(String path) {
    return HexFormat.of().parseHex(text(path).replaceAll("\\s+", ""));
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
