package dev.parley.ledger.jcs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ES6 number serialization test file of cyberphone/json-canonicalization (see README). */
class Es6NumberVectorsTest {

  @Test
  void storedSample_isTheGenuineFirst1000Lines() throws Exception {
    byte[] sample = TestData.bytes("es6/es6testfile-first1000.txt");

    assertEquals(publishedChecksum(1000), sha256Hex(sample));
    assertEquals(1000, TestData.text("es6/es6testfile-first1000.txt").lines().count());
  }

  @Test
  void numberToString_storedSampleLines_matchExpectedText() {
    for (String line : TestData.lines("es6/es6testfile-first1000.txt")) {
      String[] fields = line.split(",", -1);
      double value = Double.longBitsToDouble(HexFormat.fromHexDigitsToLong(fields[0]));
      assertEquals(fields[1], Jcs.numberToString(value), line);
    }
  }

  @Test
  void sequence_first1000Lines_reproduceStoredSample() {
    Es6NumberSequence sequence = Es6NumberSequence.fromTestData();
    List<String> stored = TestData.lines("es6/es6testfile-first1000.txt");
    for (String expected : stored) {
      double value = sequence.next();
      assertEquals(expected + "\n", Es6NumberSequence.line(value, Jcs.numberToString(value)));
    }
  }

  @ParameterizedTest(name = "first {0} lines")
  @ValueSource(ints = {10_000, 100_000})
  void numberToString_generatedLines_matchPublishedChecksum(int lines) throws Exception {
    assertEquals(publishedChecksum(lines), generatedChecksum(lines));
  }

  @Test
  @Tag("slow")
  void numberToString_firstMillionLines_matchPublishedChecksum() throws Exception {
    assertEquals(publishedChecksum(1_000_000), generatedChecksum(1_000_000));
  }

  private static String generatedChecksum(int lines) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    Es6NumberSequence sequence = Es6NumberSequence.fromTestData();
    for (int i = 0; i < lines; i++) {
      double value = sequence.next();
      String line = Es6NumberSequence.line(value, Jcs.numberToString(value));
      digest.update(line.getBytes(StandardCharsets.US_ASCII));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String publishedChecksum(int lines) {
    return TestData.lines("es6/checksums.txt").stream()
        .map(l -> l.split(",", -1))
        .filter(f -> Integer.parseInt(f[1]) == lines)
        .map(f -> f[0])
        .findFirst()
        .orElseThrow();
  }

  private static String sha256Hex(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
