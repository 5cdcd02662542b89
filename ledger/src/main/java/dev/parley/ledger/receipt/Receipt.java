package dev.parley.ledger.receipt;

import dev.parley.ledger.jcs.InvalidJsonException;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonNumber;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A self-contained proof that an entry is in the ledger: the entry, its index, its RFC 9162
 * inclusion proof and the signed checkpoint the proof leads to.
 *
 * <p>JSON form ({@code format: parley-receipt-v1}): {@code entry} is the base64 of the exact entry
 * bytes (so the leaf hash can be recomputed), {@code proof} the base64 hashes leaf to root, and
 * {@code checkpoint} the signed note text. Anyone holding the log's verifier key can check it
 * offline with {@link ReceiptVerifier}.
 *
 * @param index the entry index
 * @param entry the canonical entry bytes
 * @param proof the inclusion proof
 * @param checkpointNote the signed checkpoint note
 */
@SuppressWarnings("ArrayRecordComponent") // byte strings copied or never compared
public record Receipt(long index, byte[] entry, List<byte[]> proof, byte[] checkpointNote) {
  /** The format tag. */
  public static final String FORMAT = "parley-receipt-v1";

  /** Copies the arrays. */
  public Receipt {
    entry = entry.clone();
    proof = proof.stream().map(byte[]::clone).toList();
    checkpointNote = checkpointNote.clone();
  }

  @Override
  public byte[] entry() {
    return entry.clone();
  }

  @Override
  public byte[] checkpointNote() {
    return checkpointNote.clone();
  }

  /**
   * Returns the JSON form.
   *
   * @return the receipt as a JSON object
   */
  public JsonObject toJson() {
    JsonArray.Builder hashes = JsonArray.builder();
    for (byte[] h : proof) {
      hashes.add(Base64.getEncoder().encodeToString(h));
    }
    JsonValue entryJson;
    try {
      entryJson = Jcs.parse(entry);
    } catch (InvalidJsonException e) {
      entryJson = JsonString.of("(not JSON)");
    }
    return JsonObject.builder()
        .put("format", FORMAT)
        .put("index", index)
        .put("entry", Base64.getEncoder().encodeToString(entry))
        .put("entryJson", entryJson)
        .put("proof", hashes.build())
        .put("checkpoint", new String(checkpointNote, StandardCharsets.UTF_8))
        .build();
  }

  /**
   * Parses the JSON form.
   *
   * @param json the receipt bytes
   * @return the receipt
   * @throws IllegalArgumentException naming the member that is missing or malformed
   */
  public static Receipt parse(byte[] json) {
    JsonValue v;
    try {
      v = Jcs.parse(json);
    } catch (InvalidJsonException e) {
      throw new IllegalArgumentException("receipt: not valid JSON: " + e.getMessage(), e);
    }
    if (!(v instanceof JsonObject o)) {
      throw new IllegalArgumentException("receipt: must be a JSON object");
    }
    if (!(o.get("format").orElse(null) instanceof JsonString f) || !FORMAT.equals(f.value())) {
      throw new IllegalArgumentException("format: must be " + FORMAT);
    }
    if (!(o.get("index").orElse(null) instanceof JsonNumber n)
        || n.value() < 0
        || n.value() != Math.rint(n.value())) {
      throw new IllegalArgumentException("index: must be a non-negative integer");
    }
    byte[] entry = base64(o, "entry");
    if (!(o.get("proof").orElse(null) instanceof JsonArray a)) {
      throw new IllegalArgumentException("proof: must be an array of base64 hashes");
    }
    List<byte[]> proof = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!(a.get(i) instanceof JsonString s)) {
        throw new IllegalArgumentException("proof[" + i + "]: must be a base64 string");
      }
      byte[] h = decode(s.value(), "proof[" + i + "]");
      if (h.length != 32) {
        throw new IllegalArgumentException("proof[" + i + "]: must be 32 bytes, got " + h.length);
      }
      proof.add(h);
    }
    if (!(o.get("checkpoint").orElse(null) instanceof JsonString cp)) {
      throw new IllegalArgumentException("checkpoint: must be the signed note text");
    }
    return new Receipt(n.longValue(), entry, proof, cp.value().getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] base64(JsonObject o, String name) {
    if (!(o.get(name).orElse(null) instanceof JsonString s)) {
      throw new IllegalArgumentException(name + ": must be a base64 string");
    }
    return decode(s.value(), name);
  }

  private static byte[] decode(String s, String name) {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": not valid base64", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Receipt r
        && index == r.index
        && java.util.Arrays.equals(entry, r.entry)
        && java.util.Arrays.equals(checkpointNote, r.checkpointNote)
        && proof.size() == r.proof.size()
        && java.util.stream.IntStream.range(0, proof.size())
            .allMatch(i -> java.util.Arrays.equals(proof.get(i), r.proof.get(i)));
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + java.util.Arrays.hashCode(entry);
  }

  @Override
  public String toString() {
    return "Receipt[index=" + index + "]";
  }
}
