package dev.parley.cleanroom.dataset;

import dev.parley.cleanroom.engine.DuckDbEngine;
import dev.parley.cleanroom.engine.JoinedTokens;
import dev.parley.cleanroom.engine.TableRef;
import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.IdentifierKind;
import dev.parley.cleanroom.oprf.OprfMode;
import dev.parley.cleanroom.oprf.OprfPrivateKey;
import dev.parley.cleanroom.token.Tokenizer;
import dev.parley.ledger.secret.SecretKeyAccess;
import dev.parley.ledger.store.LedgerOptions;
import dev.parley.ledger.store.LedgerStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/** A real DuckDB engine, a real ledger and a fixed-key tokenizer in a temporary directory. */
final class DatasetFixture implements AutoCloseable {
  static final Tokenizer TOKENIZER =
      Tokenizer.create(
          OprfMode.VOPRF,
          OprfPrivateKey.derive(
              OprfMode.VOPRF,
              "parley dataset tests, 32 bytes!!".getBytes(StandardCharsets.UTF_8),
              "parley".getBytes(StandardCharsets.UTF_8)),
          SecretKeyAccess.grant());

  final Path dir;
  final DuckDbEngine engine;
  final LedgerStore ledger;
  final DatasetService service;

  private DatasetFixture(
      Path dir, DuckDbEngine engine, LedgerStore ledger, DatasetService service) {
    this.dir = dir;
    this.engine = engine;
    this.ledger = ledger;
    this.service = service;
  }

  static DatasetFixture open(Path dir) throws IOException {
    return open(dir, null, Ingest.DEFAULT_BATCH);
  }

  /** Opens with the ledger wrapped by {@code wrap} (null: the real ledger) and a batch size. */
  static DatasetFixture open(
      Path dir, java.util.function.UnaryOperator<UploadLedger> wrap, int batch) throws IOException {
    DuckDbEngine engine = DuckDbEngine.open(dir);
    LedgerStore ledger = LedgerStore.open(LedgerOptions.builder(dir.resolve("ledger")).build());
    UploadLedger upload = UploadLedger.of(ledger);
    if (wrap != null) {
      upload = wrap.apply(upload);
    }
    try {
      return new DatasetFixture(
          dir,
          engine,
          ledger,
          DatasetService.open(engine, TOKENIZER, upload, Clock.systemUTC(), batch));
    } catch (IOException | RuntimeException e) {
      ledger.close();
      engine.close();
      throw e;
    }
  }

  long ledgerSize() {
    return ledger.latest().checkpoint().size();
  }

  /** Asserts that a table holds exactly the distinct tokens {@code expected} (hex). */
  void assertTokens(Collection<String> expected, TableRef table) {
    JoinedTokens.assertExactly(expected, engine, List.of(table));
  }

  /** Asserts that two tables hold the same tokens. */
  void assertSameTokens(TableRef a, TableRef b) {
    JoinedTokens.assertSame(engine, List.of(a), List.of(b));
  }

  /** Returns the number of distinct tokens in a table. */
  long tokenCount(TableRef table) {
    return JoinedTokens.count(engine, List.of(table));
  }

  static String token(IdentifierKind kind, String hash) {
    return HexFormat.of().formatHex(TOKENIZER.token(IdentifierHash.parse(kind, hash)));
  }

  @Override
  public void close() {
    ledger.close();
    engine.close();
  }
}
