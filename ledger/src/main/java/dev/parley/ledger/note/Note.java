package dev.parley.ledger.note;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A C2SP signed note (https://c2sp.org/signed-note) whose signatures have been checked: its text,
 * the signatures by known keys (all valid) and the signatures by unknown keys (ignored).
 *
 * <p>A {@code Note} exists only as the result of {@link #open}, so holding one means at least one
 * known key signed its text. {@link #sign} produces the encoded form:
 *
 * <pre>
 * text (one or more lines, each ending in U+000A)
 * (a blank line)
 * — key-name base64(4-byte key ID || signature)
 * — ...
 * </pre>
 *
 * <p>Spec rules and where they are enforced ("Format" and "Signatures" sections):
 *
 * <ul>
 *   <li>"Signed notes MUST be valid UTF-8 and MUST NOT contain any ASCII control characters (those
 *       below U+0020) other than newline": checked on every byte by {@link #open} and on every
 *       character by {@link #sign}.
 *   <li>"the text is separated from the signatures by the last empty line in the note"; the text
 *       "includes the final newline but not the separating blank line": {@link #open}.
 *   <li>"Verifiers SHOULD apply a maximum limit to the number of signatures ... but MUST accept at
 *       least up to 16": {@link #MAX_SIGNATURES} is Go's limit, 100, counted before any signature
 *       is verified.
 *   <li>"Verifiers MUST ignore signatures from unknown keys, even if they share a name or ID (but
 *       not both) with a known key. If the key name and ID match a known key, verifiers MUST verify
 *       the signature. If a signature from a known key fails to verify, clients SHOULD reject the
 *       whole note. If no signature from a known key verifies successfully, clients MUST reject the
 *       note": {@link #open} verifies every signature by a known key (including repeats) and throws
 *       {@link InvalidSignatureException} on the first failure, {@link UnverifiedNoteException} if
 *       none is by a known key.
 * </ul>
 *
 * <p>Identical signature lines are reported once. Every signature line must be well formed, whoever
 * signed it, as in Go's {@code note.Open}.
 */
public final class Note {
  /** The most signature lines {@link #open} accepts (Go's {@code note.Open} limit). */
  public static final int MAX_SIGNATURES = 100;

  private final String text;
  private final List<NoteSignature> signatures;
  private final List<NoteSignature> unverifiedSignatures;

  private Note(String text, List<NoteSignature> signatures, List<NoteSignature> unverified) {
    this.text = text;
    this.signatures = List.copyOf(signatures);
    this.unverifiedSignatures = List.copyOf(unverified);
  }

  /**
   * Signs a text and encodes the note.
   *
   * @param text the text: ends with a newline, no control character other than newline
   * @param signers one or more keys, each with a different name and key ID
   * @return the UTF-8 note: text, blank line, one signature line per signer in order
   * @throws IllegalArgumentException if the text or the signer list is invalid
   * @throws IllegalStateException if a signer was destroyed
   */
  public static byte[] sign(String text, List<NoteSigningKey> signers) {
    NoteSyntax.checkText(text);
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("signers: at least one key is required");
    }
    if (signers.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "signers: " + signers.size() + " keys exceed the limit of " + MAX_SIGNATURES);
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < signers.size(); i++) {
      String key = signers.get(i).verifierKey().describe();
      if (!seen.add(key)) {
        throw new IllegalArgumentException("signers[" + i + "]: key " + key + " is listed twice");
      }
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 128 * signers.size());
    out.writeBytes(message);
    out.write('\n');
    for (NoteSigningKey signer : signers) {
      NoteSignature sig = new NoteSignature(signer.name(), signer.keyId(), signer.sign(message));
      out.writeBytes(sig.line().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /**
   * Signs a text and encodes the note.
   *
   * @param text the text: ends with a newline, no control character other than newline
   * @param signers one or more keys
   * @return the UTF-8 note
   * @see #sign(String, List)
   */
  public static byte[] sign(String text, NoteSigningKey... signers) {
    return sign(text, List.of(signers));
  }

  /**
   * Parses a note and verifies its signatures against one key.
   *
   * @param note the encoded note
   * @param key the only known key
   * @return the verified note
   * @throws NoteException if the note is malformed, a signature by {@code key} is invalid, or
   *     {@code key} did not sign it
   */
  public static Note open(byte[] note, NoteVerifierKey key) {
    return open(note, List.of(key));
  }

  /**
   * Parses a note and verifies its signatures.
   *
   * @param note the encoded note
   * @param known the known keys; different keys must not share both name and key ID
   * @return the verified note
   * @throws MalformedNoteException naming the line that breaks the syntax
   * @throws InvalidSignatureException naming the line and key of a signature that does not verify
   * @throws UnverifiedNoteException if no known key signed the note
   * @throws IllegalArgumentException if two different known keys share a name and key ID
   */
  public static Note open(byte[] note, Collection<NoteVerifierKey> known) {
    Map<String, NoteVerifierKey> keys = index(known);
    NoteSyntax.checkEncoded(note);
    // "the text is separated from the signatures by the last empty line in the note"
    int split = lastBlankLine(note);
    if (split < 0) {
      throw new MalformedNoteException(
          NoteSyntax.lineAt(note, note.length),
          "no blank line separates the text from the signatures");
    }
    int textEnd = split + 1;
    List<NoteSyntax.SignatureLine> lines =
        NoteSyntax.signatureLines(note, split + 2, MAX_SIGNATURES);
    byte[] message = Arrays.copyOf(note, textEnd);
    List<NoteSignature> verified = new ArrayList<>();
    Set<String> verifiedKeys = new HashSet<>();
    Set<NoteSignature> unverified = new LinkedHashSet<>();
    for (NoteSyntax.SignatureLine line : lines) {
      NoteSignature sig = line.signature();
      NoteVerifierKey key = keys.get(sig.describeKey());
      if (key == null) {
        unverified.add(sig);
        continue;
      }
      // "If the key name and ID match a known key, verifiers MUST verify the signature. If a
      // signature from a known key fails to verify, clients SHOULD reject the whole note."
      if (!key.verify(message, sig.signature())) {
        throw new InvalidSignatureException(line.number(), sig.keyName(), sig.keyId());
      }
      if (verifiedKeys.add(sig.describeKey())) {
        verified.add(sig);
      }
    }
    // "If no signature from a known key verifies successfully, clients MUST reject the note."
    if (verified.isEmpty()) {
      throw new UnverifiedNoteException(
          List.copyOf(unverified),
          keys.values().stream().map(NoteVerifierKey::describe).sorted().toList());
    }
    return new Note(new String(message, StandardCharsets.UTF_8), verified, List.copyOf(unverified));
  }

  private static Map<String, NoteVerifierKey> index(Collection<NoteVerifierKey> known) {
    Map<String, NoteVerifierKey> keys = new HashMap<>();
    for (NoteVerifierKey k : known) {
      NoteVerifierKey previous = keys.putIfAbsent(k.describe(), k);
      if (previous != null && !previous.equals(k)) {
        throw new IllegalArgumentException(
            "known keys: two different keys are both named " + k.describe() + " (ambiguous)");
      }
    }
    return keys;
  }

  /** Returns the index of the first newline of the last "\n\n", or -1. */
  private static int lastBlankLine(byte[] note) {
    for (int i = note.length - 2; i >= 0; i--) {
      if (note[i] == '\n' && note[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Returns the signed text.
   *
   * @return the text, including its final newline
   */
  public String text() {
    return text;
  }

  /**
   * Returns the verified signatures.
   *
   * @return one per known key that signed, in note order; never empty
   */
  public List<NoteSignature> signatures() {
    return signatures;
  }

  /**
   * Returns the signatures by keys the caller did not know (not verified).
   *
   * @return in note order, identical lines once
   */
  public List<NoteSignature> unverifiedSignatures() {
    return unverifiedSignatures;
  }

  @Override
  public String toString() {
    return "Note["
        + text.length()
        + " chars, verified by "
        + signatures.stream().map(NoteSignature::describeKey).toList()
        + ", "
        + unverifiedSignatures.size()
        + " unverified]";
  }
}
