package dev.parley.cleanroom.dataset;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Reads the records of a CSV or CSV.gz stream exactly as an upload is read (same gzip sniffing,
 * strict UTF-8, RFC 4180 parsing, blank lines skipped and not counted), for clients that prepare
 * uploads: their row numbers are the server's. Not thread-safe.
 */
public final class CsvRows implements AutoCloseable {
  private final InputStream source;
  private final CsvReader csv;

  private CsvRows(InputStream source, CsvReader csv) {
    this.source = source;
    this.csv = csv;
  }

  /**
   * Opens a stream, sniffing the gzip magic bytes.
   *
   * @param in CSV or gzip-compressed CSV; closed by {@link #close()}
   * @return the reader, before the header
   * @throws IOException if the stream cannot be read
   */
  public static CsvRows open(InputStream in) throws IOException {
    UploadInput input = UploadInput.open(in);
    return new CsvRows(in, new CsvReader(input.reader(), Ingest.MAX_RECORD_CHARS));
  }

  /**
   * Moves to the next non-blank record.
   *
   * @return false at the end of the input
   * @throws DatasetUploadException for malformed CSV, text that is not UTF-8 or a corrupt gzip
   *     stream, naming the row
   * @throws IOException if reading fails
   */
  public boolean next() throws IOException {
    try {
      return csv.next();
    } catch (CsvFormatException e) {
      throw new DatasetUploadException(
          "malformed CSV",
          List.of(
              new RowRejection(
                  e.record(), null, "field " + (e.field() + 1) + ": " + e.getMessage())),
          1);
    } catch (ZipException | EOFException e) {
      throw new DatasetUploadException(
          "corrupt gzip input: " + e.getMessage(),
          List.of(new RowRejection(Math.max(0, csv.recordNumber()), null, "corrupt gzip input")),
          1);
    }
  }

  /**
   * Returns the current record's fields.
   *
   * @return a new list of the fields, quotes removed
   */
  public List<String> fields() {
    List<String> out = new ArrayList<>(csv.fieldCount());
    for (int i = 0; i < csv.fieldCount(); i++) {
      out.add(csv.field(i));
    }
    return out;
  }

  /**
   * Returns the current record's number.
   *
   * @return 0 for the header, n for data row n
   */
  public long recordNumber() {
    return csv.recordNumber();
  }

  /** Wipes the reader's buffers and closes the stream. */
  @Override
  public void close() throws IOException {
    csv.wipe();
    source.close();
  }
}
