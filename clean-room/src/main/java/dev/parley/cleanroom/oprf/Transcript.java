package dev.parley.cleanroom.oprf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte string for the RFC 9497 transcripts: I2OSP lengths, values and labels. */
final class Transcript {
  private byte[] buf = new byte[256];
  private int size;

  Transcript append(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /** Appends I2OSP(len(bytes), 2) || bytes. */
  Transcript appendWithLength(byte[] bytes) {
    return appendI2osp2(bytes.length).append(bytes);
  }

  /** Appends I2OSP(value, 2); value must fit in two bytes. */
  Transcript appendI2osp2(int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("I2OSP(value, 2) needs 0 <= value <= 65535, got " + value);
    }
    ensure(2);
    buf[size++] = (byte) (value >>> 8);
    buf[size++] = (byte) value;
    return this;
  }

  Transcript appendByte(int value) {
    ensure(1);
    buf[size++] = (byte) value;
    return this;
  }

  Transcript appendAscii(String label) {
    return append(label.getBytes(StandardCharsets.US_ASCII));
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** Overwrites the contents, for transcripts that held private input. */
  void wipe() {
    Arrays.fill(buf, (byte) 0);
    size = 0;
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      byte[] old = buf;
      buf = Arrays.copyOf(old, Math.max(old.length * 2, size + extra));
      Arrays.fill(old, (byte) 0);
    }
  }
}
