package dev.parley.cleanroom.dataset;

import dev.parley.cleanroom.token.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The staging area of multi-part uploads: {@code <dir>/<partner>/<upload>/part-<n>}, one {@link
 * StagedPart} file per acknowledged part. {@link #stage} runs a part through validation and
 * tokenization ({@link Ingest}, with no limit on rejected rows: the upload's limit is applied at
 * completion) into its staging file, numbering rejections upload-wide.
 */
final class PartStaging {
  private static final Logger LOG = Logger.getLogger(PartStaging.class.getName());

  private final Path dir;
  private final Tokenizer tokenizer;
  private final int batchSize;

  PartStaging(Path dir, Tokenizer tokenizer, int batchSize) {
    this.dir = dir;
    this.tokenizer = tokenizer;
    this.batchSize = batchSize;
  }

  /** Returns the staging file of one part. */
  Path file(String partnerId, String uploadId, int part) {
    return dir.resolve(partnerId).resolve(uploadId).resolve(String.format("part-%05d", part));
  }

  /**
   * Validates, tokenizes and durably stages one part.
   *
   * @return the part's receipt and its staging file's row count and SHA-256
   * @throws DatasetUploadException if the header, CSV or gzip is malformed; nothing is staged
   * @throws IOException if reading or writing fails; nothing is staged
   */
  SessionRecords.StagedReceipt stage(UploadSession s, int part, long firstRow, InputStream body)
      throws IOException {
    long offset = firstRow - 1;
    UploadInput in = UploadInput.open(body);
    Ingest.Outcome outcome;
    StagedPart.Writer writer =
        new StagedPart.Writer(file(s.partnerId(), s.id(), part), s.schema().columnDefs());
    try (writer) {
      try {
        outcome =
            new Ingest(s.schema(), tokenizer, Long.MAX_VALUE, batchSize).run(in.reader(), writer);
      } catch (DatasetUploadException e) {
        throw new DatasetUploadException(
            "part " + part + ": " + e.summary(), shift(e.rejections(), offset), e.totalRejected());
      }
      writer.commit();
    }
    PartReceipt receipt =
        new PartReceipt(
            part,
            firstRow,
            outcome.rows(),
            outcome.rejected(),
            shift(outcome.rejections(), offset),
            HexFormat.of().formatHex(in.finishDigest()));
    return new SessionRecords.StagedReceipt(receipt, outcome.rows(), writer.sha256());
  }

  /** Moves data-row numbers (not the header's row 0) to upload-wide numbering. */
  static List<RowRejection> shift(List<RowRejection> rejections, long offset) {
    List<RowRejection> out = new ArrayList<>(rejections.size());
    for (RowRejection r : rejections) {
      out.add(r.row() == 0 ? r : new RowRejection(r.row() + offset, r.column(), r.reason()));
    }
    return out;
  }

  /** Deletes an upload's staging files (best effort: a leftover is deleted at the next start). */
  void delete(String partnerId, String uploadId) {
    Path folder = dir.resolve(partnerId).resolve(uploadId);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not delete the staging files of upload {0}", uploadId);
    }
  }
}
