package dev.parley.ledger.jcs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The deterministic double sequence behind {@code es6testfile100m.txt}, written from the algorithm
 * in cyberphone/json-canonicalization {@code testdata/README.md}: first the static values, then
 * 2000 values counting up from bits 0x0010000000000000, then doubles read little-endian from a
 * SHA-256 chain (block = SHA-256(block), starting from 32 zero bytes), skipping zero and
 * non-finite.
 */
final class Es6NumberSequence {
  private static final int SERIAL_COUNT = 2000;

  private final long[] statics;
  private final MessageDigest sha256;
  private byte[] block = new byte[32];
  private int blockPos = 32; // block exhausted: hash before first use
  private int index;

  Es6NumberSequence(List<String> staticHex) {
    statics = staticHex.stream().mapToLong(HexFormat::fromHexDigitsToLong).toArray();
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Es6NumberSequence fromTestData() {
    return new Es6NumberSequence(TestData.lines("es6/static-u64.txt"));
  }

  double next() {
    double value;
    if (index < statics.length) {
      value = Double.longBitsToDouble(statics[index]);
    } else if (index < statics.length + SERIAL_COUNT) {
      value = Double.longBitsToDouble(0x0010000000000000L + (index - statics.length));
    } else {
      do {
        if (blockPos == 32) {
          block = sha256.digest(block);
          blockPos = 0;
        }
        value =
            Double.longBitsToDouble(
                ByteBuffer.wrap(block, blockPos, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
        blockPos += 8;
      } while (value == 0 || !Double.isFinite(value));
    }
    index++;
    return value;
  }

  /** One line of the test file: lowercase hex bits without leading zeros, ',', text, '\n'. */
  static String line(double value, String text) {
    return Long.toHexString(Double.doubleToRawLongBits(value)) + "," + text + "\n";
  }
}
