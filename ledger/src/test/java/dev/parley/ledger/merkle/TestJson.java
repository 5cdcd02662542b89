package dev.parley.ledger.merkle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON vector files into maps, lists, strings, booleans, {@link BigInteger}s and nulls
 * (integers stay exact: the vectors hold uint64 values).
 */
final class TestJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private TestJson() {}

  static Object resource(String name) {
    try (InputStream in = TestJson.class.getResourceAsStream("/merkle/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource /merkle/" + name);
      }
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Object file(Path path) {
    try {
      return parse(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Object parse(byte[] json) throws IOException {
    try (JsonParser p = FACTORY.createParser(json)) {
      p.nextToken();
      return value(p);
    }
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    return switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          m.put(name, value(p));
        }
        yield m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        yield l;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getBigIntegerValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      default -> throw new IOException("unexpected JSON token " + t);
    };
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o == null ? List.of() : (List<Object>) o;
  }

  /** A uint64 as Java reads it into a {@code long} (values above 2^63-1 wrap to negative). */
  static long uint64(Object o) {
    return ((BigInteger) o).longValue();
  }

  static byte[] hex(Object o) {
    return HexFormat.of().parseHex((String) o);
  }

  static byte[] base64(Object o) {
    return Base64.getDecoder().decode((String) o);
  }

  static List<byte[]> hexList(Object o) {
    return list(o).stream().map(TestJson::hex).toList();
  }

  static List<byte[]> base64List(Object o) {
    return list(o).stream().map(TestJson::base64).toList();
  }
}
