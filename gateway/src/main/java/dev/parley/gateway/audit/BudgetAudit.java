package dev.parley.gateway.audit;

import dev.parley.cleanroom.analysis.LedgerBudgets;
import dev.parley.cleanroom.dp.ReplayReport;
import dev.parley.ledger.audit.LogIntegrityException;
import dev.parley.ledger.audit.LogSource;
import dev.parley.ledger.checkpoint.Checkpoint;
import dev.parley.ledger.entry.EntryFormatException;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.layout.LogLayout;
import dev.parley.ledger.layout.TileState;
import dev.parley.ledger.merkle.CompactRange;
import dev.parley.ledger.merkle.MerkleHash;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The auditor's privacy-budget check: replays every collaboration's differential-privacy budget
 * from a verified log alone ({@link LedgerBudgets}).
 *
 * <p>It runs after {@code LogAudit.verify} and reads the entry bundles again. So that the replay
 * reads exactly the entries that were verified (a live or remote log could serve other bytes the
 * second time), the entries' RFC 9162 leaf hashes are folded into a compact range whose root must
 * equal the verified checkpoint's root hash.
 */
public final class BudgetAudit {
  private BudgetAudit() {}

  /**
   * Replays the budgets of a log whose checkpoint was verified.
   *
   * @param source the log
   * @param verified the verified checkpoint (its size and root)
   * @param asOf the time remaining budgets are reported for
   * @return the budgets and every problem (overspends, malformed or inconsistent privacy objects)
   * @throws LogIntegrityException if a bundle is missing or malformed, or the entries read do not
   *     hash to the verified root
   * @throws IOException if the source cannot be read
   */
  public static LedgerBudgets.Result replay(LogSource source, Checkpoint verified, Instant asOf)
      throws LogIntegrityException, IOException {
    LedgerBudgets budgets = LedgerBudgets.wholeLedger();
    CompactRange range = new CompactRange();
    long size = verified.size();
    for (long b = 0; b * TileState.WIDTH < size; b++) {
      long first = b * TileState.WIDTH;
      int width = (int) Math.min(TileState.WIDTH, size - first);
      String path = LogLayout.bundlePath(b, width == TileState.WIDTH ? 0 : width);
      List<byte[]> entries = bundle(source, path, width);
      for (int i = 0; i < width; i++) {
        byte[] e = entries.get(i);
        range.append(MerkleHash.leafHash(e));
        if (LedgerBudgets.isRelevant(e)) {
          try {
            budgets.accept(first + i, LedgerEntry.decode(e));
          } catch (EntryFormatException x) {
            throw new LogIntegrityException("entry " + (first + i), x.getMessage());
          }
        }
      }
    }
    if (!Arrays.equals(range.root(), verified.rootHash())) {
      throw new LogIntegrityException(
          "checkpoint",
          "the entries read for the budget replay hash to "
              + HexFormat.of().formatHex(range.root())
              + ", not the verified root (the log changed while it was audited)");
    }
    return budgets.finish(asOf);
  }

  private static List<byte[]> bundle(LogSource source, String path, int width)
      throws LogIntegrityException, IOException {
    byte[] bytes;
    try {
      bytes = source.read(path);
    } catch (NoSuchFileException e) {
      throw new LogIntegrityException(source.describe(path), "missing");
    }
    List<byte[]> entries;
    try {
      entries = LogLayout.decodeBundle(bytes);
    } catch (IllegalArgumentException e) {
      throw new LogIntegrityException(source.describe(path), e.getMessage());
    }
    if (entries.size() != width) {
      throw new LogIntegrityException(
          source.describe(path), "holds " + entries.size() + " entries, expected " + width);
    }
    return entries;
  }

  /**
   * Returns the summary line of one collaboration's budget, e.g. {@code retail: laplace, spent 3 of
   * 10 (remaining 7), 3 releases, refresh none}.
   *
   * @param b the replayed budget
   * @param asOf the time the replay reports for
   * @return the line, without indentation
   */
  public static String summary(LedgerBudgets.Budget b, Instant asOf) {
    ReplayReport r = b.report();
    return b.collaboration()
        + ": "
        + b.rules().mechanism().wireName()
        + ", spent "
        + r.spent()
        + " of "
        + b.rules().budget()
        + b.rules().refresh().periodOf(asOf).map(p -> " in " + p).orElse("")
        + " (remaining "
        + r.remaining()
        + "), "
        + r.records()
        + (r.records() == 1 ? " release" : " releases")
        + ", refresh "
        + b.rules().refresh().wireName();
  }
}
