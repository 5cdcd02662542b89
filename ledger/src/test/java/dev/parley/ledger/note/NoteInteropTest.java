package dev.parley.ledger.note;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.secret.SecretKeyAccess;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Published vectors: the Go {@code sumdb/note} package's keys and notes and the C2SP signed-note
 * spec's examples (see {@code src/test/resources/note/README.md}).
 */
class NoteInteropTest {
  private static final String TEXT = Vectors.text("go-sumdb/text.txt");
  private static final byte[] PETER_NOTE = Vectors.bytes("go-sumdb/PeterNeumann.note");
  private static final byte[] BOTH_NOTE = Vectors.bytes("go-sumdb/PeterNeumann-EnochRoot.note");

  private static NoteSigningKey peterSigner() {
    return NoteSigningKey.parse(Vectors.key("go-sumdb/PeterNeumann.skey"), SecretKeyAccess.grant());
  }

  @Test
  void parseSkey_goPeterNeumann_derivesPublishedVkeyAndFormatsBack() {
    NoteSigningKey signer = peterSigner();

    assertEquals("PeterNeumann", signer.name());
    assertEquals(new KeyId(0xc74f20a3), signer.keyId());
    assertEquals(Vectors.key("go-sumdb/PeterNeumann.vkey"), signer.verifierKey().format());
    assertEquals(Vectors.peter(), signer.verifierKey());
    assertEquals(Vectors.key("go-sumdb/PeterNeumann.skey"), signer.format(SecretKeyAccess.grant()));
  }

  @Test
  void sign_goPeterNeumannKey_reproducesGoSignatureByteForByte() {
    assertArrayEquals(PETER_NOTE, Note.sign(TEXT, peterSigner()));
  }

  @Test
  void open_goPeterNeumannNote_verifiesAndReturnsText() {
    Note note = Note.open(PETER_NOTE, Vectors.peter());

    assertEquals(TEXT, note.text());
    assertEquals(1, note.signatures().size());
    assertEquals("PeterNeumann+c74f20a3", note.signatures().get(0).describeKey());
    assertEquals(List.of(), note.unverifiedSignatures());
  }

  @Test
  void open_goDoublySignedNoteKnowingPeterOnly_verifiesPeterAndIgnoresEnoch() {
    Note note = Note.open(BOTH_NOTE, Vectors.peter());

    assertEquals(List.of("PeterNeumann+c74f20a3"), keys(note.signatures()));
    assertEquals(List.of("EnochRoot+af0cfe78"), keys(note.unverifiedSignatures()));
  }

  @Test
  void open_goDoublySignedNoteKnowingBoth_verifiesBothInNoteOrder() {
    Note note = Note.open(BOTH_NOTE, List.of(Vectors.enoch(), Vectors.peter()));

    assertEquals(List.of("PeterNeumann+c74f20a3", "EnochRoot+af0cfe78"), keys(note.signatures()));
    assertEquals(List.of(), note.unverifiedSignatures());
  }

  @Test
  void open_goDoublySignedNoteKnowingNeither_throwsUnverifiedListingBothSigners() {
    UnverifiedNoteException e =
        assertThrows(UnverifiedNoteException.class, () -> Note.open(BOTH_NOTE, List.of()));

    assertEquals(List.of("PeterNeumann+c74f20a3", "EnochRoot+af0cfe78"), keys(e.signatures()));
    assertTrue(e.getMessage().contains("known keys are none"), e.getMessage());
  }

  @Test
  void open_duplicatedKnownVerifierKey_isNotAmbiguous() {
    Note note = Note.open(BOTH_NOTE, List.of(Vectors.enoch(), Vectors.peter(), Vectors.enoch()));

    assertEquals(2, note.signatures().size());
  }

  @Test
  void open_goDuplicatedVerifiedAndUnverifiedSignatures_reportsEachOnce() {
    String peterSig = signatureLine(PETER_NOTE, 0);
    String enochSig = signatureLine(BOTH_NOTE, 1);
    String enochAbcd = insertIntoSignature(enochSig, 46, "ABCD");
    byte[] msg =
        (TEXT + "\n" + peterSig + peterSig + enochSig + enochSig + enochAbcd)
            .getBytes(StandardCharsets.UTF_8);

    Note note = Note.open(msg, Vectors.peter());

    assertEquals(List.of("PeterNeumann+c74f20a3"), keys(note.signatures()));
    assertEquals(
        List.of("EnochRoot+af0cfe78", "EnochRoot+af0cfe78"), keys(note.unverifiedSignatures()));
  }

