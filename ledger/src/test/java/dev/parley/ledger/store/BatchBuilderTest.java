package dev.parley.ledger.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.ledger.entry.ChainHash;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.io.DurableFiles;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.layout.LogLayout;
import dev.parley.ledger.layout.TileState;
import dev.parley.ledger.merkle.MerkleHash;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sequencer's batch logic without I/O, against a one-pass model of the same log. */
class BatchBuilderTest {
  private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");

  @TempDir Path dir;

  @Test
  void build_batchesAcrossTileEdges_exactlyTheNewFilesAndTheOnePassRootAndChain() throws Exception {
    LedgerKeys keys = LedgerKeys.loadOrCreate(dir, "test.parley.local/ledger");
    Path log = dir.resolve("log");
    BatchBuilder builder =
        new BatchBuilder(log, keys, new TileState(), ChainHash.genesis(), List.of());
    List<byte[]> leaves = new ArrayList<>();
    byte[] chain = ChainHash.genesis();
    long size = 0;
    int entry = 0;
    for (int n : new int[] {1, 254, 1, 300, 255, 1, 512, 3, 1}) {
      List<QueuedAppend> batch = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] body = JsonObject.builder().put("text", "entry " + entry++).build().canonicalBytes();
        batch.add(
            new QueuedAppend(
                EntryType.LEDGER_NOTE,
                body,
                LedgerEntry.startLeafHash(body),
                new CompletableFuture<>()));
      }

      BatchBuilder.Built built = builder.build(batch, T);

      assertEquals(size, built.firstIndex());
      for (byte[] e : built.encoded()) {
        LedgerEntry decoded = LedgerEntry.decode(e);
        assertArrayEquals(chain, decoded.prev(), "prev of entry " + leaves.size());
        byte[] leaf = MerkleHash.leafHash(e);
        leaves.add(leaf);
        chain = ChainHash.next(chain, leaf);
      }
      long before = size;
      size += n;
      assertEquals(expectedFiles(before, size), written(log, built.files()), "files at " + size);
      assertEquals(size, built.published().checkpoint().size());
      assertArrayEquals(
          mth(leaves, 0, leaves.size()),
          built.published().checkpoint().rootHash(),
          "root at " + size);
      assertEquals(log.resolve(LogLayout.CHECKPOINT), built.checkpoint().path());
    }
  }

  /** The files a batch growing the log from {@code before} to {@code after} entries must write. */
  private static Set<String> expectedFiles(long before, long after) {
    Set<String> files = new TreeSet<>();
    for (long k = before / 256; k < after / 256; k++) {
      files.add(LogLayout.bundlePath(k, 0));
      files.add(LogLayout.tilePath(0, k, 0));
    }
    if (after % 256 != 0) {
      files.add(LogLayout.bundlePath(after / 256, (int) (after % 256)));
      files.add(LogLayout.tilePath(0, after / 256, (int) (after % 256)));
    }
    long tilesBefore = before / 256;
    long tilesAfter = after / 256;
    if (tilesAfter != tilesBefore && tilesAfter % 256 != 0) {
      files.add(LogLayout.tilePath(1, tilesAfter / 256, (int) (tilesAfter % 256)));
    }
    return files;
  }

  private static Set<String> written(Path log, List<DurableFiles.Write> writes) {
    Set<String> paths = new TreeSet<>();
    for (DurableFiles.Write w : writes) {
      paths.add(log.relativize(w.path()).toString());
    }
    return paths;
  }

  /** RFC 9162 §2.1.1 MTH, straight from the definition. */
  private static byte[] mth(List<byte[]> leaves, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return leaves.get(from);
    }
    int k = Integer.highestOneBit(n - 1);
    return MerkleHash.nodeHash(mth(leaves, from, from + k), mth(leaves, from + k, to));
  }
}
