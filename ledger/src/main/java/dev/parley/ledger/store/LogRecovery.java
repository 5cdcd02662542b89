package dev.parley.ledger.store;

import dev.parley.ledger.audit.LogIntegrityException;
import dev.parley.ledger.audit.LogSource;
import dev.parley.ledger.audit.LogVerifier;
import dev.parley.ledger.checkpoint.Checkpoint;
import dev.parley.ledger.entry.ChainHash;
import dev.parley.ledger.io.DurableFiles;
import dev.parley.ledger.layout.LogLayout;
import dev.parley.ledger.layout.TileState;
import dev.parley.ledger.merkle.MerkleHash;
import dev.parley.ledger.store.LedgerStore.Published;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The ledger's start-up check: what {@link LedgerStore#open} finds in {@code <ledger>/log/} and
 * whether appends may continue.
 *
 * <p>Steps: (1) leftover {@code .tmp-*} files of an interrupted write are deleted; (2) with no
 * checkpoint and no tiles, a signed checkpoint of the empty tree is written; with tiles but no
 * checkpoint the store refuses appends (a deleted checkpoint must be restored, never guessed); (3)
 * the checkpoint's signature is verified and every tile and bundle it covers is re-checked with the
 * auditor's {@link LogVerifier} (hashes, chain, entry form), and any violation, naming its file and
 * index range, makes the store refuse appends until an operator acts; (4) tiles and bundles beyond
 * the checkpoint were written by a batch whose checkpoint never became durable, so none of their
 * entries was acknowledged: they are removed.
 */
final class LogRecovery {
  private static final Logger LOG = Logger.getLogger(LogRecovery.class.getName());

  private LogRecovery() {}

  /** What start-up found. */
  static final class Recovered {
    /** The durable signed checkpoint (or a placeholder of size 0 if there is none). */
    final Published latest;

    /** The tree state it covers. */
    final TileState tiles;

    /** The chain hash of its last entry. */
    final byte[] chain;

    /** The entries of its partial bundle. */
    final List<byte[]> bundle;

    /** Why appends are refused, or null if they may continue. */
    final String failure;

    Recovered(
        Published latest, TileState tiles, byte[] chain, List<byte[]> bundle, String failure) {
      this.latest = latest;
      this.tiles = tiles;
      this.chain = chain;
      this.bundle = bundle;
      this.failure = failure;
    }
  }

  /**
   * Checks the log directory against its last checkpoint.
   *
   * @param logDir {@code <ledger>/log}
   * @param keys the ledger's keys
   * @param origin the log's origin line
   * @return what was found
   * @throws IOException if the directory cannot be read or the first checkpoint written
   */
  static Recovered recover(Path logDir, LedgerKeys keys, String origin) throws IOException {
    removeTempFiles(logDir);
    Path checkpointFile = logDir.resolve(LogLayout.CHECKPOINT);
    TileState tiles = new TileState();
    byte[] chain = ChainHash.genesis();
    List<byte[]> bundle = List.of();
    String failure = null;
    Published latest;
    if (!Files.exists(checkpointFile)) {
      if (Files.isDirectory(logDir.resolve("tile"))) {
        failure =
            checkpointFile + ": missing, but tiles exist; restore the checkpoint from a backup";
        latest = new Published(new Checkpoint(origin, 0, MerkleHash.emptyRoot()), new byte[0]);
      } else {
        latest = keys.sign(0, MerkleHash.emptyRoot());
        DurableFiles.writeAll(
            List.of(DurableFiles.Write.publicFile(checkpointFile, latest.note())), null);
      }
    } else {
      byte[] note = Files.readAllBytes(checkpointFile);
      Checkpoint cp;
      try {
        cp = keys.open(note);
      } catch (IllegalArgumentException e) {
        cp = null;
        failure = checkpointFile + ": " + e.getMessage();
      }
      if (cp == null) {
        latest = new Published(new Checkpoint(origin, 0, MerkleHash.emptyRoot()), note);
      } else {
        latest = new Published(cp, note);
        try {
          LogVerifier.Result r = LogVerifier.verify(LogSource.directory(logDir), note, cp, null);
          tiles = r.tiles();
          chain = r.chainHead();
          bundle = r.partialBundle();
          removeUncommitted(logDir, cp.size());
        } catch (LogIntegrityException e) {
          failure = e.getMessage();
        }
      }
    }
    return new Recovered(latest, tiles, chain, bundle, failure);
  }

  private static void removeTempFiles(Path logDir) throws IOException {
    try (Stream<Path> all = Files.walk(logDir)) {
      for (Path p : all.filter(f -> f.getFileName().toString().startsWith(".tmp-")).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Removes tiles and bundles that cover entries beyond the checkpoint: they were written by a
   * batch whose checkpoint never became durable, so none of their entries was acknowledged.
   */
  private static void removeUncommitted(Path logDir, long size) throws IOException {
    Path tileDir = logDir.resolve("tile");
    if (!Files.isDirectory(tileDir)) {
      return;
    }
    List<Path> beyond = new ArrayList<>();
    try (Stream<Path> all = Files.walk(tileDir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        String rel = logDir.relativize(p).toString().replace('\\', '/');
        long end = TilePaths.coverageEnd(rel);
        if (end > size) {
          beyond.add(p);
        }
      }
    }
    if (!beyond.isEmpty()) {
      LOG.log(
          Level.INFO,
          "removing {0} unacknowledged tile files beyond the checkpoint",
          beyond.size());
      DurableFiles.deleteAll(beyond);
    }
  }
}
