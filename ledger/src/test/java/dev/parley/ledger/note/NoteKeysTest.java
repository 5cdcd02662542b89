package dev.parley.ledger.note;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.secret.SecretKeyAccess;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verifier and signing keys: parsing, formatting, Go's mangling tests, secret hygiene. */
class NoteKeysTest {
  private static final String PETER_VKEY = Vectors.key("go-sumdb/PeterNeumann.vkey");
  private static final String PETER_SKEY = Vectors.key("go-sumdb/PeterNeumann.skey");

  @Test
  void parseVkey_goManglings_everyProperSubstringAndByteIncrementRejected() {
    // Go's TestNewVerifier: all substrings other than the whole, and each byte incremented.
    List<String> accepted = new ArrayList<>();
    for (String bad : manglings(PETER_VKEY)) {
      try {
        NoteVerifierKey.parse(bad);
        accepted.add(bad);
      } catch (IllegalArgumentException expected) {
        // rejected, as it should be
      }
    }
    assertEquals(List.of(), accepted);
  }

  @Test
  void parseSkey_goManglings_everyProperSubstringAndByteIncrementRejected() {
    // Go's TestNewSigner.
    List<String> accepted = new ArrayList<>();
    for (String bad : manglings(PETER_SKEY)) {
      try {
        NoteSigningKey.parse(bad, SecretKeyAccess.grant());
        accepted.add(bad);
      } catch (IllegalArgumentException expected) {
        // rejected, as it should be
      }
    }
    assertEquals(List.of(), accepted);
  }

  @Test
  void parseVkey_goBadKeysWithAdjustedIds_rejected() {
    List<String> bad = Vectors.lines("go-sumdb/bad.vkeys");

    IllegalArgumentException length =
        assertThrows(IllegalArgumentException.class, () -> NoteVerifierKey.parse(bad.get(0)));
    IllegalArgumentException type =
        assertThrows(IllegalArgumentException.class, () -> NoteVerifierKey.parse(bad.get(1)));

    // Go's "wrong length" key ends in "BADKEY==", whose last group has non-zero unused bits, so the
    // strict decoder refuses it before the length check (tested on its own below).
    assertEquals(
        "vkey: key data is not canonical standard base64 (padding or trailing bits)",
        length.getMessage());
    assertEquals(
        "vkey: unsupported signature type 0x65 (Parley supports 0x01, Ed25519)", type.getMessage());
  }

  @Test
  void parseVkey_wrongKeyLengthWithAdjustedId_rejectedForLength() {
    byte[] shortKey = java.util.Arrays.copyOf(Vectors.peter().publicKey(), 31);
    byte[] data = new byte[32];
    data[0] = 1;
    System.arraycopy(shortKey, 0, data, 1, 31);
    String vkey =
        "PeterNeumann+"
            + KeyId.compute("PeterNeumann", SignatureType.ED25519, shortKey)
            + "+"
            + Base64.getEncoder().encodeToString(data);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NoteVerifierKey.parse(vkey));

