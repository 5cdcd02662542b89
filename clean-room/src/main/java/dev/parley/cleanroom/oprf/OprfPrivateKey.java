package dev.parley.cleanroom.oprf;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.group.Scalar;
import dev.parley.cleanroom.group.ScalarMultiplier;
import dev.parley.cleanroom.h2c.HashToRistretto255;
import dev.parley.ledger.secret.SecretKeyAccess;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A server private key skS, a nonzero scalar, with its public key; immutable.
 *
 * <p>The scalar never leaves this class except through {@link #toBytes(SecretKeyAccess)}, which
 * needs a {@link SecretKeyAccess} token; {@link #toString()} shows nothing of it. Keys are compared
 * by identity, not value, so that no equality check on secret material is offered.
 */
public final class OprfPrivateKey {
  private final Scalar scalar;
  private final ScalarMultiplier multiplier;
  private final OprfPublicKey publicKey;

  private OprfPrivateKey(Scalar scalar) {
    if (scalar.isZero()) {
      throw new OprfException(OprfException.Kind.INPUT_VALIDATION_ERROR, "private key is zero");
    }
    this.scalar = scalar;
    this.multiplier = ScalarMultiplier.of(scalar);
    this.publicKey = new OprfPublicKey(RistrettoElement.multiplyGenerator(scalar));
  }

  /**
   * GenerateKeyPair (RFC 9497 §3.2): a random nonzero scalar.
   *
   * @param random the source of randomness
   * @return a fresh key
   */
  public static OprfPrivateKey generate(SecureRandom random) {
    return new OprfPrivateKey(Scalar.random(random));
  }

  /**
   * DeriveKeyPair(seed, info) (RFC 9497 §3.2.1), deterministic. The key depends on the mode, whose
   * context string is part of the DST "DeriveKeyPair" || contextString.
   *
   * @param mode the protocol variant the key is for
   * @param seed Ns = 32 secret random bytes
   * @param info public information, at most 65534 bytes
   * @return the derived key
   * @throws OprfException DERIVE_KEY_PAIR_ERROR if 256 counters all give zero (negligible), or
   *     INPUT_VALIDATION_ERROR for a seed of the wrong length or an over-long info
   */
  public static OprfPrivateKey derive(OprfMode mode, byte[] seed, byte[] info) {
    if (seed == null || seed.length != Scalar.ENCODED_LENGTH) {
      throw new OprfException(
          OprfException.Kind.INPUT_VALIDATION_ERROR,
          "seed must be "
              + Scalar.ENCODED_LENGTH
              + " bytes, got "
              + (seed == null ? "null" : seed.length));
    }
    OprfSuite.requireInputLength(info, "info");
    OprfSuite suite = OprfSuite.of(mode);
    byte[] dst = suite.prefixed("DeriveKeyPair");
    // deriveInput = seed || I2OSP(len(info), 2) || info
    Transcript t = new Transcript().append(seed).appendWithLength(info);
    byte[] deriveInput = t.toByteArray();
    byte[] attempt = Arrays.copyOf(deriveInput, deriveInput.length + 1);
    try {
      for (int counter = 0; counter <= 255; counter++) {
        // skS = G.HashToScalar(deriveInput || I2OSP(counter, 1), DST = "DeriveKeyPair" || ctx)
        attempt[deriveInput.length] = (byte) counter;
        Scalar sk = HashToRistretto255.hashToScalar(attempt, dst);
        if (!sk.isZero()) {
          return new OprfPrivateKey(sk);
        }
      }
    } finally {
      t.wipe();
      Arrays.fill(deriveInput, (byte) 0);
      Arrays.fill(attempt, (byte) 0);
    }
    throw new OprfException(
        OprfException.Kind.DERIVE_KEY_PAIR_ERROR, "no nonzero key after 256 counter values");
  }

  /**
   * Restores a key from its 32-byte encoding (DeserializeScalar; zero is refused).
   *
   * @param bytes the canonical scalar encoding
   * @param access the token declaring that the caller handles secret bytes
   * @return the key
   * @throws OprfException DESERIALIZE_ERROR if not canonical, INPUT_VALIDATION_ERROR if zero
   */
  public static OprfPrivateKey fromBytes(byte[] bytes, SecretKeyAccess access) {
    SecretKeyAccess.require(access);
    return new OprfPrivateKey(OprfSuite.deserializeScalar(bytes, "private key"));
  }

  /**
   * Returns the 32-byte little-endian scalar (SerializeScalar).
   *
   * @param access the token declaring that the caller handles secret bytes
   * @return a fresh array the caller should wipe after use
   */
  public byte[] toBytes(SecretKeyAccess access) {
    SecretKeyAccess.require(access);
    return scalar.toBytes();
  }

  /**
   * Returns the public key pkS = skS * G.
   *
   * @return the public key
   */
  public OprfPublicKey publicKey() {
    return publicKey;
  }

  /** The scalar, for the protocol classes of this package only. */
  Scalar scalar() {
    return scalar;
  }

  /** skS prepared for repeated multiplication (recoded once), for this package only. */
  ScalarMultiplier multiplier() {
    return multiplier;
  }

  /** Returns a fixed string with the public key only. */
  @Override
  public String toString() {
    return "OprfPrivateKey[secret redacted, " + publicKey + "]";
  }
}
