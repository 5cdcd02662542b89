package dev.parley.ledger.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.note.InvalidSignatureException;
import dev.parley.ledger.note.KeyId;
import dev.parley.ledger.note.Note;
import dev.parley.ledger.note.NoteSignature;
import dev.parley.ledger.note.NoteSigningKey;
import dev.parley.ledger.note.NoteVerifierKey;
import dev.parley.ledger.note.UnverifiedNoteException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SignedCheckpoint}: a real sum.golang.org checkpoint, the C2SP example, and round trips.
 */
class SignedCheckpointTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ORIGIN = "parley.example/ledger";
  private static final NoteSigningKey LOG = NoteSigningKey.generate(ORIGIN, RANDOM);
  private static final Checkpoint CP = new Checkpoint(ORIGIN, 42, filled(7));

  private static NoteVerifierKey sumdbKey() {
    return NoteVerifierKey.parse(Vectors.text("go-sumdb/sum.golang.org.vkey").strip());
  }

  @Test
  void open_realSumGolangOrgCheckpointWithItsOrigin_verifies() {
    byte[] note = Vectors.bytes("go-sumdb/sum.golang.org-49189689.note");

    Checkpoint cp = SignedCheckpoint.open(note, sumdbKey(), "go.sum database tree");

    assertEquals("go.sum database tree", cp.origin());
    assertEquals(49189689L, cp.size());
    assertEquals(
        "ftjbAOzaupaIvaPo/G+Dk63nxOZ2s1OPOKIaPtXs7S4=",
        Base64.getEncoder().encodeToString(cp.rootHash()));
  }

  @Test
  void open_realSumGolangOrgCheckpointRequiringKeyNameAsOrigin_rejectsLine1() {
    byte[] note = Vectors.bytes("go-sumdb/sum.golang.org-49189689.note");

    CheckpointFormatException e =
        assertThrows(
            CheckpointFormatException.class, () -> SignedCheckpoint.open(note, sumdbKey()));

    assertEquals(1, e.line());
    assertEquals(
        "checkpoint line 1: origin \"go.sum database tree\" is not the expected \"sum.golang.org\""
            + " (signed by sum.golang.org+033de0ae)",
        e.getMessage());
  }

  @Test
  void open_c2spExampleWithSumdbKey_sameIdOtherNameIsIgnored() {
    // The spec's example reuses key ID 033de0ae under another name: "Verifiers MUST ignore
    // signatures from unknown keys, even if they share a name or ID (but not both)".
    byte[] note = Vectors.bytes("c2sp/behind-the-sofa.note");

    UnverifiedNoteException e =
        assertThrows(
            UnverifiedNoteException.class,
            () -> SignedCheckpoint.open(note, sumdbKey(), "example.com/behind-the-sofa"));

    NoteSignature sig = e.signatures().get(0);
    assertEquals("example.com/behind-the-sofa", sig.keyName());
    assertEquals(new KeyId(0x033de0ae), sig.keyId());
  }

  @Test
  void signThenOpen_roundTripsAndNoteIsBodyPlusOneSignature() {
    byte[] note = SignedCheckpoint.sign(CP, LOG);

    assertEquals(CP, SignedCheckpoint.open(note, LOG.verifierKey()));
    String text = new String(note, StandardCharsets.UTF_8);
    assertTrue(text.startsWith(CP.body() + "\n\u2014 " + ORIGIN + " "), text);
    assertEquals(CP.body(), Note.open(note, LOG.verifierKey()).text());
  }

  @Test
  void sign_sameCheckpointTwice_identicalNotes() {
    assertArrayEquals(SignedCheckpoint.sign(CP, LOG), SignedCheckpoint.sign(CP, LOG));
  }

  @Test
  void sign_keyNamedOtherThanOrigin_rejected() {
    NoteSigningKey other = NoteSigningKey.generate("other.example/log", RANDOM);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SignedCheckpoint.sign(CP, other));

    assertTrue(e.getMessage().contains("differs from the signing key name"), e.getMessage());
  }

  @Test
  void open_withAnotherLogsKey_throwsUnverified() {
    NoteSigningKey impostor = NoteSigningKey.generate(ORIGIN, RANDOM);
    byte[] note = SignedCheckpoint.sign(CP, impostor);

    assertThrows(
        UnverifiedNoteException.class, () -> SignedCheckpoint.open(note, LOG.verifierKey()));
  }

  @Test
  void open_tamperedTreeSize_throwsInvalidSignatureOnLine5() {
    String note = new String(SignedCheckpoint.sign(CP, LOG), StandardCharsets.UTF_8);
    byte[] tampered = note.replaceFirst("\n42\n", "\n43\n").getBytes(StandardCharsets.UTF_8);

    InvalidSignatureException e =
        assertThrows(
            InvalidSignatureException.class,
            () -> SignedCheckpoint.open(tampered, LOG.verifierKey()));

    assertEquals(5, e.line());
  }

  @Test
  void open_witnessCosignedCheckpoint_ignoresUnknownCosignature() {
    NoteSigningKey witness = NoteSigningKey.generate("witness.example/w1", RANDOM);
    byte[] note = Note.sign(CP.body(), LOG, witness);

    assertEquals(CP, SignedCheckpoint.open(note, LOG.verifierKey()));
  }

  @Test
  void open_signedNoteThatIsNotACheckpoint_throwsFormatError() {
    byte[] note = Note.sign(ORIGIN + "\n42\n", LOG);

    CheckpointFormatException e =
        assertThrows(
            CheckpointFormatException.class, () -> SignedCheckpoint.open(note, LOG.verifierKey()));

    assertEquals(3, e.line());
  }

  @Test
  void open_checkpointWithExtensions_roundTrips() {
    Checkpoint cp = new Checkpoint(ORIGIN, 0, filled(0), List.of("ext one", "ext two"));

    assertEquals(cp, SignedCheckpoint.open(SignedCheckpoint.sign(cp, LOG), LOG.verifierKey()));
  }

  private static byte[] filled(int value) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }
}
