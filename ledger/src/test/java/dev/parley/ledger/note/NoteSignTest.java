package dev.parley.ledger.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Note#sign}: input checks and multi-signer notes. */
class NoteSignTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final NoteSigningKey KEY = NoteSigningKey.generate("example.com/a", RANDOM);

  static Stream<Arguments> invalidTexts() {
    return Stream.of(
        Arguments.of("no newline", "text: must end with a newline (U+000A)"),
        Arguments.of("", "text: must end with a newline (U+000A)"),
        Arguments.of("a\rb\n", "text: line 1: control character U+000D (only newline is allowed)"),
        Arguments.of(
            "ok\n\tx\n", "text: line 2: control character U+0009 (only newline is allowed)"),
        Arguments.of("x\ud800\n", "text: line 1: unpaired surrogate U+D800 is not valid UTF-8"));
  }

  @ParameterizedTest
  @MethodSource("invalidTexts")
  void sign_invalidText_rejectedWithLine(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Note.sign(text, KEY));

    assertEquals(message, e.getMessage());
  }

  @Test
  void sign_noSigner_rejected() {
    assertThrows(IllegalArgumentException.class, () -> Note.sign("t\n", List.of()));
  }

  @Test
  void sign_sameKeyTwice_rejectedNamingIndex() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Note.sign("t\n", KEY, KEY));

    assertEquals(
        "signers[1]: key " + KEY.verifierKey().describe() + " is listed twice", e.getMessage());
  }

  @Test
  void open_sixteenSigners_allVerifiedInOrder() {
    // The spec: verifiers "MUST accept at least up to 16 signatures".
    List<NoteSigningKey> signers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      signers.add(NoteSigningKey.generate("example.com/witness" + i, RANDOM));
    }
    byte[] note = Note.sign("checkpoint\n", signers);

    Note opened = Note.open(note, signers.stream().map(NoteSigningKey::verifierKey).toList());

    assertEquals(
        signers.stream().map(s -> s.verifierKey().describe()).toList(),
        opened.signatures().stream().map(NoteSignature::describeKey).toList());
  }

  @Test
  void sign_sameTextTwice_identicalBytes() {
    assertEquals(
        new String(Note.sign("x\n", KEY), java.nio.charset.StandardCharsets.UTF_8),
        new String(Note.sign("x\n", KEY), java.nio.charset.StandardCharsets.UTF_8));
  }
}
