package dev.parley.ledger.store;

import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.jcs.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child JVM of {@link LedgerCrashTest}: opens the ledger, appends forever from many writer
 * threads, and prints {@code ACK <index> <text>} for every acknowledged append. The parent kills it
 * with SIGKILL at random moments.
 */
public final class CrashWorker {
  private CrashWorker() {}

  /**
   * Runs until killed.
   *
   * @param args ledger directory, run number, writer count
   * @throws Exception if the store cannot open
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String run = args[1];
    int writers = Integer.parseInt(args[2]);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    LedgerStore store =
        LedgerStore.open(
            LedgerOptions.builder(dir)
                .maxBatch(512)
                .batchesInFlight(3)
                // spares reused at once: the most inode recycling a kill can interrupt
                .spareGrace(Duration.ZERO)
                .build());
    if (store.failure().isPresent()) {
      out.println("FAILED " + store.failure().get());
      out.flush();
      System.exit(3);
    }
    out.println("OPEN " + store.latest().checkpoint().size());
    out.flush();
    AtomicLong counter = new AtomicLong();
    for (int w = 0; w < writers; w++) {
      Thread.ofPlatform()
          .start(
              () -> {
                while (true) {
                  String text = "run " + run + " n " + counter.getAndIncrement();
                  try {
                    Appended a =
                        store
                            .append(
                                EntryType.LEDGER_NOTE,
                                JsonObject.builder().put("text", text).build())
                            .get();
                    synchronized (out) {
                      out.println("ACK " + a.index() + " " + text);
                      out.flush();
                    }
                  } catch (Exception e) {
                    synchronized (out) {
                      out.println("ERROR " + e);
                      out.flush();
                    }
                    return;
                  }
                }
              });
    }
  }
}
