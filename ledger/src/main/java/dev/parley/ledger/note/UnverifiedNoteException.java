package dev.parley.ledger.note;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A well-formed note with no signature by a known key.
 *
 * <p>C2SP signed-note: "If no signature from a known key verifies successfully, clients MUST reject
 * the note." The exception lists the signatures found (name and key ID), so an operator can see
 * which key signed the note; it does not carry the text, which "MUST be ignored unless the note is
 * signed by a trusted key".
 */
public final class UnverifiedNoteException extends NoteException {
  private final transient List<NoteSignature> signatures;

  /**
   * Creates the exception.
   *
   * @param signatures the signatures by unknown keys
   * @param known descriptions of the known keys ({@code name+id})
   */
  public UnverifiedNoteException(List<NoteSignature> signatures, List<String> known) {
    super(
        "no known signature: the note is signed by "
            + signatures.stream().map(NoteSignature::describeKey).collect(Collectors.joining(", "))
            + " but the known keys are "
            + (known.isEmpty() ? "none" : String.join(", ", known)));
    this.signatures = List.copyOf(signatures);
  }

  /**
   * Returns the signatures by unknown keys.
   *
   * @return in note order, duplicates removed
   */
  public List<NoteSignature> signatures() {
    return signatures;
  }
}
