package dev.parley.ledger.audit;

import dev.parley.ledger.checkpoint.Checkpoint;
import dev.parley.ledger.checkpoint.SignedCheckpoint;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.layout.LogLayout;
import dev.parley.ledger.layout.TileState;
import dev.parley.ledger.merkle.HashReader;
import dev.parley.ledger.merkle.MerkleProofs;
import dev.parley.ledger.note.NoteVerifierKey;
import dev.parley.ledger.receipt.Receipt;
import dev.parley.ledger.tiles.TileHashReader;
import dev.parley.ledger.tiles.TilePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Map;

/** The auditor's entry points: verify a whole log, or build a receipt for one entry from tiles. */
public final class LogAudit {
  private LogAudit() {}

  /** The outcome of a successful verification. */
  @SuppressWarnings("ArrayRecordComponent") // a result carrier, never compared or hashed
  public record Report(
      Checkpoint checkpoint, byte[] checkpointNote, Map<EntryType, Long> countsByType) {}

  /**
   * Reads the checkpoint, checks its signature, then verifies the whole log ({@link LogVerifier}).
   *
   * @param source the log
   * @param key the log's verifier key
   * @param trustedNote a previously verified checkpoint note (from {@code --state}), or null
   * @return the report
   * @throws LogIntegrityException on the first violation
   * @throws IOException if the log cannot be read
   */
  public static Report verify(LogSource source, NoteVerifierKey key, byte[] trustedNote)
      throws LogIntegrityException, IOException {
    byte[] note = readCheckpoint(source);
    Checkpoint cp = open(source, note, key, "checkpoint");
    Checkpoint trusted =
        trustedNote == null
            ? null
            : open(source, trustedNote, key, "remembered checkpoint (--state)");
    LogVerifier.Result r = LogVerifier.verify(source, note, cp, trusted);
    return new Report(cp, note, r.countsByType());
  }

  /**
   * Builds a receipt for one entry from the log's tiles, after checking the checkpoint signature.
   *
   * @param source the log
   * @param key the verifier key
   * @param index the entry index
   * @return the receipt (entry, inclusion proof, checkpoint)
   * @throws LogIntegrityException if the checkpoint does not verify or a tile is missing
   * @throws IOException if the log cannot be read
   */
  public static Receipt receipt(LogSource source, NoteVerifierKey key, long index)
      throws LogIntegrityException, IOException {
    byte[] note = readCheckpoint(source);
    Checkpoint cp = open(source, note, key, "checkpoint");
    long size = cp.size();
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("index: must be 0-" + (size - 1) + ", got " + index);
    }
    long bundleIndex = index / TileState.WIDTH;
    int width = (int) Math.min(TileState.WIDTH, size - bundleIndex * TileState.WIDTH);
    String bundlePath = LogLayout.bundlePath(bundleIndex, width == TileState.WIDTH ? 0 : width);
    byte[] entry =
        LogLayout.decodeBundle(read(source, bundlePath)).get((int) (index % TileState.WIDTH));
    HashReader hashes =
        new TileHashReader(
            size,
            tile -> {
              try {
                return read(source, TilePath.format(tile));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try {
      return new Receipt(index, entry, MerkleProofs.inclusion(index, size, hashes), note);
    } catch (UncheckedIOException e) {
      throw new LogIntegrityException(source.describe(bundlePath), e.getCause().getMessage());
    }
  }

  private static byte[] readCheckpoint(LogSource source) throws IOException, LogIntegrityException {
    try {
      return source.read(LogLayout.CHECKPOINT);
    } catch (NoSuchFileException e) {
      throw new LogIntegrityException(source.describe(LogLayout.CHECKPOINT), "missing");
    }
  }

  private static byte[] read(LogSource source, String path) throws IOException {
    return source.read(path);
  }

  private static Checkpoint open(LogSource source, byte[] note, NoteVerifierKey key, String what)
      throws LogIntegrityException {
    try {
      return SignedCheckpoint.open(note, key);
    } catch (RuntimeException e) {
      throw new LogIntegrityException(
          what.equals("checkpoint") ? source.describe(LogLayout.CHECKPOINT) : what, e.getMessage());
    }
  }
}
