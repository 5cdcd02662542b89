package dev.parley.cleanroom.synth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A CSV file generated on demand as it is read: the header, then rows {@code 0 .. count-1}, each
 * produced only when the reader reaches it. Memory is bounded by one chunk (about 64 KiB), however
 * many rows the file has, so a generator can be piped straight into an upload. Not thread-safe.
 */
final class CsvStream extends InputStream {
  /** Writes one data row, with its line terminator. */
  @FunctionalInterface
  interface RowWriter {
    /**
     * Appends row {@code index}.
     *
     * @param index the 0-based data row
     * @param line where to append the row and its {@code \n}
     */
    void append(long index, StringBuilder line);
  }

  private static final int CHUNK_CHARS = 1 << 16;

  private final String header;
  private final long count;
  private final RowWriter rows;
  private final StringBuilder text = new StringBuilder(CHUNK_CHARS + 1024);
  private long next = -1; // -1: the header is next
  private byte[] chunk = new byte[0];
  private int position;

  /**
   * Creates the stream.
   *
   * @param header the header line, without its terminator
   * @param count the number of data rows, at least 0
   * @param rows writes each data row
   */
  CsvStream(String header, long count, RowWriter rows) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    this.header = Objects.requireNonNull(header, "header");
    this.count = count;
    this.rows = Objects.requireNonNull(rows, "rows");
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return chunk[position++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, chunk.length - position);
    System.arraycopy(chunk, position, b, off, n);
    position += n;
    return n;
  }

  /** Generates the next chunk if the current one is used up; false at the end of the file. */
  private boolean fill() {
    if (position < chunk.length) {
      return true;
    }
    if (next >= count) {
      return false;
    }
    text.setLength(0);
    if (next < 0) {
      text.append(header).append('\n');
      next = 0;
    }
    while (text.length() < CHUNK_CHARS && next < count) {
      rows.append(next++, text);
    }
    chunk = text.toString().getBytes(StandardCharsets.UTF_8);
    position = 0;
    return chunk.length > 0;
  }
}