  @Test
  void open_goInvalidSignatureVector_throwsInvalidSignatureNamingLineAndKey() {
    String bad = insertIntoSignature(signatureLine(PETER_NOTE, 0), 43, "ABCD");
    byte[] msg = (TEXT + "\n" + bad).getBytes(StandardCharsets.UTF_8);

    InvalidSignatureException e =
        assertThrows(InvalidSignatureException.class, () -> Note.open(msg, Vectors.peter()));

    assertEquals(4, e.line());
    assertEquals("PeterNeumann", e.keyName());
    assertEquals(new KeyId(0xc74f20a3), e.keyId());
  }

  @Test
  void open_goKeyIdRewritten_signatureIsFromUnknownKeyAndIgnored() {
    String peterSig = signatureLine(PETER_NOTE, 0);
    byte[] wrongId =
        (TEXT + "\n" + peterSig.replace("x08g", "xxxx")).getBytes(StandardCharsets.UTF_8);
    byte[] wrongName =
        (TEXT + "\n" + peterSig.replace("PeterNeumann", "CarmenSandiego"))
            .getBytes(StandardCharsets.UTF_8);

    UnverifiedNoteException id =
        assertThrows(UnverifiedNoteException.class, () -> Note.open(wrongId, Vectors.peter()));
    UnverifiedNoteException name =
        assertThrows(UnverifiedNoteException.class, () -> Note.open(wrongName, Vectors.peter()));

    assertEquals(List.of("PeterNeumann+c71c71a3"), keys(id.signatures()));
    assertEquals(List.of("CarmenSandiego+c74f20a3"), keys(name.signatures()));
  }

  @Test
  void open_tamperedText_throwsInvalidSignature() {
    byte[] tampered = PETER_NOTE.clone();
    tampered[3] ^= 0x20; // "If you" -> "If You"

    assertThrows(InvalidSignatureException.class, () -> Note.open(tampered, Vectors.peter()));
  }

  @Test
  void open_c2spExampleWithItsVkey_verifies() {
    NoteVerifierKey foo = NoteVerifierKey.parse(Vectors.key("c2sp/example-com-foo.vkey"));

    Note note = Note.open(Vectors.bytes("c2sp/example-com-foo.note"), foo);

    assertEquals("example.com/foo", foo.name());
    assertEquals(new KeyId(0x530d903a), foo.keyId());
    assertEquals("This is an example message.\n", note.text());
    assertEquals(Vectors.key("c2sp/example-com-foo.vkey"), foo.format());
  }

  @Test
  void open_c2spQuasimodoExample_isWellFormedButUnverifiable() {
    UnverifiedNoteException e =
        assertThrows(
            UnverifiedNoteException.class,
            () -> Note.open(Vectors.bytes("c2sp/quasimodo.note"), Vectors.peter()));

    assertEquals(List.of("quasimodo.example/salvatore+367ba04b"), keys(e.signatures()));
    assertEquals(64, e.signatures().get(0).signature().length);
  }

  @Test
  void open_goNoteWithC2spKey_throwsUnverifiedNamingTheKnownKey() {
    NoteVerifierKey foo = NoteVerifierKey.parse(Vectors.key("c2sp/example-com-foo.vkey"));

    UnverifiedNoteException e =
        assertThrows(UnverifiedNoteException.class, () -> Note.open(PETER_NOTE, foo));

    assertTrue(e.getMessage().contains("known keys are example.com/foo+530d903a"), e.getMessage());
  }

  private static List<String> keys(List<NoteSignature> signatures) {
    return signatures.stream().map(NoteSignature::describeKey).toList();
  }

  /** The {@code index}-th signature line of a note, with its newline. */
  private static String signatureLine(byte[] note, int index) {
    String s = new String(note, StandardCharsets.UTF_8);
    return s.substring(s.lastIndexOf("\n\n") + 2).lines().toList().get(index) + "\n";
  }

  /**
   * Inserts text into the base64 of a signature line. Go's test inserts at byte 60 of the line,
   * which is base64 offset 43 for PeterNeumann's line and 46 for EnochRoot's.
   */
  private static String insertIntoSignature(String line, int base64Offset, String insert) {
    int at = line.indexOf(' ', 2) + 1 + base64Offset;
    return line.substring(0, at) + insert + line.substring(at);
  }
}
