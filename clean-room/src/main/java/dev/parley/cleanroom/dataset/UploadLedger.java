package dev.parley.cleanroom.dataset;

import dev.parley.ledger.entry.EntryFormatException;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.store.LedgerStore;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;

/** The ledger operations the dataset service needs; a seam for crash tests. */
interface UploadLedger {
  /** Returns the number of durable entries. */
  long size();

  /**
   * Finds a durable {@code dataset.uploaded} entry with exactly this body at index {@code from} or
   * later.
   */
  OptionalLong find(JsonObject body, long from) throws IOException;

  /** Appends a {@code dataset.uploaded} entry and waits until it is durable; returns its index. */
  long append(JsonObject body) throws IOException;

  /** Adapts a ledger store. */
  static UploadLedger of(LedgerStore store) {
    return new UploadLedger() {
      @Override
      public long size() {
        return store.latest().checkpoint().size();
      }

      @Override
      public OptionalLong find(JsonObject body, long from) throws IOException {
        long size = size();
        for (long i = Math.max(0, from); i < size; i++) {
          LedgerEntry entry;
          try {
            entry = LedgerEntry.decode(store.reader().entry(i));
          } catch (EntryFormatException e) {
            throw new IOException("ledger entry " + i + " is unreadable: " + e.getMessage(), e);
          }
          if (entry.type() == EntryType.DATASET_UPLOADED && entry.body().equals(body)) {
            return OptionalLong.of(i);
          }
        }
        return OptionalLong.empty();
      }

      @Override
      public long append(JsonObject body) throws IOException {
        try {
          return store.append(EntryType.DATASET_UPLOADED, body).get().index();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while appending dataset.uploaded", e);
        } catch (ExecutionException e) {
          throw new IOException(
              "ledger refused dataset.uploaded: " + e.getCause().getMessage(), e.getCause());
        } catch (RuntimeException e) {
          throw new IOException("ledger refused dataset.uploaded: " + e.getMessage(), e);
        }
      }
    };
  }
}
