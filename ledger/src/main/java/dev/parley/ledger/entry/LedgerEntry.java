package dev.parley.ledger.entry;

import dev.parley.ledger.jcs.InvalidJsonException;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import dev.parley.ledger.merkle.MerkleHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * One ledger event: {@code {"body":{...},"prev":"<hex>","time":"<RFC 3339>","type":"<name>"}},
 * serialized in RFC 8785 canonical form.
 *
 * <p>{@code prev} is the chain hash of the entry before this one ({@link ChainHash}); the first
 * entry's {@code prev} is 64 zeros. An entry's encoding is at most {@value #MAX_BYTES} bytes, the
 * largest a C2SP entry bundle can frame (big-endian uint16 length prefix).
 *
 * @param type the registered event type
 * @param time when the sequencer accepted it (milliseconds, UTC)
 * @param prev the previous chain hash (32 bytes)
 * @param body the type-specific body, valid for {@code type}
 */
@SuppressWarnings("ArrayRecordComponent") // byte strings copied or never compared
public record LedgerEntry(EntryType type, Instant time, byte[] prev, JsonObject body) {
  /** The largest encoded entry, in bytes. */
  public static final int MAX_BYTES = 65_535;

  private static final Set<String> MEMBERS = Set.of("body", "prev", "time", "type");
  private static final HexFormat HEX = HexFormat.of();

  /** Validates and copies {@code prev}; truncates {@code time} to milliseconds. */
  public LedgerEntry {
    if (prev.length != 32) {
      throw new IllegalArgumentException("prev: must be 32 bytes, got " + prev.length);
    }
    prev = prev.clone();
    time = time.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    List<String> problems = type.validate(body);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  @Override
  public byte[] prev() {
    return prev.clone();
  }

  /**
   * Returns the canonical encoding.
   *
   * @return RFC 8785 bytes
   */
  public byte[] encode() {
    return encode(type, time, prev, body.canonicalBytes());
  }

  /**
   * Encodes an entry from its already-canonical body.
   *
   * <p>RFC 8785 section 3.2.3 sorts members by UTF-16 code units, so the four members always come
   * as {@code body, prev, time, type}; and the values of {@code prev} (lowercase hex), {@code time}
   * (digits, {@code -:.TZ}) and {@code type} (a registered name) need no escaping (section
   * 3.2.2.2). The canonical entry is therefore the fixed template below with the canonical body
   * spliced in, which lets the sequencer encode an entry in one copy. {@code LedgerEntryTest}
   * checks this against the general serializer.
   *
   * @param type the entry type
   * @param time the time (milliseconds are kept)
   * @param prev the previous chain hash (32 bytes)
   * @param canonicalBody the body's RFC 8785 bytes
   * @return the canonical entry bytes
   */
  public static byte[] encode(EntryType type, Instant time, byte[] prev, byte[] canonicalBody) {
    return encode(prev, canonicalBody, tail(type, time));
  }

  /**
   * Returns the fixed end of an entry of {@code type} stamped {@code time}: {@code
   * ","time":"...","type":"..."}}, shared by every entry of that type in one batch.
   *
   * @param type the entry type
   * @param time the time (milliseconds are kept)
   * @return ASCII bytes for {@link #encode(byte[], byte[], byte[])}
   */
  public static byte[] tail(EntryType type, Instant time) {
    return ("\",\"time\":\"" + EntryTime.format(time) + "\",\"type\":\"" + type.wireName() + "\"}")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Encodes an entry from its already-canonical body and a {@link #tail}, in one copy (see {@link
   * #encode(EntryType, Instant, byte[], byte[])} for why this is the canonical form).
   *
   * @param prev the previous chain hash (32 bytes)
   * @param canonicalBody the body's RFC 8785 bytes
   * @param tail from {@link #tail}
   * @return the canonical entry bytes
   */
  public static byte[] encode(byte[] prev, byte[] canonicalBody, byte[] tail) {
    byte[] out = new byte[HEAD.length + canonicalBody.length + PREV_KEY.length + 64 + tail.length];
    int at = 0;
    System.arraycopy(HEAD, 0, out, at, HEAD.length);
    at += HEAD.length;
    System.arraycopy(canonicalBody, 0, out, at, canonicalBody.length);
    at += canonicalBody.length;
    System.arraycopy(PREV_KEY, 0, out, at, PREV_KEY.length);
    at += PREV_KEY.length;
    for (int i = 0; i < 32; i++) {
      out[at++] = HEX_DIGITS[(prev[i] >> 4) & 0xf];
      out[at++] = HEX_DIGITS[prev[i] & 0xf];
    }
    System.arraycopy(tail, 0, out, at, tail.length);
    return out;
  }

  /**
   * Starts the leaf hash of an entry whose canonical body is {@code canonicalBody}: the returned
   * digest has absorbed the byte {@code 0x00}, the entry's opening <code>{"body":</code> and the
   * body: everything of the entry that comes before {@code prev}. Finish it with {@link
   * #finishLeafHash}.
   *
   * <p>SHA-256 consumes its input in 64-byte blocks, so the blocks of the body can be compressed
   * before the sequencer knows {@code prev}; the sequencer then compresses only the last few blocks
   * (RFC 9162 §2.1.1: the leaf hash is {@code HASH(0x00 || d(0))} over the whole entry either way).
   *
   * @param canonicalBody the body's RFC 8785 bytes
   * @return a digest owned by the caller
   */
  public static MessageDigest startLeafHash(byte[] canonicalBody) {
    MessageDigest sha = MerkleHash.startLeafHash();
    sha.update(HEAD);
    sha.update(canonicalBody);
    return sha;
  }

  /**
   * Finishes a leaf hash begun by {@link #startLeafHash} for the entry {@code encoded}, which must
   * be {@link #encode(byte[], byte[], byte[])} of the same body.
   *
   * @param started the digest from {@link #startLeafHash}; consumed
   * @param encoded the encoded entry
   * @param bodyLength the canonical body's length
   * @return the RFC 9162 leaf hash of {@code encoded}
   */
  public static byte[] finishLeafHash(MessageDigest started, byte[] encoded, int bodyLength) {
    int from = HEAD.length + bodyLength;
    started.update(encoded, from, encoded.length - from);
    return started.digest();
  }

  /**
   * Returns the encoded size of an entry of {@code type} whose canonical body has {@code
   * bodyLength} bytes (every time has the same length).
   *
   * @param type the entry type
   * @param bodyLength the canonical body's length
   * @return the entry's length in bytes
   */
  public static int encodedSize(EntryType type, int bodyLength) {
    return HEAD.length + bodyLength + PREV_KEY.length + 64 + TAIL_FIXED + type.wireName().length();
  }

  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  // ","time":"<24>","type":"<name>"}
  private static final int TAIL_FIXED = 10 + 24 + 10 + 2;
  private static final byte[] HEAD = "{\"body\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PREV_KEY = ",\"prev\":\"".getBytes(StandardCharsets.US_ASCII);

  /**
   * Decodes and fully checks an entry: canonical JSON, exactly the four members, a registered type,
   * a valid time and {@code prev}, and a body valid for the type.
   *
   * @param bytes the encoded entry
   * @return the entry
   * @throws EntryFormatException naming the first problem
   */
  public static LedgerEntry decode(byte[] bytes) throws EntryFormatException {
    if (bytes.length > MAX_BYTES) {
      throw new EntryFormatException("entry: " + bytes.length + " bytes exceeds " + MAX_BYTES);
    }
    JsonValue parsed;
    try {
      parsed = Jcs.parse(bytes);
    } catch (InvalidJsonException e) {
      throw new EntryFormatException("entry: not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof JsonObject obj)) {
      throw new EntryFormatException("entry: must be a JSON object");
    }
    if (!Arrays.equals(obj.canonicalBytes(), bytes)) {
      throw new EntryFormatException("entry: not in RFC 8785 canonical form");
    }
    for (String name : obj.members().keySet()) {
      if (!MEMBERS.contains(name)) {
        throw new EntryFormatException(name + ": not an entry member");
      }
    }
    String typeName = string(obj, "type");
    EntryType type =
        EntryType.byWireName(typeName)
            .orElseThrow(
                () ->
                    new EntryFormatException("type: '" + typeName + "' is not a registered type"));
    Instant time;
    try {
      time = EntryTime.parse(string(obj, "time"));
    } catch (IllegalArgumentException e) {
      throw new EntryFormatException("time: " + e.getMessage());
    }
    String prevHex = string(obj, "prev");
    if (!isLowerHex64(prevHex)) {
      throw new EntryFormatException("prev: must be 64 lowercase hexadecimal characters");
    }
    if (!(obj.get("body").orElse(null) instanceof JsonObject body)) {
      throw new EntryFormatException("body: must be a JSON object");
    }
    String timeText = string(obj, "time");
    if (timeText.length() != 24 || timeText.charAt(19) != '.') {
      throw new EntryFormatException("time: must have exactly three fraction digits");
    }
    List<String> problems = type.validate(body);
    if (!problems.isEmpty()) {
      throw new EntryFormatException(problems.getFirst());
    }
    return new LedgerEntry(type, time, HEX.parseHex(prevHex), body);
  }

  private static boolean isLowerHex64(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static String string(JsonObject obj, String name) throws EntryFormatException {
    if (obj.get(name).orElse(null) instanceof JsonString s) {
      return s.value();
    }
    throw new EntryFormatException(name + ": required string member is missing");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LedgerEntry e
        && type == e.type
        && time.equals(e.time)
        && Arrays.equals(prev, e.prev)
        && body.equals(e.body);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(prev) + body.hashCode();
  }

  @Override
  public String toString() {
    return "LedgerEntry[" + type.wireName() + " at " + EntryTime.format(time) + "]";
  }
}
