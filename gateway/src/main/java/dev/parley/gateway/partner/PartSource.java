package dev.parley.gateway.partner;

import dev.parley.cleanroom.dataset.RowRejection;
import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.gateway.partner.RowTransformer.NeedsToken;
import dev.parley.gateway.partner.RowTransformer.Ready;
import dev.parley.gateway.partner.RowTransformer.Rejected;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Builds the next part of an upload from the input: reads up to {@code partRows} input rows,
 * transforms each ({@link RowTransformer}), has the rows that need a token blinded in one go
 * ({@link Blinder}), and writes the part ({@link PartBuilder}). Rows rejected locally are counted
 * and the first 100 listed with their file row.
 */
final class PartSource {
  private PartSource() {}

  /** One built part: its bytes and row counts. */
  static final class Built {
    private final byte[] body;
    private final long sourceRows;
    private final long rows;
    private final long localRejected;

    Built(byte[] body, long sourceRows, long rows, long localRejected) {
      this.body = body;
      this.sourceRows = sourceRows;
      this.rows = rows;
      this.localRejected = localRejected;
    }

    byte[] body() {
      return body;
    }

    long sourceRows() {
      return sourceRows;
    }

    long rows() {
      return rows;
    }

    long localRejected() {
      return localRejected;
    }
  }

  static Built build(
      SourceRows rows,
      RowTransformer transformer,
      int partRows,
      long sourceRow,
      Blinder blinder,
      List<RowRejection> rejections)
      throws IOException, ApiException {
    List<List<String>> ready = new ArrayList<>();
    List<NeedsToken> pending = new ArrayList<>();
    List<Integer> pendingAt = new ArrayList<>();
    long read = 0;
    long rejected = 0;
    while (read < partRows && rows.next()) {
      read++;
      switch (transformer.transform(sourceRow + read, rows.values())) {
        case Ready r -> ready.add(r.fields());
        case NeedsToken t -> {
          pendingAt.add(ready.size());
          pending.add(t);
          ready.add(t.fields());
        }
        case Rejected x -> {
          rejected++;
          if (rejections.size() < 100) {
            RowRejection r = x.rejection();
            rejections.add(
                new RowRejection(r.row(), r.column(), "file row " + r.row() + ": " + r.reason()));
          }
        }
      }
    }
    if (!pending.isEmpty()) {
      List<IdentifierHash> hashes = new ArrayList<>(pending.size());
      pending.forEach(p -> hashes.add(p.hash()));
      List<byte[]> tokens = blinder.tokens(hashes);
      for (int i = 0; i < pending.size(); i++) {
        List<String> fields = new ArrayList<>(pending.get(i).fields());
        fields.set(
            pending.get(i).column(),
            Base64.getUrlEncoder().withoutPadding().encodeToString(tokens.get(i)));
        ready.set(pendingAt.get(i), fields);
      }
    }
    PartBuilder builder = new PartBuilder(transformer.header());
    ready.forEach(builder::add);
    return new Built(builder.finish(), read, ready.size(), rejected);
  }
}
