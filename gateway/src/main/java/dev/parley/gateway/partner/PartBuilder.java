package dev.parley.gateway.partner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the bytes of one upload part: RFC 4180 CSV (the header row, then the rows; CRLF line
 * breaks; a field is quoted when it holds a comma, a double quote or a line break, and its quotes
 * are doubled), gzip-compressed. Java's gzip output is deterministic (no timestamp), so the same
 * rows always give the same bytes and the same SHA-256: re-sending a part after an interruption is
 * recognized by the server as the part it already has.
 */
final class PartBuilder {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Writer out;
  private long rows;

  PartBuilder(List<String> header) {
    try {
      out = new OutputStreamWriter(new GZIPOutputStream(bytes, 1 << 16), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writeRecord(header);
  }

  /** Appends one row. */
  void add(List<String> fields) {
    writeRecord(fields);
    rows++;
  }

  /** Returns the rows added. */
  long rows() {
    return rows;
  }

  /** Finishes the gzip stream and returns the part's bytes. */
  byte[] finish() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private void writeRecord(List<String> fields) {
    try {
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(quote(fields.get(i)));
      }
      out.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Quotes a field if RFC 4180 §2 requires it. */
  static String quote(String field) {
    boolean needs = false;
    for (int i = 0; i < field.length() && !needs; i++) {
      char c = field.charAt(i);
      needs = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }

  /** Returns the SHA-256 of bytes. */
  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
