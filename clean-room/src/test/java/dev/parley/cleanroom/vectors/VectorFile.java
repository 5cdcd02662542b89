package dev.parley.cleanroom.vectors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test vector file read from the classpath: sections of blocks of {@code key: value} lines.
 *
 * <p>Syntax: {@code #} starts a comment line; {@code [name]} starts a section; a block is a run of
 * {@code key: value} lines ended by a blank line. Keys are unique within a block.
 */
public final class VectorFile {
  private final String resource;
  private final Map<String, List<Block>> sections;

  private VectorFile(String resource, Map<String, List<Block>> sections) {
    this.resource = resource;
    this.sections = sections;
  }

  /** One block of a section: its 1-based starting line and its key/value pairs. */
  public record Block(String resource, int line, Map<String, String> values) {
    /** Returns the value of key, failing with the file and line when it is missing. */
    public String get(String key) {
      String v = values.get(key);
      if (v == null) {
        throw new IllegalStateException(resource + ":" + line + ": missing key '" + key + "'");
      }
      return v;
    }

    /** Returns the value of key decoded from hex. */
    public byte[] hex(String key) {
      return HexFormat.of().parseHex(get(key));
    }

    /** Returns the comma-separated hex values of key. */
    public List<byte[]> hexList(String key) {
      List<byte[]> out = new ArrayList<>();
      for (String part : get(key).split(",", -1)) {
        out.add(HexFormat.of().parseHex(part));
      }
      return out;
    }

    /** Tells whether key is present. */
    public boolean has(String key) {
      return values.containsKey(key);
    }

    @Override
    public String toString() {
      return resource + ":" + line;
    }
  }

  /** Loads a file from the test classpath, e.g. {@code /vectors/ristretto255-rfc9496.txt}. */
  public static VectorFile load(String resource) {
    String text;
    try (InputStream in = VectorFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parse(resource, text);
  }

  static VectorFile parse(String resource, String text) {
    Map<String, List<Block>> sections = new LinkedHashMap<>();
    String section = null;
    Map<String, String> current = null;
    int blockLine = 0;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i <= lines.length; i++) {
      String line = i < lines.length ? lines[i].strip() : "";
      int lineNo = i + 1;
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isEmpty() || line.startsWith("[")) {
        if (current != null) {
          sections.get(section).add(new Block(resource, blockLine, Map.copyOf(current)));
          current = null;
        }
        if (line.startsWith("[")) {
          if (!line.endsWith("]")) {
            throw new IllegalArgumentException(resource + ":" + lineNo + ": bad section header");
          }
          section = line.substring(1, line.length() - 1);
          sections.putIfAbsent(section, new ArrayList<>());
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || section == null) {
        throw new IllegalArgumentException(
            resource + ":" + lineNo + ": expected 'key: value' inside a section");
      }
      if (current == null) {
        current = new LinkedHashMap<>();
        blockLine = lineNo;
      }
      String key = line.substring(0, colon).strip();
      if (current.put(key, line.substring(colon + 1).strip()) != null) {
        throw new IllegalArgumentException(resource + ":" + lineNo + ": duplicate key " + key);
      }
    }
    return new VectorFile(resource, sections);
  }

  /** Returns the blocks of a section, failing when the section is absent or empty. */
  public List<Block> section(String name) {
    List<Block> blocks = sections.get(name);
    if (blocks == null || blocks.isEmpty()) {
      throw new IllegalStateException(resource + ": no section [" + name + "]");
    }
    return blocks;
  }
}
