package dev.parley.cleanroom.dataset;

import dev.parley.cleanroom.engine.TableWriter;
import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.token.Tokenizer;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Streams one upload's records through validation, tokenization and a table writer in bounded
 * memory.
 *
 * <p>Rows are parsed into a {@link Batch} of {@code batchSize} rows; a full batch is tokenized with
 * one {@link Tokenizer#tokenize(List)} call (all cores), its hash buffer is zeroed, and its rows
 * are appended to the writer. Once more than {@code maxRejected} rows have been rejected nothing
 * more is tokenized or written, but the rest of the input is still validated so that the failure
 * reports the total number of rejected rows.
 */
final class Ingest {
  /** Rows per batch. */
  static final int DEFAULT_BATCH = 16_384;

  /** The longest CSV record accepted, in characters. */
  static final int MAX_RECORD_CHARS = 1 << 20;

  /** What a successful ingest produced. */
  record Outcome(long rows, long rejected, List<RowRejection> rejections) {}

  private final DatasetSchema schema;
  private final Tokenizer tokenizer;
  private final long maxRejected;
  private final int batchSize;

  Ingest(DatasetSchema schema, Tokenizer tokenizer, long maxRejected, int batchSize) {
    this.schema = schema;
    this.tokenizer = tokenizer;
    this.maxRejected = maxRejected;
    this.batchSize = batchSize;
  }

  /**
   * Runs the ingest; the caller commits the writer on success.
   *
   * @param reader the upload's characters
   * @param writer the version table's writer
   * @return the counts and the first rejections
   * @throws DatasetUploadException if the header, the CSV or too many rows are invalid
   * @throws IOException if reading fails
   */
  Outcome run(Reader reader, TableWriter writer) throws IOException {
    CsvReader csv = new CsvReader(reader, MAX_RECORD_CHARS);
    Batch batch = new Batch(batchSize);
    List<RowRejection> rejections = new ArrayList<>();
    long rejected = 0;
    long rows = 0;
    RowParser parser = null;
    List<String> header = List.of();
    try {
      if (!csv.next()) {
        throw new DatasetUploadException("empty input: expected a header row", List.of(), 0);
      }
      List<String> names = new ArrayList<>();
      for (int i = 0; i < csv.fieldCount(); i++) {
        names.add(csv.field(i));
      }
      header = names;
      parser = RowParser.forHeader(schema, header);
      while (csv.next()) {
        if (batch.full()) {
          rows += flush(batch, writer);
        }
        RowRejection problem = parser.parse(csv, csv.recordNumber(), batch);
        if (problem != null) {
          rejected++;
          if (rejections.size() < DatasetUploadException.MAX_LISTED) {
            rejections.add(problem);
          }
        }
        if (rejected > maxRejected) {
          batch.clear(); // keep validating, stop tokenizing
        }
      }
      if (rejected > maxRejected) {
        throw new DatasetUploadException(
            rejected + " rows rejected, more than maxRejected " + maxRejected,
            rejections,
            rejected);
      }
      rows += flush(batch, writer);
      return new Outcome(rows, rejected, rejections);
    } catch (CsvFormatException e) {
      String column = parser != null && e.field() < header.size() ? header.get(e.field()) : null;
      rejections.add(new RowRejection(e.record(), column, e.getMessage()));
      throw new DatasetUploadException("malformed CSV", rejections, rejected + 1);
    } catch (ZipException | EOFException e) {
      throw new DatasetUploadException(
          "corrupt gzip input: " + e.getMessage(),
          List.of(new RowRejection(Math.max(0, csv.recordNumber()), null, "corrupt gzip input")),
          rejected + 1);
    } finally {
      batch.clear();
      csv.wipe();
    }
  }

  /** Tokenizes the batch's hash rows on every core, appends all its rows, and clears it. */
  private long flush(Batch batch, TableWriter writer) {
    int n = batch.size;
    if (n == 0) {
      return 0;
    }
    List<IdentifierHash> hashes = new ArrayList<>(n);
    byte[] one = new byte[IdentifierText.HASH_LENGTH];
    try {
      for (int i = 0; i < n; i++) {
        if (batch.hashKinds[i] != null) {
          System.arraycopy(
              batch.hashes, i * IdentifierText.HASH_LENGTH, one, 0, IdentifierText.HASH_LENGTH);
          hashes.add(IdentifierHash.ofBytes(batch.hashKinds[i], one));
        }
      }
    } finally {
      Arrays.fill(one, (byte) 0);
    }
    List<byte[]> tokens = hashes.isEmpty() ? List.of() : tokenizer.tokenize(hashes);
    int next = 0;
    for (int i = 0; i < n; i++) {
      byte[] token = batch.hashKinds[i] != null ? tokens.get(next++) : batch.tokens[i];
      writer.append(token, batch.values[i]);
    }
    batch.clear();
    return n;
  }
}