    assertEquals("vkey: an Ed25519 key is 1 + 32 bytes, got 1 + 31", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "PeterNeumann|vkey: expected <key name>+<key ID>+<base64 key>, found no '+'",
        "PeterNeumann+c74f20a3|vkey: expected <key name>+<key ID>+<base64 key>, found only one '+'",
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW|vkey: key name \"\" is empty",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW|vkey: key name \"Peter Neumann\" contains a space (U+0020) at index 5",
        "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW|vkey: key ID must be 8 lowercase hex digits, character 1 is not",
        "PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW|vkey: key ID must be 8 lowercase hex digits, got 7 characters",
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW|vkey: key ID c74f20a4 does not match the name and key (they hash to c74f20a3)",
        "PeterNeumann+c74f20a3+|vkey: key data is empty",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TX|vkey: public key: not a valid Ed25519 public key (non-canonical, not on the curve, or of small order)",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW=|vkey: key data is not standard base64",
      })
  void parseVkey_malformed_messageNamesThePart(String vkey, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NoteVerifierKey.parse(vkey));

    assertEquals(message, e.getMessage());
  }

  @Test
  void ofEd25519_smallOrderPoint_rejected() {
    byte[] identity = new byte[32];
    identity[0] = 1; // the neutral element (0, 1)

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> NoteVerifierKey.ofEd25519("x", identity));

    assertTrue(e.getMessage().contains("small order"), e.getMessage());
  }

  @Test
  void keyId_peterNeumann_matchesSpecFormulaAndHexRoundTrip() {
    NoteVerifierKey peter = Vectors.peter();

    assertEquals(
        new KeyId(0xc74f20a3),
        KeyId.compute("PeterNeumann", SignatureType.ED25519, peter.publicKey()));
    assertEquals("c74f20a3", peter.keyId().toString());
    assertEquals(0xc74f20a3L, peter.keyId().unsigned());
    assertEquals(peter.keyId(), KeyId.parseHex("c74f20a3"));
    assertArrayEquals(new byte[] {(byte) 0xc7, 0x4f, 0x20, (byte) 0xa3}, peter.keyId().toBytes());
  }

  @Test
  void generate_newKey_vkeyRoundTripsAndSignatureVerifies() {
    NoteSigningKey key = NoteSigningKey.generate("example.com/log", new SecureRandom());
    byte[] msg = "hi".getBytes(StandardCharsets.UTF_8);

    byte[] sig = key.sign(msg);

    assertEquals(key.verifierKey(), NoteVerifierKey.parse(key.verifierKey().format()));
    assertTrue(key.verifierKey().verify(msg, sig));
    sig[0]++;
    assertFalse(key.verifierKey().verify(msg, sig));
    sig[0]--;
    msg[0]++;
    assertFalse(key.verifierKey().verify(msg, sig));
  }

  @Test
  void parseSkey_formatOfGeneratedKey_givesSameKey() {
    NoteSigningKey key = NoteSigningKey.generate("example.com/log", new SecureRandom());

    NoteSigningKey again =
        NoteSigningKey.parse(key.format(SecretKeyAccess.grant()), SecretKeyAccess.grant());

    assertEquals(key.verifierKey(), again.verifierKey());
    byte[] msg = "same".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(key.sign(msg), again.sign(msg));
  }

  @Test
  void signingKey_toStringAndParseErrors_revealNoSecret() {
    NoteSigningKey key = NoteSigningKey.parse(PETER_SKEY, SecretKeyAccess.grant());
    String secretB64 = PETER_SKEY.substring("PRIVATE+KEY+PeterNeumann+c74f20a3+".length());
    String secretPart = secretB64.substring(4, 16);
    List<String> messages = new ArrayList<>();
    messages.add(key.toString());
    for (String bad :
        List.of(
            "PRIVATE+KEY+" + secretB64,
            "PRIVATE+KEY+PeterNeumann+c74f20a3+" + secretB64 + "x",
            "PRIVATE+KEY+PeterNeumann+c74f20a4+" + secretB64,
            "PRIVATE+KEY+PeterNeumann+" + secretB64.substring(0, 8) + "+" + secretB64,
            "PRIVATE+KEY+" + secretB64.substring(0, 12) + " +c74f20a3+" + secretB64)) {
      messages.add(
          assertThrows(
                  IllegalArgumentException.class,
                  () -> NoteSigningKey.parse(bad, SecretKeyAccess.grant()))
              .getMessage());
    }

    assertEquals("NoteSigningKey[PeterNeumann+c74f20a3, secret redacted]", key.toString());
    for (String m : messages) {
      assertFalse(m.contains(secretPart), m);
      assertFalse(m.contains(secretB64.substring(0, 8)), m);
    }
  }

  @Test
  void destroy_signingKey_zeroesAndRefusesUse() {
    NoteSigningKey key = NoteSigningKey.generate("example.com/log", new SecureRandom());

    key.destroy();

    assertTrue(key.isDestroyed());
    assertThrows(IllegalStateException.class, () -> key.sign(new byte[1]));
    assertThrows(IllegalStateException.class, () -> key.format(SecretKeyAccess.grant()));
  }

  @Test
  void fromSeed_rfc8032Test1_derivesPublicKeyAndSignature() {
    java.util.Map<String, String> v = new java.util.HashMap<>();
    for (String line : Vectors.lines("rfc8032/test1.txt")) {
      v.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
    }
    java.util.HexFormat hex = java.util.HexFormat.of();

    NoteSigningKey key =
        NoteSigningKey.fromSeed("rfc8032", hex.parseHex(v.get("secret")), SecretKeyAccess.grant());

    assertArrayEquals(hex.parseHex(v.get("public")), key.verifierKey().publicKey());
    assertArrayEquals(hex.parseHex(v.get("signature")), key.sign(hex.parseHex(v.get("message"))));
  }

  @Test
  void fromSeed_requiresAccessToken() {
    assertThrows(
        NullPointerException.class, () -> NoteSigningKey.fromSeed("x", new byte[32], null));
    assertThrows(NullPointerException.class, () -> NoteSigningKey.parse(PETER_SKEY, null));
  }

  @Test
  void secretBase64_randomInputs_matchJavaBase64() {
    SecureRandom random = new SecureRandom();
    for (int n = 0; n <= 60; n += 3) {
      byte[] bytes = new byte[n];
      random.nextBytes(bytes);
      byte[] encoded = Base64Codec.encodeSecret(bytes);

      assertEquals(
          Base64.getEncoder().encodeToString(bytes),
          new String(encoded, StandardCharsets.US_ASCII));
      assertArrayEquals(bytes, Base64Codec.decodeSecret(encoded, 0, encoded.length));
    }
  }

  @Test
  void secretBase64_everyByteValue_decodesExactlyLikeJavaBase64() {
    for (int c = 0; c < 256; c++) {
      byte[] group = {'A', 'A', 'A', (byte) c};
      byte[] reference;
      try {
        reference = Base64.getDecoder().decode(group);
      } catch (IllegalArgumentException e) {
        reference = null;
      }
      if (c == '=') {
        reference = null; // padding is not accepted in secret key data (33 bytes need none)
      }
      byte[] ours;
      try {
        ours = Base64Codec.decodeSecret(group, 0, 4);
      } catch (IllegalArgumentException e) {
        ours = null;
      }
      assertArrayEquals(reference, ours, "byte " + c);
    }
  }

  @Test
  void verifierKey_equalsAndHashCode_dependOnAllParts() {
    NoteVerifierKey a = Vectors.peter();
    NoteVerifierKey b = NoteVerifierKey.parse(PETER_VKEY);

    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, Vectors.enoch());
    assertNotEquals(a, NoteVerifierKey.ofEd25519("PeterNeumann2", a.publicKey()));
  }

  private static List<String> manglings(String s) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i <= s.length(); i++) {
      for (int j = i + 1; j <= s.length(); j++) {
        if (i != 0 || j != s.length()) {
          out.add(s.substring(i, j));
        }
      }
    }
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i]++;
      out.add(new String(chars));
      chars[i]--;
    }
    return out;
  }
}
