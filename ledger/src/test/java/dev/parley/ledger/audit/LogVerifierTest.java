package dev.parley.ledger.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.checkpoint.Checkpoint;
import dev.parley.ledger.entry.ChainHash;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.layout.LogLayout;
import dev.parley.ledger.merkle.MerkleHash;
import dev.parley.ledger.store.Appended;
import dev.parley.ledger.store.LedgerOptions;
import dev.parley.ledger.store.LedgerStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LogVerifier}'s parallel checks against a plain sequential re-hash (the reference), and the
 * first violation it names when entries inside and at the start of full bundles are altered.
 */
class LogVerifierTest {
  private static final HexFormat HEX = HexFormat.of();
  @TempDir static Path pristine;
  @TempDir Path work;
  static LedgerStore.Published at300;
  static LedgerStore.Published at600;

  @BeforeAll
  static void buildLog() throws Exception {
    try (LedgerStore store = LedgerStore.open(LedgerOptions.builder(pristine).build())) {
      for (int round = 0; round < 2; round++) {
        List<CompletableFuture<Appended>> acks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          acks.add(
              store.append(
                  EntryType.LEDGER_NOTE,
                  JsonObject.builder().put("text", "entry " + round + "/" + i).build()));
        }
        for (CompletableFuture<Appended> a : acks) {
          a.get();
        }
        if (round == 0) {
          at300 = store.latest();
        }
      }
      at600 = store.latest();
    }
  }

  private Path copy() throws IOException {
    Path log = pristine.resolve("log");
    try (Stream<Path> all = Files.walk(log)) {
      for (Path p : all.toList()) {
        Path to = work.resolve(log.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return work;
  }

  private static List<byte[]> allEntries(Path log) throws IOException {
    List<byte[]> out = new ArrayList<>();
    out.addAll(LogLayout.decodeBundle(Files.readAllBytes(log.resolve("tile/entries/000"))));
    out.addAll(LogLayout.decodeBundle(Files.readAllBytes(log.resolve("tile/entries/001"))));
    out.addAll(LogLayout.decodeBundle(Files.readAllBytes(log.resolve("tile/entries/002.p/88"))));
    return out;
  }

  /** The chain hash of entries 0..n-1, by a plain linear re-hash. */
  private static byte[] chainOf(List<byte[]> entries, int n) {
    byte[] chain = ChainHash.genesis();
    for (int i = 0; i < n; i++) {
      chain = ChainHash.next(chain, MerkleHash.leafHash(entries.get(i)));
    }
    return chain;
  }

  private static LogVerifier.Result verify(Path log, Checkpoint trusted) throws Exception {
    return LogVerifier.verify(LogSource.directory(log), at600.note(), at600.checkpoint(), trusted);
  }

  @Test
  void verify_intactLog_matchesSequentialReference() throws Exception {
    Path log = pristine.resolve("log");
    List<byte[]> entries = allEntries(log);
    assertEquals(600, entries.size());
    LogVerifier.Result r = verify(log, at300.checkpoint());
    assertEquals(Map.of(EntryType.LEDGER_NOTE, 600L), r.countsByType());
    assertArrayEquals(chainOf(entries, 600), r.chainHead());
    assertArrayEquals(at600.checkpoint().rootHash(), r.tiles().root());
    assertEquals(88, r.partialBundle().size());
    for (int i = 0; i < 88; i++) {
      assertArrayEquals(entries.get(512 + i), r.partialBundle().get(i));
    }
  }

  /** Rewrites entry {@code index} with its {@code prev} altered, keeping it well-formed. */
  private void alterPrev(Path log, int index) throws Exception {
    String bundle = index < 512 ? "tile/entries/00" + (index / 256) : "tile/entries/002.p/88";
    Path file = log.resolve(bundle);
    List<byte[]> entries = new ArrayList<>(LogLayout.decodeBundle(Files.readAllBytes(file)));
    LedgerEntry e = LedgerEntry.decode(entries.get(index % 256));
    byte[] prev = e.prev();
    prev[5] ^= 0x40;
    entries.set(index % 256, new LedgerEntry(e.type(), e.time(), prev, e.body()).encode());
    Files.write(file, LogLayout.encodeBundle(entries));
  }

  @Test
  void verify_prevAlteredInsideFullBundle_namesEntryAndTrueChainHash() throws Exception {
    Path log = copy();
    List<byte[]> entries = allEntries(log);
    alterPrev(log, 300);
    LogIntegrityException e = assertThrows(LogIntegrityException.class, () -> verify(log, null));
    byte[] altered = LedgerEntry.decode(allEntries(log).get(300)).prev();
    assertEquals(
        "entry 300: prev is "
            + HEX.formatHex(altered)
            + " but the chain hash of entries 0..299 is "
            + HEX.formatHex(chainOf(entries, 300)),
        e.getMessage());
  }

  @Test
  void verify_prevAlteredAtBundleStart_namesEntryAndTrueChainHash() throws Exception {
    Path log = copy();
    List<byte[]> entries = allEntries(log);
    alterPrev(log, 256);
    LogIntegrityException e = assertThrows(LogIntegrityException.class, () -> verify(log, null));
    assertTrue(
        e.getMessage()
            .endsWith(
                "but the chain hash of entries 0..255 is " + HEX.formatHex(chainOf(entries, 256))),
        e.getMessage());
    assertTrue(e.getMessage().startsWith("entry 256: prev is "), e.getMessage());
  }

  @Test
  void verify_twoViolations_namesTheEarlierOne() throws Exception {
    Path log = copy();
    alterPrev(log, 520);
    alterPrev(log, 40);
    LogIntegrityException e = assertThrows(LogIntegrityException.class, () -> verify(log, null));
    assertTrue(e.getMessage().startsWith("entry 40: prev is "), e.getMessage());
  }

  @Test
  void verify_nonCanonicalEntry_namesEntryAndBundle() throws Exception {
    Path log = copy();
    Path file = log.resolve("tile/entries/001");
    List<byte[]> entries = new ArrayList<>(LogLayout.decodeBundle(Files.readAllBytes(file)));
    String text = new String(entries.get(7), StandardCharsets.UTF_8);
    entries.set(7, text.replace("{\"body\":{", "{\"body\":{ ").getBytes(StandardCharsets.UTF_8));
    Files.write(file, LogLayout.encodeBundle(entries));
    LogIntegrityException e = assertThrows(LogIntegrityException.class, () -> verify(log, null));
    assertEquals(
        "entry 263 (in " + file + "): entry: not in RFC 8785 canonical form", e.getMessage());
  }

  @Test
  void verify_trustedCheckpointInsideBundleWithOtherRoot_reportsNotAppendOnly() throws Exception {
    Checkpoint other = new Checkpoint(at300.checkpoint().origin(), 300, new byte[32]);
    LogIntegrityException e =
        assertThrows(LogIntegrityException.class, () -> verify(pristine.resolve("log"), other));
    assertTrue(e.getMessage().startsWith("checkpoint: the first 300 entries hash to "));
    assertTrue(
        e.getMessage()
            .contains(HEX.formatHex(at300.checkpoint().rootHash()) + " but the remembered"),
        e.getMessage());
  }
}
