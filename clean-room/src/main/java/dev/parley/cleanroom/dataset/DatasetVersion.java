package dev.parley.cleanroom.dataset;

import dev.parley.cleanroom.engine.ColumnDef;
import dev.parley.cleanroom.engine.TableRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable version of a partner dataset, as its registry row records it.
 *
 * @param partnerId the owning partner
 * @param dataset the dataset name
 * @param version the version number (1, 2, ...)
 * @param table the engine table holding the version's rows
 * @param schema the schema the version was uploaded with
 * @param digest the SHA-256 of the raw uploaded bytes, or for a multi-part upload the SHA-256 of
 *     its parts' SHA-256 digests concatenated in part order; 64 lowercase hex digits
 * @param rows the rows stored
 * @param rejected the invalid rows skipped
 * @param rejections the first (at most 100) rejections
 * @param uploadKey the upload's idempotency key, if it had one
 * @param uploadedAt when the version was committed
 * @param ledgerFrom the ledger size just before the version was committed: its {@code
 *     dataset.uploaded} entry, if any, is at this index or later
 * @param ledgerIndex the index of its {@code dataset.uploaded} entry, once that entry is durable
 */
public record DatasetVersion(
    String partnerId,
    String dataset,
    long version,
    TableRef table,
    DatasetSchema schema,
    String digest,
    long rows,
    long rejected,
    List<RowRejection> rejections,
    Optional<String> uploadKey,
    Instant uploadedAt,
    long ledgerFrom,
    Optional<Long> ledgerIndex) {
  /** Checks that the parts agree and copies the list. */
  public DatasetVersion {
    Objects.requireNonNull(partnerId, "partnerId");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(schema, "schema");
    if (!dataset.equals(schema.name()) || !partnerId.equals(table.partnerId())) {
      throw new IllegalArgumentException("dataset, schema and table must agree");
    }
    rejections = List.copyOf(rejections);
    Objects.requireNonNull(uploadKey, "uploadKey");
    Objects.requireNonNull(uploadedAt, "uploadedAt");
    Objects.requireNonNull(ledgerIndex, "ledgerIndex");
  }

  /**
   * Returns the columns of the version's engine table (besides the token).
   *
   * @return the dimensions, then the metrics
   */
  public List<ColumnDef> columns() {
    return schema.columnDefs();
  }

  /**
   * Returns whether the version's ledger entry is durable (only published versions are analysed).
   *
   * @return true once {@link #ledgerIndex()} is present
   */
  public boolean published() {
    return ledgerIndex.isPresent();
  }

  /** Returns this version with its ledger entry index recorded. */
  DatasetVersion withLedgerIndex(long index) {
    return new DatasetVersion(
        partnerId,
        dataset,
        version,
        table,
        schema,
        digest,
        rows,
        rejected,
        rejections,
        uploadKey,
        uploadedAt,
        ledgerFrom,
        Optional.of(index));
  }

  /**
   * Returns the upload result this version answers.
   *
   * @return the result
   * @throws IllegalStateException if the version is not yet on the ledger
   */
  public UploadResult toResult() {
    return new UploadResult(
        dataset,
        version,
        rows,
        rejected,
        rejections,
        digest,
        ledgerIndex.orElseThrow(() -> new IllegalStateException("version not yet on the ledger")));
  }
}
