package dev.parley.ledger.note;

import dev.parley.ledger.secret.SecretKeyAccess;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.security.auth.Destroyable;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 signing key for signed notes: a key name and a 32-byte RFC 8032 private key (the
 * seed).
 *
 * <p>Text form, as Go's {@code golang.org/x/mod/sumdb/note} writes it (C2SP signed-note does not
 * define one): {@code PRIVATE+KEY+<name>+<8 hex key ID>+<base64(0x01 || 32-byte seed)>}. The key ID
 * is that of the public key, so {@link #parse} derives the public key and rejects an skey whose ID
 * does not match.
 *
 * <p>Secret handling: the seed leaves this object only through {@link #format} and {@link
 * #formatBytes}, which need a {@link SecretKeyAccess} token; parsing needs one too. The base64 of
 * the seed is encoded and decoded in constant time (no table lookups or branches on it); Bouncy
 * Castle's Ed25519 signing is constant-time. No message or {@link #toString()} contains any part of
 * the secret, and parse errors never quote the input (a garbled skey could put secret characters in
 * any field). {@link #destroy()} zeroes the seed; signing afterwards fails. Bouncy Castle's
 * internal temporaries cannot be zeroed from here.
 *
 * <p>Thread-safe: {@link #sign} and {@link #destroy} exclude each other.
 */
public final class NoteSigningKey implements Destroyable {
  private static final byte[] PREFIX = "PRIVATE+KEY+".getBytes(StandardCharsets.US_ASCII);
  private static final int SEED_BYTES = Ed25519.SECRET_KEY_SIZE;
  private static final int KEY_DATA_CHARS = 44; // base64 of 1 + 32 bytes, no padding

  private final Object lock = new Object();
  private final byte[] seed;
  private final byte[] publicKey;
  private final NoteVerifierKey verifierKey;
  private boolean destroyed;

  private NoteSigningKey(String name, byte[] seed) {
    this.seed = seed;
    this.publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    this.verifierKey = NoteVerifierKey.ofEd25519(name, publicKey);
  }

  /**
   * Generates a new key.
   *
   * @param name a valid key name (for a log, its origin)
   * @param random the source of the 32-byte seed
   * @return the key
   * @throws IllegalArgumentException if the name is invalid
   */
  public static NoteSigningKey generate(String name, SecureRandom random) {
    KeyNames.requireValid("key name", name);
    byte[] seed = new byte[SEED_BYTES];
    random.nextBytes(seed);
    return new NoteSigningKey(name, seed);
  }

  /**
   * Makes a key from an RFC 8032 private key.
   *
   * @param name a valid key name
   * @param seed the 32-byte private key; copied, so the caller may zero it
   * @param access the secret-access token
   * @return the key
   * @throws IllegalArgumentException if the name is invalid or the seed is not 32 bytes
   */
  public static NoteSigningKey fromSeed(String name, byte[] seed, SecretKeyAccess access) {
    SecretKeyAccess.require(access);
    KeyNames.requireValid("key name", name);
    if (seed.length != SEED_BYTES) {
      throw new IllegalArgumentException("seed: must be 32 bytes, got " + seed.length);
    }
    return new NoteSigningKey(name, seed.clone());
  }

  /**
   * Parses an skey.
   *
   * @param skey the text, without a trailing newline
   * @param access the secret-access token
   * @return the key
   * @throws IllegalArgumentException saying which part is malformed, never quoting it
   */
  public static NoteSigningKey parse(String skey, SecretKeyAccess access) {
    byte[] bytes = skey.getBytes(StandardCharsets.UTF_8);
    try {
      return parse(bytes, access);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Parses an skey from its UTF-8 bytes (so a caller reading a key file can zero its buffer).
   *
   * @param skey the bytes, without a trailing newline; not modified
   * @param access the secret-access token
   * @return the key
   * @throws IllegalArgumentException saying which part is malformed, never quoting it
   */
  public static NoteSigningKey parse(byte[] skey, SecretKeyAccess access) {
    SecretKeyAccess.require(access);
    if (skey.length < PREFIX.length
        || !Arrays.equals(skey, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
      throw new IllegalArgumentException(
          "skey: must start with PRIVATE+KEY+ (expected PRIVATE+KEY+<name>+<key ID>+<base64 key>)");
    }
    int nameEnd = indexOf(skey, (byte) '+', PREFIX.length);
    if (nameEnd < 0 || nameEnd + 10 > skey.length || skey[nameEnd + 9] != '+') {
      throw new IllegalArgumentException(
          "skey: expected PRIVATE+KEY+<name>+<8 hex key ID>+<base64 key>");
    }
    String name = utf8(skey, PREFIX.length, nameEnd);
    Optional<String> nameProblem = KeyNames.problem(name);
    if (nameProblem.isPresent()) {
      throw new IllegalArgumentException("skey: key name " + nameProblem.get());
    }
    KeyId id;
    try {
      id = KeyId.parseHex(new String(skey, nameEnd + 1, 8, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("skey: " + e.getMessage(), e);
    }
    int dataStart = nameEnd + 10;
    if (skey.length - dataStart != KEY_DATA_CHARS) {
      throw new IllegalArgumentException(
          "skey: key data must be "
              + KEY_DATA_CHARS
              + " base64 characters (0x01 and a 32-byte Ed25519 seed), got "
              + (skey.length - dataStart));
    }
    byte[] data;
    try {
      data = Base64Codec.decodeSecret(skey, dataStart, KEY_DATA_CHARS);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("skey: key data " + e.getMessage(), e);
    }
    try {
      // The type byte is an algorithm identifier, not secret, so branching on it leaks nothing.
      if (data[0] != SignatureType.ED25519.id()) {
        throw new IllegalArgumentException(
            "skey: unsupported signature type (Parley supports 0x01, Ed25519)");
      }
      NoteSigningKey key = new NoteSigningKey(name, Arrays.copyOfRange(data, 1, data.length));
      if (!key.keyId().equals(id)) {
        key.destroy();
        throw new IllegalArgumentException(
            "skey: the key ID does not match the name and key (they hash to another ID)");
      }
      return key;
    } finally {
      Arrays.fill(data, (byte) 0);
    }
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static String utf8(byte[] bytes, int from, int to) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("skey: key name is not valid UTF-8", e);
    }
  }

  /**
   * Returns the skey text. A Java string cannot be zeroed; prefer {@link #formatBytes} where the
   * text is written out.
   *
   * @param access the secret-access token
   * @return {@code PRIVATE+KEY+<name>+<key ID>+<base64(0x01 || seed)>}
   */
  public String format(SecretKeyAccess access) {
    byte[] bytes = formatBytes(access);
    try {
      return new String(bytes, StandardCharsets.UTF_8);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Returns the skey text as UTF-8 bytes, which the caller should zero after use.
   *
   * @param access the secret-access token
   * @return a new array
   * @throws IllegalStateException if the key was destroyed
   */
  public byte[] formatBytes(SecretKeyAccess access) {
    SecretKeyAccess.require(access);
    byte[] head = ("PRIVATE+KEY+" + name() + "+" + keyId() + "+").getBytes(StandardCharsets.UTF_8);
    byte[] data = new byte[1 + SEED_BYTES];
    byte[] chars;
    synchronized (lock) {
      checkLive();
      data[0] = SignatureType.ED25519.id();
      System.arraycopy(seed, 0, data, 1, SEED_BYTES);
      chars = Base64Codec.encodeSecret(data);
    }
    byte[] out = Arrays.copyOf(head, head.length + chars.length);
    System.arraycopy(chars, 0, out, head.length, chars.length);
    Arrays.fill(data, (byte) 0);
    Arrays.fill(chars, (byte) 0);
    return out;
  }

  /**
   * Returns the key name.
   *
   * @return the name
   */
  public String name() {
    return verifierKey.name();
  }

  /**
   * Returns the key ID.
   *
   * @return the ID of the public key
   */
  public KeyId keyId() {
    return verifierKey.keyId();
  }

  /**
   * Returns the matching verifier key.
   *
   * @return the public half
   */
  public NoteVerifierKey verifierKey() {
    return verifierKey;
  }

  /**
   * Signs bytes with pure Ed25519 (RFC 8032; deterministic).
   *
   * @param message the bytes (for a note, its text including the final newline)
   * @return the 64-byte signature, without key ID
   * @throws IllegalStateException if the key was destroyed
   */
  public byte[] sign(byte[] message) {
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    synchronized (lock) {
      checkLive();
      Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
    }
    return signature;
  }

  private void checkLive() {
    if (destroyed) {
      throw new IllegalStateException("signing key " + verifierKey.describe() + " was destroyed");
    }
  }

  /** Zeroes the seed. Idempotent. */
  @Override
  public void destroy() {
    synchronized (lock) {
      Arrays.fill(seed, (byte) 0);
      destroyed = true;
    }
  }

  @Override
  public boolean isDestroyed() {
    synchronized (lock) {
      return destroyed;
    }
  }

  /** Names the key; shows nothing secret. */
  @Override
  public String toString() {
    return "NoteSigningKey[" + verifierKey.describe() + ", secret redacted]";
  }
}
