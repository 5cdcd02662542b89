package dev.parley.gateway.partner;

import dev.parley.cleanroom.dataset.CsvRows;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The rows of a partner's input file, read one at a time in bounded memory: CSV or CSV.gz (read
 * exactly as the server reads uploads, {@link CsvRows}) or Parquet ({@link ParquetRows}). Not
 * thread-safe.
 */
public interface SourceRows extends AutoCloseable {
  /**
   * Returns the column names, in file order.
   *
   * @return the header
   */
  List<String> header();

  /**
   * Moves to the next data row.
   *
   * @return false at the end of the file
   * @throws IOException if reading fails or the file is malformed
   */
  boolean next() throws IOException;

  /**
   * Returns the current row's values in header order ({@code ""} for a missing value).
   *
   * @return the values
   */
  List<String> values();

  /**
   * Returns how far through the file reading is.
   *
   * @return a fraction from 0 to 1
   */
  double progress();

  @Override
  void close() throws IOException;

  /**
   * Opens a file by its name: {@code .parquet} is Parquet, anything else CSV (gzip-compressed if it
   * starts with the gzip magic bytes).
   *
   * @param file the input file
   * @return its rows, positioned before the first data row
   * @throws IOException if the file cannot be opened or has no header
   */
  static SourceRows open(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".parquet") ? ParquetRows.open(file) : CsvSource.open(file);
  }

  /** CSV or CSV.gz rows; progress is the share of the file's bytes read. */
  final class CsvSource implements SourceRows {
    private final CsvRows csv;
    private final Counting counting;
    private final long size;
    private final List<String> header;

    private CsvSource(CsvRows csv, Counting counting, long size, List<String> header) {
      this.csv = csv;
      this.counting = counting;
      this.size = size;
      this.header = header;
    }

    static CsvSource open(Path file) throws IOException {
      long size = Files.size(file);
      Counting counting = new Counting(Files.newInputStream(file));
      CsvRows csv = CsvRows.open(counting);
      try {
        if (!csv.next()) {
          throw new IOException(file.getFileName() + ": empty file, expected a header row");
        }
        return new CsvSource(csv, counting, size, List.copyOf(csv.fields()));
      } catch (IOException | RuntimeException e) {
        csv.close();
        throw e;
      }
    }

    @Override
    public List<String> header() {
      return header;
    }

    @Override
    public boolean next() throws IOException {
      return csv.next();
    }

    @Override
    public List<String> values() {
      return csv.fields();
    }

    @Override
    public double progress() {
      return size == 0 ? 1 : Math.min(1.0, (double) counting.count / size);
    }

    @Override
    public void close() throws IOException {
      csv.close();
    }
  }

  /** Counts the bytes read through it. */
  final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
