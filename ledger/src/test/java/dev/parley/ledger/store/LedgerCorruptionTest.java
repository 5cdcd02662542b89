package dev.parley.ledger.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.audit.LogAudit;
import dev.parley.ledger.audit.LogIntegrityException;
import dev.parley.ledger.audit.LogSource;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.note.NoteVerifierKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damages each kind of file of a real log (truncate, flip one byte, delete) and checks that both
 * the store's start-up check and the auditor report it, naming the file.
 */
class LedgerCorruptionTest {
  @TempDir static Path pristine;
  @TempDir Path work;

  enum Damage {
    TRUNCATE,
    FLIP_BYTE,
    DELETE
  }

  static final List<String> FILES =
      List.of(
          "checkpoint",
          "tile/0/000",
          "tile/0/002.p/88",
          "tile/1/000.p/2",
          "tile/entries/001",
          "tile/entries/002.p/88");

  @BeforeAll
  static void buildLog() throws Exception {
    try (LedgerStore store = LedgerStore.open(LedgerOptions.builder(pristine).build())) {
      List<CompletableFuture<Appended>> acks = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        acks.add(
            store.append(
                EntryType.LEDGER_NOTE, JsonObject.builder().put("text", "entry " + i).build()));
      }
      for (CompletableFuture<Appended> a : acks) {
        a.get();
      }
    }
  }

  static Stream<Arguments> damages() {
    List<Arguments> out = new ArrayList<>();
    for (String f : FILES) {
      for (Damage d : Damage.values()) {
        out.add(Arguments.of(f, d));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("damages")
  void open_damagedFile_refusesAppendsAndNamesFile(String file, Damage damage) throws Exception {
    copyTree(pristine, work);
    Path target = work.resolve("log").resolve(file);
    damage(target, damage);

    try (LedgerStore store = LedgerStore.open(LedgerOptions.builder(work).build())) {
      String failure =
          store
              .failure()
              .orElseThrow(() -> new AssertionError("damage not detected: " + damage + " " + file));
      assertTrue(failure.contains(target.toString()) || failure.contains(file), failure);
      assertThrows(
          LedgerUnavailableException.class,
          () ->
              store.append(
                  EntryType.LEDGER_NOTE, JsonObject.builder().put("text", "after damage").build()));
    }
    NoteVerifierKey key =
        NoteVerifierKey.parse(
            Files.readString(work.resolve("log.vkey"), StandardCharsets.UTF_8).trim());
    LogIntegrityException e =
        assertThrows(
            LogIntegrityException.class,
            () -> LogAudit.verify(LogSource.directory(work.resolve("log")), key, null));
    assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
  }

  private static void damage(Path target, Damage damage) throws IOException {
    byte[] bytes = Files.readAllBytes(target);
    switch (damage) {
      case TRUNCATE -> Files.write(target, java.util.Arrays.copyOf(bytes, bytes.length - 3));
      case FLIP_BYTE -> {
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(target, bytes);
      }
      case DELETE -> Files.delete(target);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.sorted(Comparator.naturalOrder()).toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
