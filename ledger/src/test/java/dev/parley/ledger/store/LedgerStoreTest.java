package dev.parley.ledger.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.audit.LogAudit;
import dev.parley.ledger.audit.LogIntegrityException;
import dev.parley.ledger.audit.LogSource;
import dev.parley.ledger.entry.ChainHash;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.merkle.MerkleHash;
import dev.parley.ledger.merkle.MerkleProofs;
import dev.parley.ledger.note.NoteVerifierKey;
import dev.parley.ledger.receipt.Receipt;
import dev.parley.ledger.receipt.ReceiptVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerStoreTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T10:00:00.123Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  private LedgerStore open() throws Exception {
    return LedgerStore.open(LedgerOptions.builder(dir).clock(CLOCK).maxBatch(100).build());
  }

  private static JsonObject note(String text) {
    return JsonObject.builder().put("text", text).build();
  }

  private NoteVerifierKey vkey() throws Exception {
    return NoteVerifierKey.parse(
        Files.readString(dir.resolve("log.vkey"), StandardCharsets.UTF_8).trim());
  }

  /** Appends {@code n} notes concurrently and returns the acknowledgements in index order. */
  private static List<Appended> appendAll(LedgerStore store, int n) throws Exception {
    List<CompletableFuture<Appended>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(store.append(EntryType.LEDGER_NOTE, note("note " + i)));
    }
    List<Appended> out = new ArrayList<>();
    for (CompletableFuture<Appended> f : futures) {
      out.add(f.get());
    }
    out.sort((a, b) -> Long.compare(a.index(), b.index()));
    return out;
  }

  @Test
  void open_fresh_writesSignedEmptyCheckpointAndOwnerOnlyKey() throws Exception {
    try (LedgerStore store = open()) {
      assertEquals(0, store.latest().checkpoint().size());
      assertArrayEquals(MerkleHash.emptyRoot(), store.latest().checkpoint().rootHash());
      assertTrue(store.failure().isEmpty());
    }
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("log.key"))));
    assertEquals(
        0,
        LogAudit.verify(LogSource.directory(dir.resolve("log")), vkey(), null).checkpoint().size());
  }

  @Test
  void append_manyEntries_indexesDenseChainLinkedAndTilesLaidOut() throws Exception {
    List<Appended> acks;
    try (LedgerStore store = open()) {
      acks = appendAll(store, 700);
      assertEquals(700, store.latest().checkpoint().size());
    }
    byte[] chain = ChainHash.genesis();
    for (int i = 0; i < acks.size(); i++) {
      assertEquals(i, acks.get(i).index());
      LedgerEntry e = LedgerEntry.decode(acks.get(i).entry());
      assertArrayEquals(chain, e.prev(), "prev of entry " + i);
      chain = ChainHash.next(chain, MerkleHash.leafHash(acks.get(i).entry()));
    }
    Path log = dir.resolve("log");
    assertTrue(Files.exists(log.resolve("tile/0/000")));
    assertTrue(Files.exists(log.resolve("tile/0/001")));
    assertTrue(Files.exists(log.resolve("tile/0/002.p/188")));
    assertTrue(Files.exists(log.resolve("tile/1/000.p/2")));
    assertTrue(Files.exists(log.resolve("tile/entries/001")));
    assertTrue(Files.exists(log.resolve("tile/entries/002.p/188")));
    assertFalse(
        Files.exists(log.resolve("tile/0/000.p")),
        "obsolete partial tiles are deleted once the full tile is covered");
    LogAudit.Report report = LogAudit.verify(LogSource.directory(log), vkey(), null);
    assertEquals(700L, report.countsByType().get(EntryType.LEDGER_NOTE));
  }

  @Test
  void receipt_eachEntry_verifiesOfflineAndTamperedEntryFails() throws Exception {
    try (LedgerStore store = open()) {
      List<Appended> acks = appendAll(store, 300);
      for (long index : new long[] {0, 1, 255, 256, 299}) {
        Receipt r = Receipt.parse(Receipts.forIndex(store, index).toJson().canonicalBytes());
        ReceiptVerifier.Verified v = ReceiptVerifier.verify(r, vkey());
        assertEquals(300, v.checkpoint().size());
        assertEquals(EntryType.LEDGER_NOTE, v.entry().type());
      }
      Receipt fromAck = Receipts.forAppend(store, acks.get(42));
      ReceiptVerifier.verify(fromAck, vkey());
      byte[] tampered =
          new String(fromAck.entry(), StandardCharsets.UTF_8)
              .replace("note 42", "note 43")
              .getBytes(StandardCharsets.UTF_8);
      Receipt forged = new Receipt(42, tampered, fromAck.proof(), fromAck.checkpointNote());
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> ReceiptVerifier.verify(forged, vkey()));
      assertTrue(e.getMessage().startsWith("proof:"), e.getMessage());
    }
  }

  @Test
  void proofs_againstEveryEarlierSize_verify() throws Exception {
    try (LedgerStore store = open()) {
      appendAll(store, 520);
      TileReader reader = store.reader();
      byte[] newRoot = reader.root(520);
      for (long old : new long[] {1, 7, 255, 256, 257, 511, 512, 519}) {
        byte[] oldRoot = reader.root(old);
        assertTrue(
            MerkleProofs.verifyConsistency(
                old, 520, oldRoot, newRoot, reader.consistencyProof(old, 520)),
            "consistency " + old);
        byte[] leaf = MerkleHash.leafHash(reader.entry(old - 1));
        assertTrue(
            MerkleProofs.verifyInclusion(
                leaf, old - 1, old, reader.inclusionProof(old - 1, old), oldRoot),
            "inclusion in " + old);
      }
    }
  }

  @Test
  void reopen_afterAppends_continuesChainAndIndexes() throws Exception {
    try (LedgerStore store = open()) {
      appendAll(store, 10);
    }
    try (LedgerStore store = open()) {
      assertTrue(store.failure().isEmpty(), () -> store.failure().orElse(""));
      Appended next = store.append(EntryType.LEDGER_NOTE, note("after restart")).get();
      assertEquals(10, next.index());
    }
    assertEquals(
        11,
        LogAudit.verify(LogSource.directory(dir.resolve("log")), vkey(), null).checkpoint().size());
  }

  @Test
  void append_recyclingAcrossTileEdges_logVerifiesAndObsoletePartialsLeaveTheLog()
      throws Exception {
    LedgerOptions options =
        LedgerOptions.builder(dir).clock(CLOCK).maxBatch(37).spareGrace(Duration.ZERO).build();
    try (LedgerStore store = LedgerStore.open(options)) {
      for (int round = 0; round < 25; round++) {
        appendAll(store, 30);
      }
    }
    try (LedgerStore store = LedgerStore.open(options)) {
      assertTrue(store.failure().isEmpty(), () -> store.failure().orElse(""));
      assertEquals(750, store.append(EntryType.LEDGER_NOTE, note("after restart")).get().index());
    }

    assertEquals(
        751,
        LogAudit.verify(LogSource.directory(dir.resolve("log")), vkey(), null).checkpoint().size());
    for (String done : List.of("tile/entries/000.p", "tile/entries/001.p", "tile/0/000.p")) {
      assertFalse(Files.exists(dir.resolve("log").resolve(done)), done + " was recycled");
    }
    assertTrue(Files.isDirectory(dir.resolve("spare")), "spares live beside the log, not in it");
  }

  @Test
  void open_twice_secondRefusedWhileFirstOpenThenAllowed() throws Exception {
    try (LedgerStore first = open()) {
      java.io.IOException e = assertThrows(java.io.IOException.class, this::open);
      assertTrue(e.getMessage().contains("in use by another Parley process"), e.getMessage());
      assertTrue(first.failure().isEmpty());
    }
    try (LedgerStore again = open()) {
      assertTrue(again.failure().isEmpty());
    }
  }

  @Test
  void append_invalidBody_rejectedWithFieldAndNothingQueued() throws Exception {
    try (LedgerStore store = open()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  store.append(
                      EntryType.DATASET_UPLOADED,
                      JsonObject.builder().put("partner", "acme").build()));
      assertTrue(
          e.getMessage().contains("body.dataset: required for dataset.uploaded"), e.getMessage());
      IllegalArgumentException big =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  store.append(
                      EntryType.LEDGER_NOTE, note("\u00e9".repeat(30_000) + "x".repeat(5_600))));
      assertTrue(big.getMessage().contains("exceeds 65535"), big.getMessage());
      assertEquals(0, store.latest().checkpoint().size());
    }
  }

  @Test
  void audit_rememberedCheckpointOfFork_reportsRollbackOrSplit() throws Exception {
    byte[] noteAt5;
    try (LedgerStore store = open()) {
      appendAll(store, 5);
      noteAt5 = store.latest().note();
      appendAll(store, 5);
      LogAudit.Report ok =
          LogAudit.verify(LogSource.directory(dir.resolve("log")), vkey(), noteAt5);
      assertEquals(10, ok.checkpoint().size());
    }
    // A fork signed with the same key: 12 different entries. Our 10-entry log is not its extension.
    byte[] forkNote = forkWithOurKey(12);
    LogIntegrityException rollback =
        assertThrows(
            LogIntegrityException.class,
            () -> LogAudit.verify(LogSource.directory(dir.resolve("log")), vkey(), forkNote));
    assertTrue(rollback.getMessage().contains("rolled back"), rollback.getMessage());
    byte[] forkNote3 = forkWithOurKey(3);
    LogIntegrityException split =
        assertThrows(
            LogIntegrityException.class,
            () -> LogAudit.verify(LogSource.directory(dir.resolve("log")), vkey(), forkNote3));
    assertTrue(split.getMessage().contains("not append-only"), split.getMessage());
  }

  private byte[] forkWithOurKey(int entries) throws Exception {
    Path fork = dir.resolve("fork" + entries);
    Files.createDirectories(fork);
    Files.copy(dir.resolve("log.key"), fork.resolve("log.key"));
    Files.copy(dir.resolve("log.vkey"), fork.resolve("log.vkey"));
    try (LedgerStore store = LedgerStore.open(LedgerOptions.builder(fork).clock(CLOCK).build())) {
      for (int i = 0; i < entries; i++) {
        store.append(EntryType.LEDGER_NOTE, note("fork " + i)).get();
      }
      return store.latest().note();
    }
  }
}
