package dev.parley.cleanroom.dataset;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;

/**
 * A streaming RFC 4180 CSV reader that reuses one record buffer, so memory is bounded by the
 * longest record, not by the input.
 *
 * <p>RFC 4180 §2: fields are separated by commas and records by line breaks; "Fields containing
 * line breaks (CRLF), double quotes, and commas should be enclosed in double-quotes"; "If
 * double-quotes are used to enclose fields, then a double-quote appearing inside a field must be
 * escaped by preceding it with another double quote". Accepted beyond the RFC: LF or a lone CR as a
 * line break, a UTF-8 byte order mark before the header, blank lines (skipped, not counted) and a
 * missing final line break. Refused, as {@link CsvFormatException}: a double quote inside an
 * unquoted field, anything but a comma or line break after a closing quote, an unterminated quoted
 * field, a record longer than the limit, and input that is not UTF-8 (the caller's decoder reports
 * it).
 *
 * <p>Field {@code i} of the current record is {@code chars()[start(i) .. start(i) + length(i))}
 * with quotes already removed; the characters are overwritten by the next record.
 */
final class CsvReader {
  private static final int CHUNK = 1 << 16;

  private final Reader in;
  private final int maxRecordChars;
  private final char[] chunk = new char[CHUNK];
  private int chunkPos;
  private int chunkEnd;
  private boolean eof;
  private boolean atStart = true;

  private char[] record = new char[1024];
  private int recordLength;
  private int[] starts = new int[16];
  private int[] lengths = new int[16];
  private int fields;
  private long recordNumber = -1;

  /**
   * Creates a reader.
   *
   * @param in the characters (the caller buffers and decodes them)
   * @param maxRecordChars the longest record accepted, in characters
   */
  CsvReader(Reader in, int maxRecordChars) {
    this.in = in;
    this.maxRecordChars = maxRecordChars;
  }

  /**
   * Reads the next non-blank record.
   *
   * @return false at the end of the input
   * @throws CsvFormatException naming the record and field of malformed CSV
   * @throws IOException if reading fails
   */
  boolean next() throws IOException, CsvFormatException {
    while (true) {
      recordNumber++;
      int c = read();
      if (atStart) {
        atStart = false;
        if (c == '\uFEFF') {
          c = read();
        }
      }
      if (c < 0) {
        recordNumber--;
        return false;
      }
      if (c == '\n' || c == '\r') {
        if (c == '\r' && peek() == '\n') {
          read();
        }
        recordNumber--;
        continue;
      }
      readRecord(c);
      return true;
    }
  }

  /** Parses one record whose first character is {@code c} (not EOF, not a line break). */
  private void readRecord(int first) throws IOException, CsvFormatException {
    recordLength = 0;
    fields = 0;
    int c = first;
    while (true) {
      startField();
      if (c == '"') {
        while (true) {
          c = read();
          if (c < 0) {
            throw error("unterminated quoted field (missing closing double quote)");
          }
          if (c == '"') {
            if (peek() == '"') {
              read();
              put('"');
              continue;
            }
            c = read();
            if (c >= 0 && c != ',' && c != '\n' && c != '\r') {
              throw error(
                  "unexpected character after a closing double quote; a quote inside a quoted"
                      + " field must be doubled (\"\")");
            }
            break;
          }
          put((char) c);
        }
      } else {
        while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
          if (c == '"') {
            throw error("double quote inside an unquoted field; quote the whole field instead");
          }
          put((char) c);
          c = read();
        }
      }
      endField();
      if (c == ',') {
        c = read();
        continue;
      }
      if (c == '\r' && peek() == '\n') {
        read();
      }
      return;
    }
  }

  private void startField() {
    if (fields == starts.length) {
      starts = Arrays.copyOf(starts, fields * 2);
      lengths = Arrays.copyOf(lengths, fields * 2);
    }
    starts[fields] = recordLength;
  }

  private void endField() {
    lengths[fields] = recordLength - starts[fields];
    fields++;
  }

  private void put(char ch) throws CsvFormatException {
    if (recordLength == record.length) {
      if (recordLength >= maxRecordChars) {
        throw error("record longer than " + maxRecordChars + " characters");
      }
      record = Arrays.copyOf(record, Math.min(maxRecordChars, recordLength * 2));
    }
    record[recordLength++] = ch;
  }

  private CsvFormatException error(String reason) {
    return new CsvFormatException(recordNumber, fields, reason);
  }

  private int read() throws IOException, CsvFormatException {
    if (chunkPos == chunkEnd && !fill()) {
      return -1;
    }
    return chunk[chunkPos++];
  }

  private int peek() throws IOException, CsvFormatException {
    if (chunkPos == chunkEnd && !fill()) {
      return -1;
    }
    return chunk[chunkPos];
  }

  private boolean fill() throws IOException, CsvFormatException {
    if (eof) {
      return false;
    }
    int n;
    try {
      n = in.read(chunk, 0, CHUNK);
    } catch (CharacterCodingException e) {
      throw error("input is not valid UTF-8");
    }
    if (n < 0) {
      eof = true;
      return false;
    }
    chunkPos = 0;
    chunkEnd = n;
    return n > 0 || fill();
  }

  /** Returns the 0-based number of the current record: 0 for the header, n for data row n. */
  long recordNumber() {
    return recordNumber;
  }

  /** Returns the number of fields of the current record. */
  int fieldCount() {
    return fields;
  }

  /** Returns the buffer holding the current record's field characters. */
  char[] chars() {
    return record;
  }

  /** Returns where field {@code i} starts in {@link #chars()}. */
  int start(int i) {
    return starts[i];
  }

  /** Returns the length of field {@code i}. */
  int length(int i) {
    return lengths[i];
  }

  /** Returns field {@code i} as a string (never call this for identifier fields). */
  String field(int i) {
    return new String(record, starts[i], lengths[i]);
  }

  /** Overwrites the record buffer with zeros (it may have held identifier hashes). */
  void wipe() {
    Arrays.fill(record, '\0');
    Arrays.fill(chunk, '\0');
  }
}
