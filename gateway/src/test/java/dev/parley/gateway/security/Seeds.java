package dev.parley.gateway.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The security tests' data files ({@code src/test/resources/dev/parley/gateway/security}). */
final class Seeds {
  private Seeds() {}

  /** The valid TC strings of {@code tc-seeds.tsv}, by name. */
  static Map<String, String> tcStrings() {
    try (InputStream in = Seeds.class.getResourceAsStream("tc-seeds.tsv")) {
      if (in == null) {
        throw new IOException("tc-seeds.tsv is missing from the test class path");
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        if (!line.isBlank() && !line.startsWith("#")) {
          int tab = line.indexOf('\t');
          out.put(line.substring(0, tab), line.substring(tab + 1).strip());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
