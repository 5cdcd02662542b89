package dev.parley.ledger.audit;

import dev.parley.ledger.io.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The auditor's memory between runs: the last checkpoint note it verified, kept in a file so the
 * next run can check the log only grew (append-only) since then.
 */
public final class AuditState {
  private AuditState() {}

  /**
   * Loads the remembered checkpoint note.
   *
   * @param file the state file
   * @return the note bytes, or null if the file does not exist yet (first run)
   * @throws IOException if it exists but cannot be read
   */
  public static byte[] load(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllBytes(file) : null;
  }

  /**
   * Durably remembers a verified checkpoint note.
   *
   * @param file the state file
   * @param note the checkpoint note just verified
   * @throws IOException if it cannot be written
   */
  public static void save(Path file, byte[] note) throws IOException {
    DurableFiles.write(file, note, false);
  }
}
