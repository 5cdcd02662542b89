package dev.parley.gateway.security;

import java.util.Base64;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Generates IAB TCF v2 TC strings for fuzzing: mostly well-formed core segments with random field
 * values (extreme ones included), bit-field or range-encoded vendor sections, publisher
 * restrictions and optional further segments, then sometimes damaged (truncated, bits flipped,
 * lengths that overrun the data). Field layout: IAB Tech Lab, "Transparency and Consent String with
 * Global Vendor & CMP List Formats", TCF v2.2, "Core string" (see the test resources' README).
 */
final class TcStringGenerator {
  private final SplittableRandom random;
  private boolean damaged;

  TcStringGenerator(SplittableRandom random) {
    this.random = random;
  }

  /** A bit writer, most significant bit first. */
  private static final class Bits {
    private final BitSet bits = new BitSet();
    private int length;

    void write(long value, int width) {
      for (int i = width - 1; i >= 0; i--) {
        bits.set(length++, ((value >>> i) & 1) == 1);
      }
    }

    String base64(int cutBits) {
      int n = Math.max(0, Math.min(length, length - cutBits));
      byte[] out = new byte[(n + 7) / 8];
      for (int i = 0; i < n; i++) {
        if (bits.get(i)) {
          out[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }
  }

  /** A value of {@code width} bits: usually typical, sometimes 0 or all ones. */
  private long field(int width, long typical) {
    if (!damaged) {
      return typical & ((1L << width) - 1);
    }
    return switch (random.nextInt(10)) {
      case 0 -> 0;
      case 1 -> (1L << width) - 1;
      case 2 -> random.nextLong() & ((1L << width) - 1);
      default -> typical & ((1L << width) - 1);
    };
  }

  private void vendorSection(Bits b) {
    int maxVendor = (int) field(16, 1 + random.nextInt(1200));
    boolean ranges = random.nextBoolean();
    b.write(maxVendor, 16);
    b.write(ranges ? 1 : 0, 1);
    if (!ranges) {
      int n = damaged && random.nextInt(8) == 0 ? random.nextInt(65536) : maxVendor;
      for (int i = 0; i < n; i++) {
        b.write(random.nextInt(4) == 0 ? 1 : 0, 1);
      }
      return;
    }
    int entries = (int) field(12, random.nextInt(6));
    b.write(entries, 12);
    int written = damaged && random.nextInt(4) == 0 ? random.nextInt(entries + 1) : entries;
    for (int i = 0; i < written; i++) {
      boolean range = random.nextBoolean();
      int start = 1 + random.nextInt(Math.max(1, maxVendor));
      b.write(range ? 1 : 0, 1);
      b.write(field(16, start), 16);
      if (range) {
        b.write(field(16, start + random.nextInt(Math.max(1, maxVendor - start + 1))), 16);
      }
    }
  }

  /** A core segment, possibly followed by further segments, possibly damaged. */
  String next() {
    damaged = random.nextInt(3) == 0;
    Bits b = new Bits();
    long now = 17_700_000_000L + random.nextInt(1_000_000);
    b.write(field(6, 2), 6);
    b.write(field(36, now), 36);
    b.write(field(36, now + random.nextInt(1000)), 36);
    b.write(field(12, 7), 12);
    b.write(field(12, 1), 12);
    b.write(field(6, 1), 6);
    b.write(field(12, ('E' - 'A') << 6 | ('N' - 'A')), 12);
    b.write(field(12, 80), 12);
    b.write(field(6, random.nextBoolean() ? 4 : 5), 6);
    b.write(random.nextInt(2), 1);
    b.write(random.nextInt(2), 1);
    b.write(field(12, random.nextInt(4096)), 12);
    b.write(field(24, random.nextInt(1 << 24)), 24);
    b.write(field(24, random.nextInt(1 << 24)), 24);
    b.write(random.nextInt(2), 1);
    b.write(field(12, ('D' - 'A') << 6 | ('E' - 'A')), 12);
    vendorSection(b);
    vendorSection(b);
    int restrictions = (int) field(12, random.nextInt(3));
    b.write(restrictions, 12);
    int written =
        damaged && random.nextInt(4) == 0
            ? random.nextInt(restrictions + 1)
            : Math.min(restrictions, 8);
    for (int i = 0; i < written; i++) {
      b.write(field(6, 1 + random.nextInt(11)), 6);
      b.write(random.nextInt(4), 2);
      int entries = random.nextInt(3);
      b.write(entries, 12);
      for (int e = 0; e < entries; e++) {
        boolean range = random.nextBoolean();
        int start = 1 + random.nextInt(900);
        b.write(range ? 1 : 0, 1);
        b.write(field(16, start), 16);
        if (range) {
          b.write(field(16, start + random.nextInt(100)), 16);
        }
      }
    }
    // The reference decoder reads whole bytes around each field: leave zero slack after the last.
    b.write(0, 16);
    int cut = damaged && random.nextInt(3) == 0 ? random.nextInt(64) : 0;
    StringBuilder out = new StringBuilder(b.base64(cut));
    int segments = random.nextInt(8) == 0 ? 1 + random.nextInt(3) : 0;
    for (int i = 0; i < segments; i++) {
      Bits s = new Bits();
      s.write(
          damaged ? random.nextInt(8) : 1 + random.nextInt(2), 3); // disclosed or allowed vendors
      vendorSection(s);
      s.write(0, 16);
      out.append('.').append(s.base64(damaged && random.nextInt(4) == 0 ? random.nextInt(20) : 0));
    }
    return out.toString();
  }
}
