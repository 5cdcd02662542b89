package dev.parley.ledger.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.audit.LogAudit;
import dev.parley.ledger.audit.LogSource;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.layout.LogLayout;
import dev.parley.ledger.note.NoteVerifierKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipelined sequencer under concurrent writers: batches overlap on disk, yet acknowledgements
 * and checkpoints stay in order and each acknowledgement carries a durable checkpoint covering it.
 */
class LedgerPipelineTest {
  @TempDir Path dir;

  @Test
  void append_concurrentWriters_acksInOrderWithCoveringCheckpoints() throws Exception {
    int writers = 16;
    int perWriter = 150;
    ConcurrentLinkedQueue<Appended> acks = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicLong batched = new AtomicLong();
    LedgerOptions options =
        LedgerOptions.builder(dir)
            .maxBatch(7)
            .batchesInFlight(3)
            .observer(r -> batched.addAndGet(r.entries()))
            .build();
    try (LedgerStore store = LedgerStore.open(options)) {
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int id = w;
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      long lastIndex = -1;
                      for (int i = 0; i < perWriter; i++) {
                        try {
                          Appended a =
                              store
                                  .append(
                                      EntryType.LEDGER_NOTE,
                                      JsonObject.builder().put("text", id + "/" + i).build())
                                  .get();
                          if (a.index() <= lastIndex) {
                            problems.add("writer " + id + " got index " + a.index());
                          }
                          if (store.latest().checkpoint().size() < a.checkpoint().size()) {
                            problems.add("acked before its checkpoint was published: " + a.index());
                          }
                          lastIndex = a.index();
                          acks.add(a);
                        } catch (Exception e) {
                          problems.add(e.toString());
                        }
                      }
                    }));
      }
      for (Thread t : threads) {
        t.join();
      }
    }
    assertEquals(List.of(), List.copyOf(problems));
    List<Appended> sorted = new ArrayList<>(acks);
    sorted.sort(Comparator.comparingLong(Appended::index));
    assertEquals(writers * perWriter, sorted.size());
    assertEquals((long) writers * perWriter, batched.get());
    long previousSize = 0;
    for (int i = 0; i < sorted.size(); i++) {
      Appended a = sorted.get(i);
      assertEquals(i, a.index());
      assertTrue(a.checkpoint().size() > i, "checkpoint covers entry " + i);
      assertTrue(a.checkpoint().size() >= previousSize, "checkpoints in order at " + i);
      previousSize = a.checkpoint().size();
    }
    Path log = dir.resolve("log");
    List<byte[]> first =
        LogLayout.decodeBundle(Files.readAllBytes(log.resolve("tile/entries/000")));
    for (int i = 0; i < 256; i++) {
      assertArrayEquals(sorted.get(i).entry(), first.get(i), "entry " + i);
    }
    NoteVerifierKey key =
        NoteVerifierKey.parse(
            Files.readString(dir.resolve("log.vkey"), StandardCharsets.UTF_8).trim());
    LogAudit.Report report = LogAudit.verify(LogSource.directory(log), key, null);
    assertEquals((long) writers * perWriter, report.checkpoint().size());
  }

  @Test
  void build_batchesInFlightOutOfRange_namesField() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> LedgerOptions.builder(dir).batchesInFlight(5).build());
    assertEquals("batchesInFlight: must be 1-4, got 5", e.getMessage());
  }
}
