package dev.parley.ledger.checkpoint;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A transparency-log checkpoint: the log's origin, its tree size and its RFC 6962 / RFC 9162 root
 * hash, plus optional extension lines.
 *
 * <p>C2SP tlog-checkpoint, "Note text": "a sequence of at least three non-empty lines, separated by
 * newlines": the origin ("MUST be non-empty"), the tree size ("the ASCII decimal representation of
 * the number of leaves in the tree, with no leading zeroes (unless the tree is empty, in which case
 * the tree size is {@code 0})"), the root hash (standard base64, 32 bytes for SHA-256), and
 * extension lines ("if any, MUST be non-empty").
 *
 * <p>Implementation limits and choices:
 *
 * <ul>
 *   <li>The tree size is held in a {@code long}. Sizes up to 2^63 - 1 are accepted; larger uint64
 *       values are rejected with a message saying so (no log comes near), so {@link #size()} is
 *       never negative and ordinary comparisons are safe.
 *   <li>The origin may contain spaces and {@code +} (the spec only RECOMMENDS against them; Go's
 *       checksum database uses the origin {@code go.sum database tree}), but no character below
 *       U+0020, which a signed note may not carry.
 *   <li>The root hash must be canonical base64 (exactly what encoding its bytes gives back).
 * </ul>
 *
 * @param origin the first line: the log's identity
 * @param size the number of leaves
 * @param rootHash the 32-byte Merkle tree hash at {@code size}
 * @param extensions extension lines, in order (usually none)
 */
// The array is copied in and out, and equals/hashCode/toString compare contents.
@SuppressWarnings("ArrayRecordComponent")
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {
  /** The root hash length: SHA-256, as RFC 6962 and RFC 9162 use it. */
  public static final int HASH_BYTES = 32;

  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /**
   * Validates every field and copies the array and list.
   *
   * @throws IllegalArgumentException naming the field that is invalid
   */
  public Checkpoint {
    lineProblem(Objects.requireNonNull(origin, "origin"))
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("origin: " + p);
            });
    if (size < 0) {
      throw new IllegalArgumentException("size: must not be negative, got " + size);
    }
    if (rootHash.length != HASH_BYTES) {
      throw new IllegalArgumentException(
          "rootHash: must be " + HASH_BYTES + " bytes, got " + rootHash.length);
    }
    rootHash = rootHash.clone();
    extensions = List.copyOf(extensions);
    for (int i = 0; i < extensions.size(); i++) {
      String where = "extensions[" + i + "]: ";
      lineProblem(extensions.get(i))
          .ifPresent(
              p -> {
                throw new IllegalArgumentException(where + p);
              });
    }
  }

  /**
   * Makes a checkpoint without extension lines.
   *
   * @param origin the log's origin
   * @param size the number of leaves
   * @param rootHash the 32-byte root hash
   */
  public Checkpoint(String origin, long size, byte[] rootHash) {
    this(origin, size, rootHash, List.of());
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /**
   * Returns the checkpoint text, the body of the signed note.
   *
   * @return origin, size, base64 root hash and extension lines, each ending in a newline
   */
  public String body() {
    StringBuilder b = new StringBuilder();
    b.append(origin).append('\n');
    b.append(size).append('\n');
    b.append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
    for (String e : extensions) {
      b.append(e).append('\n');
    }
    return b.toString();
  }

  /**
   * Parses a checkpoint text (for example a verified note's text).
   *
   * @param text the text, ending in a newline
   * @return the checkpoint
   * @throws CheckpointFormatException naming the line and what is wrong with it
   */
  public static Checkpoint parse(String text) {
    if (text.isEmpty() || text.charAt(text.length() - 1) != '\n') {
      throw new CheckpointFormatException(
          (int) text.chars().filter(c -> c == '\n').count() + 1,
          "the text must end with a newline");
    }
    List<String> lines = Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
    // "a sequence of at least three non-empty lines"; "Extension lines, if any, MUST be non-empty."
    String[] names = {"origin", "tree size", "root hash"};
    for (int i = 0; i < lines.size(); i++) {
      String what = i < names.length ? names[i] : "extension";
      int n = i + 1;
      lineProblem(lines.get(i))
          .ifPresent(
              p -> {
                throw new CheckpointFormatException(n, what + " line: " + p);
              });
    }
    if (lines.size() < names.length) {
      throw new CheckpointFormatException(
          lines.size() + 1,
          "missing the " + names[lines.size()] + " line (a checkpoint has at least 3 lines)");
    }
    long size = parseSize(lines.get(1));
    byte[] root = parseRootHash(lines.get(2));
    return new Checkpoint(
        lines.get(0), size, root, new ArrayList<>(lines.subList(3, lines.size())));
  }

  private static long parseSize(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        throw new CheckpointFormatException(
            2,
            "tree size \""
                + s
                + "\" must be decimal digits only (character "
                + (i + 1)
                + " is not)");
      }
    }
    // "with no leading zeroes (unless the tree is empty, in which case the tree size is 0)"
    if (s.length() > 1 && s.charAt(0) == '0') {
      throw new CheckpointFormatException(2, "tree size \"" + s + "\" has a leading zero");
    }
    BigInteger value = new BigInteger(s);
    if (value.compareTo(UINT64_MAX) > 0) {
      throw new CheckpointFormatException(2, "tree size " + s + " exceeds the uint64 range");
    }
    if (value.bitLength() > 63) {
      throw new CheckpointFormatException(
          2, "tree size " + s + " exceeds 2^63-1, the largest this implementation supports");
    }
    return value.longValue();
  }

  private static byte[] parseRootHash(String s) {
    byte[] root;
    try {
      root = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new CheckpointFormatException(3, "root hash is not standard base64");
    }
    if (!Base64.getEncoder().encodeToString(root).equals(s)) {
      throw new CheckpointFormatException(
          3, "root hash is not canonical standard base64 (padding or trailing bits)");
    }
    if (root.length != HASH_BYTES) {
      throw new CheckpointFormatException(
          3, "root hash must be " + HASH_BYTES + " bytes (SHA-256), got " + root.length);
    }
    return root;
  }

  /** Describes why a string cannot be a checkpoint line, or empty if it can. */
  private static Optional<String> lineProblem(String line) {
    if (line.isEmpty()) {
      return Optional.of("must not be empty");
    }
    for (int i = 0; i < line.length(); ) {
      int c = line.codePointAt(i);
      if (c < 0x20) {
        return Optional.of(
            "control character "
                + codePoint(c)
                + " at index "
                + i
                + " (a signed note allows none but the newline that ends each line)");
      }
      if (c <= 0xffff && Character.isSurrogate((char) c)) {
        return Optional.of(
            "unpaired surrogate " + codePoint(c) + " at index " + i + " (not valid UTF-8)");
      }
      i += Character.charCount(c);
    }
    return Optional.empty();
  }

  private static String codePoint(int c) {
    String hex = Integer.toHexString(c).toUpperCase(Locale.ROOT);
    return "U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c
        && origin.equals(c.origin)
        && size == c.size
        && Arrays.equals(rootHash, c.rootHash)
        && extensions.equals(c.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, Arrays.hashCode(rootHash), extensions);
  }

  @Override
  public String toString() {
    return "Checkpoint[origin="
        + origin
        + ", size="
        + size
        + ", rootHash="
        + Base64.getEncoder().encodeToString(rootHash)
        + (extensions.isEmpty() ? "" : ", extensions=" + extensions)
        + "]";
  }
}
