package dev.parley.ledger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.io.DurableFiles;
import dev.parley.ledger.store.BatchObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocolFloorTest {
  @TempDir Path dir;

  @Test
  void batchOf_report_keepsPathsAndLengthsWithCheckpointLast() {
    Path log = dir.resolve("log");
    byte[] buffer = new byte[300];
    BatchObserver.Report report =
        new BatchObserver.Report(
            3,
            290,
            1_000,
            List.of(
                DurableFiles.Write.publicFile(log.resolve("tile/entries/000.p/3"), buffer, 290),
                DurableFiles.Write.publicFile(log.resolve("tile/0/000.p/3"), buffer, 96)),
            DurableFiles.Write.publicFile(log.resolve("checkpoint"), buffer, 120));

    ProtocolFloor.Batch b = ProtocolFloor.Batch.of(report);

    assertEquals(3, b.entries());
    assertEquals(290, b.entryBytes());
    assertEquals(
        List.of(
            log.resolve("tile/entries/000.p/3"),
            log.resolve("tile/0/000.p/3"),
            log.resolve("checkpoint")),
        b.paths());
    assertEquals(List.of(290, 96, 120), List.of(b.lengths()[0], b.lengths()[1], b.lengths()[2]));
  }

  @Test
  void replay_twoBatches_writesEveryFileAtItsLengthAndTheLastCheckpoint() throws Exception {
    Path log = dir.resolve("log");
    Path target = dir.resolve("floor");
    List<ProtocolFloor.Batch> batches =
        List.of(
            new ProtocolFloor.Batch(
                2,
                2_000,
                List.of(log.resolve("tile/entries/000.p/2"), log.resolve("checkpoint")),
                new int[] {2_000, 110}),
            new ProtocolFloor.Batch(
                3,
                3_000,
                List.of(
                    log.resolve("tile/entries/000.p/5"),
                    log.resolve("tile/0/000.p/5"),
                    log.resolve("checkpoint")),
                new int[] {5_000, 160, 111}));

    double perSecond = ProtocolFloor.replay(log, target, batches);

    assertTrue(perSecond > 0, "rate " + perSecond);
    assertEquals(2_000, Files.size(target.resolve("tile/entries/000.p/2")));
    assertEquals(5_000, Files.size(target.resolve("tile/entries/000.p/5")));
    assertEquals(160, Files.size(target.resolve("tile/0/000.p/5")));
    assertEquals(111, Files.size(target.resolve("checkpoint")), "the second batch's checkpoint");
    try (Stream<Path> all = Files.walk(target)) {
      assertEquals(
          List.of(),
          all.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList(),
          "no temp file is left behind");
    }
  }
}
