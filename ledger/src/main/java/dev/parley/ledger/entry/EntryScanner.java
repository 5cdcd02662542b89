package dev.parley.ledger.entry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fast, allocation-light proof that an encoded entry is canonical RFC 8785 JSON and well-formed
 * for its type, for auditing logs of millions of entries.
 *
 * <p>It never builds a JSON tree. It accepts only the plainest spellings it can prove canonical on
 * its own: ASCII strings (escapes exactly as RFC 8785 section 3.2.2.2 writes them), object keys in
 * strictly increasing order without escapes (for ASCII, byte order is the UTF-16 order of section
 * 3.2.3, and strict order rules out duplicates), integers of at most 15 digits (exact as IEEE 754
 * doubles and written as plain digits by section 3.2.2.3), {@code true}, {@code false}, {@code
 * null}, nesting up to 32 deep, and no whitespace. Anything else (non-ASCII text, fractions,
 * exponents, base64 fields, long name lists) makes it answer "unknown", and the caller falls back
 * to {@link LedgerEntry#decode}, which also produces the precise message for a bad entry. So {@link
 * #check} returning a type implies {@code decode} succeeds with that type; {@code EntryScannerTest}
 * checks this against {@code decode} over generated valid and invalid entries.
 *
 * <p>Not thread-safe: it remembers the last time it validated (all entries of a batch share one).
 */
public final class EntryScanner {
  private static final int MAX_FIELDS = 64;
  private static final int MAX_FAST_NAMES = 32;
  private static final byte[] HEAD = ascii("{\"body\":");
  private static final byte[] PREV_KEY = ascii(",\"prev\":\"");
  private static final byte[] TIME_KEY = ascii("\",\"time\":\"");
  private static final byte[] TYPE_KEY = ascii("\",\"type\":\"");
  private static final EntryType[] TYPES = EntryType.values();
  private static final byte[][] TYPE_NAMES = new byte[TYPES.length][];

  static {
    for (int i = 0; i < TYPES.length; i++) {
      TYPE_NAMES[i] = ascii(TYPES[i].wireName());
    }
  }

  private final byte[] lastTime = new byte[24];
  private boolean haveLastTime;
  private final int[] nameStarts = new int[MAX_FAST_NAMES];
  private final int[] nameEnds = new int[MAX_FAST_NAMES];
  private byte[] buf;

  /** Creates a scanner. */
  public EntryScanner() {}

  /**
   * Returns where an entry's {@code prev} hex starts, for an entry this scanner accepted.
   *
   * @param type the type {@link #check} returned
   * @param offset where the entry starts
   * @param length its length
   * @return the offset of the 64 hex digits
   */
  public static int prevOffset(EntryType type, int offset, int length) {
    return offset
        + length
        - 2
        - type.wireName().length()
        - TYPE_KEY.length
        - 24
        - TIME_KEY.length
        - 64;
  }

  /**
   * Checks one entry.
   *
   * @param bytes holds the entry
   * @param offset where it starts
   * @param length its length
   * @return its type if the entry is proven canonical and valid; null if unknown (use {@link
   *     LedgerEntry#decode} for the verdict)
   */
  public EntryType check(byte[] bytes, int offset, int length) {
    if (length > LedgerEntry.MAX_BYTES || length < HEAD.length + 2) {
      return null;
    }
    this.buf = bytes;
    try {
      return checkEntry(offset, offset + length);
    } finally {
      this.buf = null;
    }
  }

  private EntryType checkEntry(int start, int end) {
    if (buf[end - 1] != '}' || buf[end - 2] != '"' || !matches(start, HEAD)) {
      return null;
    }
    EntryType type = null;
    int typeAt = -1;
    for (int i = 0; i < TYPES.length; i++) {
      int at = end - 2 - TYPE_NAMES[i].length;
      if (at - TYPE_KEY.length >= start && matches(at, TYPE_NAMES[i])) {
        if (matches(at - TYPE_KEY.length, TYPE_KEY)) {
          type = TYPES[i];
          typeAt = at - TYPE_KEY.length;
          break;
        }
      }
    }
    if (type == null) {
      return null;
    }
    int timeAt = typeAt - 24;
    int prevAt = timeAt - TIME_KEY.length - 64;
    int bodyEnd = prevAt - PREV_KEY.length;
    if (bodyEnd < start + HEAD.length + 2
        || !matches(timeAt - TIME_KEY.length, TIME_KEY)
        || !matches(bodyEnd, PREV_KEY)
        || !isLowerHex(prevAt, 64)
        || !checkTime(timeAt)) {
      return null;
    }
    int bodyStart = start + HEAD.length;
    if (buf[bodyStart] != '{' || checkBody(bodyStart, bodyEnd, type) != bodyEnd) {
      return null;
    }
    return type;
  }

  /** Checks the entry time exactly as {@link LedgerEntry#decode} does, once per distinct time. */
  private boolean checkTime(int at) {
    if (haveLastTime && Arrays.equals(buf, at, at + 24, lastTime, 0, 24)) {
      return true;
    }
    for (int i = at; i < at + 24; i++) {
      if (buf[i] < 0x20 || buf[i] == '"' || buf[i] == '\\' || buf[i] < 0) {
        return false;
      }
    }
    String text = new String(buf, at, 24, StandardCharsets.US_ASCII);
    try {
      EntryTime.parse(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (text.charAt(19) != '.') {
      return false;
    }
    System.arraycopy(buf, at, lastTime, 0, 24);
    haveLastTime = true;
    return true;
  }

  /** Checks the body object against the type's schema; returns the end of the object or -1. */
  private int checkBody(int pos, int end, EntryType type) {
    pos++; // '{'
    int required = 0;
    int prevKeyStart = -1;
    int prevKeyEnd = -1;
    int members = 0;
    if (pos < end && buf[pos] == '}') {
      return type.requiredCount() == 0 ? pos + 1 : -1;
    }
    while (pos < end) {
      int keyStart = pos + 1;
      int keyEnd = CanonicalSpans.plainString(buf, pos, end);
      if (keyEnd < 0 || keyEnd + 1 >= end || buf[keyEnd + 1] != ':' || ++members > MAX_FIELDS) {
        return -1;
      }
      if (prevKeyStart >= 0
          && Arrays.compare(buf, prevKeyStart, prevKeyEnd, buf, keyStart, keyEnd) >= 0) {
        return -1;
      }
      prevKeyStart = keyStart;
      prevKeyEnd = keyEnd;
      FieldSpec spec =
          type.field(new String(buf, keyStart, keyEnd - keyStart, StandardCharsets.US_ASCII));
      if (spec == null) {
        return -1;
      }
      pos = checkField(keyEnd + 2, end, spec);
      if (pos < 0 || pos >= end) {
        return -1;
      }
      if (spec.required()) {
        required++;
      }
      if (buf[pos] == '}') {
        return required == type.requiredCount() ? pos + 1 : -1;
      }
      if (buf[pos] != ',') {
        return -1;
      }
      pos++;
    }
    return -1;
  }

  private int checkField(int pos, int end, FieldSpec spec) {
    if (pos >= end) {
      return -1;
    }
    return switch (spec.kind()) {
      case NAME -> name(pos, end, spec);
      case TEXT -> text(pos, end);
      case HEX32 -> {
        int close = CanonicalSpans.plainString(buf, pos, end);
        yield close == pos + 65 && isLowerHex(pos + 1, 64) ? close + 1 : -1;
      }
      case COUNT -> buf[pos] == '-' ? -1 : CanonicalSpans.number(buf, pos, end);
      case TIME -> time(pos, end);
      case NAMES -> names(pos, end);
      case OBJECT -> buf[pos] == '{' ? CanonicalSpans.value(buf, pos, end, 1) : -1;
      case BASE64 -> -1; // rare; left to the full parser
    };
  }

  private int name(int pos, int end, FieldSpec spec) {
    int close = CanonicalSpans.plainString(buf, pos, end);
    if (close < 0 || !isName(pos + 1, close)) {
      return -1;
    }
    if (!spec.allowed().isEmpty()
        && !spec.allowed()
            .contains(new String(buf, pos + 1, close - pos - 1, StandardCharsets.US_ASCII))) {
      return -1;
    }
    return close + 1;
  }

  private int text(int pos, int end) {
    int after = CanonicalSpans.string(buf, pos, end);
    // RFC 8785 never writes fewer bytes than UTF-16 units, so this bounds the length.
    return after >= 0 && after - pos - 2 <= 60_000 ? after : -1;
  }

  private int time(int pos, int end) {
    int close = CanonicalSpans.plainString(buf, pos, end);
    if (close < 0) {
      return -1;
    }
    try {
      EntryTime.parse(new String(buf, pos + 1, close - pos - 1, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      return -1;
    }
    return close + 1;
  }

  /** A non-empty array of at most MAX_FAST_NAMES distinct names. */
  private int names(int pos, int end) {
    if (buf[pos] != '[') {
      return -1;
    }
    pos++;
    int n = 0;
    while (pos < end) {
      int close = CanonicalSpans.plainString(buf, pos, end);
      if (close < 0 || !isName(pos + 1, close) || n == MAX_FAST_NAMES) {
        return -1;
      }
      for (int i = 0; i < n; i++) {
        if (Arrays.equals(buf, nameStarts[i], nameEnds[i], buf, pos + 1, close)) {
          return -1;
        }
      }
      nameStarts[n] = pos + 1;
      nameEnds[n] = close;
      n++;
      pos = close + 1;
      if (pos < end && buf[pos] == ']') {
        return pos + 1;
      }
      if (pos >= end || buf[pos] != ',') {
        return -1;
      }
      pos++;
    }
    return -1;
  }

  private boolean isName(int from, int to) {
    int n = to - from;
    if (n < 1 || n > 128) {
      return false;
    }
    for (int i = from; i < to; i++) {
      byte c = buf[i];
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private boolean isLowerHex(int from, int n) {
    for (int i = from; i < from + n; i++) {
      byte c = buf[i];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private boolean matches(int at, byte[] expected) {
    return at >= 0
        && at + expected.length <= buf.length
        && Arrays.equals(buf, at, at + expected.length, expected, 0, expected.length);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
