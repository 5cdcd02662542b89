package dev.parley.cleanroom.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The lazily generated CSV stream. */
class CsvStreamTest {
  private static CsvStream numbers(long count, AtomicLong generated) {
    return new CsvStream(
        "n,square",
        count,
        (i, line) -> {
          generated.incrementAndGet();
          line.append(i).append(',').append(i * i).append('\n');
        });
  }

  /** The naive model: the whole file built in one string. */
  private static byte[] naive(long count) {
    StringBuilder b = new StringBuilder("n,square\n");
    for (long i = 0; i < count; i++) {
      b.append(i).append(',').append(i * i).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void read_bulkAndByteByByte_equalNaiveFile() throws Exception {
    byte[] expected = naive(50_000);
    assertArrayEquals(expected, numbers(50_000, new AtomicLong()).readAllBytes());
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    try (InputStream in = numbers(50_000, new AtomicLong())) {
      for (int b; (b = in.read()) >= 0; ) {
        one.write(b);
      }
    }
    assertArrayEquals(expected, one.toByteArray());
    byte[] odd = new byte[expected.length + 10];
    InputStream in = numbers(50_000, new AtomicLong());
    int total = 0;
    for (int n; (n = in.read(odd, total, Math.min(7, odd.length - total))) > 0; ) {
      total += n;
    }
    assertEquals(expected.length, total);
    assertEquals(-1, in.read(new byte[1], 0, 1));
    assertEquals(0, in.read(new byte[1], 0, 0));
  }

  @Test
  void read_firstBytesOfHugeFile_generatesOnlyOneChunk() throws Exception {
    AtomicLong generated = new AtomicLong();
    InputStream in = numbers(1_000_000_000L, generated);
    byte[] start = in.readNBytes(100);
    assertTrue(new String(start, StandardCharsets.UTF_8).startsWith("n,square\n0,0\n1,1\n2,4\n"));
    assertTrue(generated.get() < 20_000, "rows generated so far: " + generated.get());
  }

  @Test
  void read_noRows_isHeaderOnly() throws Exception {
    assertEquals(
        "n,square\n",
        new String(numbers(0, new AtomicLong()).readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void create_negativeCount_refused() {
    assertThrows(IllegalArgumentException.class, () -> numbers(-1, new AtomicLong()));
  }
}
