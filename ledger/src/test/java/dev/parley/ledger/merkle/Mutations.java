package dev.parley.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/** Corruptions of a valid proof, each of which must make verification fail. */
final class Mutations {
  private Mutations() {}

  /** A cheap sample for property tests: one flipped bit, one element dropped, one appended. */
  static List<List<byte[]>> sample(List<byte[]> proof, java.util.SplittableRandom rnd) {
    List<List<byte[]>> out = new ArrayList<>();
    if (!proof.isEmpty()) {
      int i = rnd.nextInt(proof.size());
      List<byte[]> flipped = new ArrayList<>(proof);
      byte[] h = proof.get(i).clone();
      h[rnd.nextInt(h.length)] ^= (byte) (1 << rnd.nextInt(8));
      flipped.set(i, h);
      out.add(flipped);
      out.add(proof.subList(0, proof.size() - 1));
    }
    List<byte[]> appended = new ArrayList<>(proof);
    appended.add(NaiveMerkle.sha256());
    out.add(appended);
    return out;
  }

  static List<List<byte[]>> of(List<byte[]> proof) {
    List<List<byte[]>> out = new ArrayList<>();
    byte[] other = NaiveMerkle.sha256("other".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (int i = 0; i < proof.size(); i++) {
      for (int bit : new int[] {0, 3, 255}) {
        List<byte[]> flipped = new ArrayList<>(proof);
        byte[] h = proof.get(i).clone();
        h[bit / 8] ^= (byte) (1 << (bit % 8));
        flipped.set(i, h);
        out.add(flipped);
      }
      List<byte[]> removed = new ArrayList<>(proof);
      removed.remove(i);
      out.add(removed);
    }
    List<byte[]> appended = new ArrayList<>(proof);
    appended.add(other);
    out.add(appended);
    List<byte[]> prepended = new ArrayList<>(proof);
    prepended.add(0, other);
    out.add(prepended);
    if (proof.size() > 1) {
      List<byte[]> swapped = new ArrayList<>(proof);
      swapped.set(0, proof.get(1));
      swapped.set(1, proof.get(0));
      if (!java.util.Arrays.equals(proof.get(0), proof.get(1))) {
        out.add(swapped);
      }
    }
    return out;
  }
}
