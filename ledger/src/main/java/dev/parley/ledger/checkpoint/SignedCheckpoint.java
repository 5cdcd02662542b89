package dev.parley.ledger.checkpoint;

import dev.parley.ledger.note.Note;
import dev.parley.ledger.note.NoteException;
import dev.parley.ledger.note.NoteSigningKey;
import dev.parley.ledger.note.NoteVerifierKey;

/**
 * Signs checkpoints as C2SP signed notes and opens them again.
 *
 * <p>C2SP tlog-checkpoint, "Signatures": "The log's key name in its signature line SHOULD match the
 * origin line." Parley makes this a rule for its own log: {@link #sign} refuses a key whose name is
 * not the checkpoint's origin, and {@link #open(byte[], NoteVerifierKey)} rejects a checkpoint
 * whose origin is not the verifier key's name, so a valid signature by the log's key over another
 * log's checkpoint is not accepted as this log's. Logs that do not follow the convention (Go's
 * checksum database signs origin {@code go.sum database tree} with key {@code sum.golang.org}) are
 * opened with {@link #open(byte[], NoteVerifierKey, String)}. Signatures by other keys (witness
 * cosignatures, rotated keys) are ignored, as the note spec requires.
 */
public final class SignedCheckpoint {
  private SignedCheckpoint() {}

  /**
   * Signs a checkpoint.
   *
   * @param checkpoint the checkpoint
   * @param key the log's key, named after the checkpoint's origin
   * @return the signed note: the checkpoint body, a blank line and one signature line
   * @throws IllegalArgumentException if the key name is not the origin
   * @throws IllegalStateException if the key was destroyed
   */
  public static byte[] sign(Checkpoint checkpoint, NoteSigningKey key) {
    if (!checkpoint.origin().equals(key.name())) {
      throw new IllegalArgumentException(
          "checkpoint origin \""
              + checkpoint.origin()
              + "\" differs from the signing key name \""
              + key.name()
              + "\"; a log signs with a key named after its origin");
    }
    return Note.sign(checkpoint.body(), key);
  }

  /**
   * Verifies a signed checkpoint of the log that owns {@code key}.
   *
   * @param note the signed note
   * @param key the log's verifier key; its name must be the origin
   * @return the verified checkpoint
   * @throws NoteException if the note is malformed or not validly signed by {@code key}
   * @throws CheckpointFormatException if the text is not a checkpoint, or its origin is not the key
   *     name
   */
  public static Checkpoint open(byte[] note, NoteVerifierKey key) {
    return open(note, key, key.name());
  }

  /**
   * Verifies a signed checkpoint whose origin need not be the key name.
   *
   * @param note the signed note
   * @param key the log's verifier key
   * @param expectedOrigin the origin the checkpoint must carry
   * @return the verified checkpoint
   * @throws NoteException if the note is malformed or not validly signed by {@code key}
   * @throws CheckpointFormatException if the text is not a checkpoint, or its origin is not {@code
   *     expectedOrigin}
   */
  public static Checkpoint open(byte[] note, NoteVerifierKey key, String expectedOrigin) {
    Checkpoint checkpoint = Checkpoint.parse(Note.open(note, key).text());
    if (!checkpoint.origin().equals(expectedOrigin)) {
      throw new CheckpointFormatException(
          1,
          "origin \""
              + checkpoint.origin()
              + "\" is not the expected \""
              + expectedOrigin
              + "\" (signed by "
              + key.describe()
              + ")");
    }
    return checkpoint;
  }
}
