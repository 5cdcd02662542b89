package dev.parley.ledger.store;

import dev.parley.ledger.checkpoint.Checkpoint;
import dev.parley.ledger.checkpoint.SignedCheckpoint;
import dev.parley.ledger.keys.LedgerKeyFiles;
import dev.parley.ledger.keys.LedgerKeyPair;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;

/** The log's signing key pair, as the store uses it: sign checkpoints, open checkpoint notes. */
final class LedgerKeys {
  private final String origin;
  private final LedgerKeyPair pair;

  private LedgerKeys(String origin, LedgerKeyPair pair) {
    this.origin = origin;
    this.pair = pair;
  }

  static LedgerKeys loadOrCreate(Path ledgerDir, String origin) throws IOException {
    return new LedgerKeys(
        origin, LedgerKeyFiles.inLedgerDir(ledgerDir).loadOrCreate(origin, new SecureRandom()));
  }

  LedgerStore.Published sign(long size, byte[] root) {
    Checkpoint cp = new Checkpoint(origin, size, root);
    return new LedgerStore.Published(cp, SignedCheckpoint.sign(cp, pair.signingKey()));
  }

  /** Opens a checkpoint note; throws IllegalArgumentException naming what does not verify. */
  Checkpoint open(byte[] note) {
    return SignedCheckpoint.open(note, pair.verifierKey());
  }

  /** Zeroes the signing key's secret seed; the key cannot sign afterwards. */
  void destroy() {
    pair.signingKey().destroy();
  }

  String verifierKeyText() {
    return pair.verifierKey().format();
  }
}
