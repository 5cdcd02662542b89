package dev.parley.cleanroom.oprf;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.group.Scalar;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/**
 * Batched discrete-logarithm-equivalence proofs (RFC 9497 §2.2): a proof that k*A == B and k*C[i]
 * == D[i] for every i, of constant size for any number of pairs.
 *
 * <p>Timing: the prover's scalar multiplications (by the secret k and nonce r) are constant-time.
 * The verifier's operate on public values only, and reuse the same constant-time code; the final
 * comparison of challenges is constant-time too.
 */
public final class Dleq {
  private Dleq() {}

  /**
   * The composite elements M and Z of ComputeComposites.
   *
   * @param m the composite of the C elements
   * @param z the composite of the D elements (k*M on the prover side)
   */
  public record Composites(RistrettoElement m, RistrettoElement z) {}

  /**
   * GenerateProof(k, A, B, C, D) with a fresh random nonce r.
   *
   * @param suite the suite whose context string separates the transcripts
   * @param k the secret scalar
   * @param a the base A (the generator in the protocol)
   * @param b B = k*A (the public key)
   * @param c the elements C[i]
   * @param d the elements D[i] = k*C[i]
   * @param random the source of the nonce
   * @return the proof
   */
  public static DleqProof generateProof(
      OprfSuite suite,
      Scalar k,
      RistrettoElement a,
      RistrettoElement b,
      List<RistrettoElement> c,
      List<RistrettoElement> d,
      SecureRandom random) {
    return generateProof(suite, k, a, b, c, d, Scalar.random(random));
  }

  /**
   * GenerateProof(k, A, B, C, D) with a given nonce r; for test vectors ("ProofRandomScalar").
   * Reusing r across proofs reveals k: pass a fresh random scalar every time.
   *
   * @param suite the suite whose context string separates the transcripts
   * @param k the secret scalar
   * @param a the base A
   * @param b B = k*A
   * @param c the elements C[i]
   * @param d the elements D[i] = k*C[i]
   * @param r the nonce
   * @return the proof
   */
  public static DleqProof generateProof(
      OprfSuite suite,
      Scalar k,
      RistrettoElement a,
      RistrettoElement b,
      List<RistrettoElement> c,
      List<RistrettoElement> d,
      Scalar r) {
    Objects.requireNonNull(k, "k");
    Objects.requireNonNull(r, "r");
    Composites mz = computeCompositesFast(suite, k, b, c, d);
    RistrettoElement t2 = a.multiply(r);
    RistrettoElement t3 = mz.m().multiply(r);
    Scalar challenge = challenge(suite, b, mz, t2, t3);
    // s = r - c * k
    return new DleqProof(challenge, r.subtract(challenge.multiply(k)));
  }

  /**
   * VerifyProof(A, B, C, D, proof).
   *
   * @param suite the suite whose context string separates the transcripts
   * @param a the base A
   * @param b B, claimed k*A
   * @param c the elements C[i]
   * @param d the elements D[i], claimed k*C[i]
   * @param proof the proof
   * @return whether the proof is valid
   */
  public static boolean verifyProof(
      OprfSuite suite,
      RistrettoElement a,
      RistrettoElement b,
      List<RistrettoElement> c,
      List<RistrettoElement> d,
      DleqProof proof) {
    Objects.requireNonNull(proof, "proof");
    Composites mz = computeComposites(suite, b, c, d);
    // t2 = ((s * A) + (c * B)); t3 = ((s * M) + (c * Z))
    RistrettoElement t2 = a.multiply(proof.s()).add(b.multiply(proof.c()));
    RistrettoElement t3 = mz.m().multiply(proof.s()).add(mz.z().multiply(proof.c()));
    Scalar expectedC = challenge(suite, b, mz, t2, t3);
    return expectedC.equals(proof.c());
  }

  /**
   * ComputeComposites(B, C, D): M = sum d_i*C[i] and Z = sum d_i*D[i], for the verifier.
   *
   * @param suite the suite
   * @param b the element B
   * @param c the elements C[i]
   * @param d the elements D[i]
   * @return M and Z
   */
  public static Composites computeComposites(
      OprfSuite suite, RistrettoElement b, List<RistrettoElement> c, List<RistrettoElement> d) {
    return composites(suite, null, b, c, d);
  }

  /**
   * ComputeCompositesFast(k, B, C, D): M = sum d_i*C[i] and Z = k*M, for the prover who knows k.
   *
   * @param suite the suite
   * @param k the secret scalar
   * @param b the element B
   * @param c the elements C[i]
   * @param d the elements D[i]
   * @return M and Z
   */
  public static Composites computeCompositesFast(
      OprfSuite suite,
      Scalar k,
      RistrettoElement b,
      List<RistrettoElement> c,
      List<RistrettoElement> d) {
    Objects.requireNonNull(k, "k");
    return composites(suite, k, b, c, d);
  }

  private static Composites composites(
      OprfSuite suite,
      Scalar k,
      RistrettoElement b,
      List<RistrettoElement> c,
      List<RistrettoElement> d) {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(b, "B");
    if (c.isEmpty() || c.size() != d.size()) {
      throw new IllegalArgumentException(
          "C and D must be non-empty lists of equal length, got " + c.size() + " and " + d.size());
    }
    if (c.size() > 0xFFFF) {
      throw new IllegalArgumentException("at most 65535 pairs fit I2OSP(i, 2), got " + c.size());
    }
    // seed = Hash(I2OSP(len(Bm), 2) || Bm || I2OSP(len(seedDST), 2) || seedDST)
    byte[] seed =
        OprfSuite.hash(
            new Transcript()
                .appendWithLength(b.encode())
                .appendWithLength(suite.prefixed("Seed-"))
                .toByteArray());
    RistrettoElement m = RistrettoElement.identity();
    RistrettoElement z = RistrettoElement.identity();
    for (int i = 0; i < c.size(); i++) {
      RistrettoElement ci = Objects.requireNonNull(c.get(i), "C[" + i + "]");
      RistrettoElement di = Objects.requireNonNull(d.get(i), "D[" + i + "]");
      // compositeTranscript = I2OSP(len(seed), 2) || seed || I2OSP(i, 2) ||
      //   I2OSP(len(Ci), 2) || Ci || I2OSP(len(Di), 2) || Di || "Composite"
      byte[] transcript =
          new Transcript()
              .appendWithLength(seed)
              .appendI2osp2(i)
              .appendWithLength(ci.encode())
              .appendWithLength(di.encode())
              .appendAscii("Composite")
              .toByteArray();
      Scalar weight = suite.hashToScalar(transcript);
      m = ci.multiply(weight).add(m);
      if (k == null) {
        z = di.multiply(weight).add(z);
      }
    }
    if (k != null) {
      z = m.multiply(k);
    }
    return new Composites(m, z);
  }

  /** c = HashToScalar(len-prefixed Bm, M, Z, t2, t3 || "Challenge"). */
  private static Scalar challenge(
      OprfSuite suite,
      RistrettoElement b,
      Composites mz,
      RistrettoElement t2,
      RistrettoElement t3) {
    byte[] transcript =
        new Transcript()
            .appendWithLength(b.encode())
            .appendWithLength(mz.m().encode())
            .appendWithLength(mz.z().encode())
            .appendWithLength(t2.encode())
            .appendWithLength(t3.encode())
            .appendAscii("Challenge")
            .toByteArray();
    return suite.hashToScalar(transcript);
  }
}
