package dev.parley.ledger.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.ledger.merkle.MerkleHash;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class EntryBundleTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertFormat(int offset, int entry, String what, Executable call) {
    BundleFormatException e = assertThrows(BundleFormatException.class, call);
    assertEquals(offset, e.offset());
    assertEquals(entry, e.entry());
    assertEquals(
        "entry bundle: entry " + entry + " at byte offset " + offset + ": " + what, e.getMessage());
  }

  @Test
  void encode_threeEntries_bigEndianUint16Prefixes() throws BundleFormatException {
    byte[] bundle = EntryBundle.encode(List.of(utf8("a"), new byte[0], utf8("bc")));
    assertEquals("000161" + "0000" + "00026263", HEX.formatHex(bundle));
    List<byte[]> back = EntryBundle.decode(bundle, 3);
    assertEquals(
        List.of("a", "", "bc"),
        back.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
  }

  @Test
  void encode_limits_enforced() throws BundleFormatException {
    byte[] max = new byte[EntryBundle.MAX_ENTRY_SIZE];
    byte[] bundle = EntryBundle.encode(List.of(max));
    assertEquals("ffff", HEX.formatHex(bundle, 0, 2));
    assertEquals(65_535, EntryBundle.decode(bundle, 1).get(0).length);
    assertEquals(
        "entries[1]: 65536 bytes exceeds the uint16 limit of 65535",
        assertThrows(
                IllegalArgumentException.class,
                () -> EntryBundle.encode(List.of(max, new byte[65_536])))
            .getMessage());
    assertEquals(
        "entries: a bundle holds at most 256 entries, got 257",
        assertThrows(
                IllegalArgumentException.class,
                () -> EntryBundle.encode(Collections.nCopies(257, new byte[0])))
            .getMessage());
  }

  @Test
  void decode_randomBundles_roundTrip() throws BundleFormatException {
    SplittableRandom rnd = new SplittableRandom(256);
    for (int round = 0; round < 300; round++) {
      List<byte[]> entries = new ArrayList<>();
      int width = rnd.nextInt(1, 257);
      for (int i = 0; i < width; i++) {
        byte[] e = new byte[rnd.nextInt(rnd.nextBoolean() ? 8 : 600)];
        rnd.nextBytes(e);
        entries.add(e);
      }
      byte[] bundle = EntryBundle.encode(entries);
      List<byte[]> back = EntryBundle.decode(bundle, width);
      assertEquals(width, back.size());
      for (int i = 0; i < width; i++) {
        assertArrayEquals(entries.get(i), back.get(i), "entry " + i);
      }
      assertEquals(width, EntryBundle.decode(bundle).size());
    }
  }

  @Test
  void decode_truncatedOrOverlong_rejectedWithOffsetAndEntry() {
    byte[] twoAndAHalf = HEX.parseHex("000161" + "0000" + "00");
    assertFormat(
        5,
        2,
        "length prefix truncated: 1 of 2 bytes present",
        () -> EntryBundle.decode(twoAndAHalf));
    byte[] shortBody = HEX.parseHex("000161" + "00056162");
    assertFormat(3, 1, "declares 5 bytes but only 2 remain", () -> EntryBundle.decode(shortBody));
    byte[] three = HEX.parseHex("000161" + "0000" + "00026263");
    assertFormat(
        5,
        2,
        "4 bytes follow the last entry; the bundle holds exactly 2 entries",
        () -> EntryBundle.decode(three, 2));
    assertFormat(
        9, 3, "bundle ends after 3 entries; expected 4", () -> EntryBundle.decode(three, 4));
    assertFormat(
        0, 0, "bundle ends after 0 entries; expected 1", () -> EntryBundle.decode(new byte[0], 1));
    byte[] tooMany = new byte[2 * 257];
    assertFormat(
        512,
        256,
        "2 bytes follow the last entry; the bundle holds at most 256 entries",
        () -> EntryBundle.decode(tooMany));
  }

  @Test
  void decode_invalidWidth_rejected() {
    assertEquals(
        "width: must be 1-256, got 0",
        assertThrows(IllegalArgumentException.class, () -> EntryBundle.decode(new byte[0], 0))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> EntryBundle.leafHashes(new byte[0], 257));
  }

  @Test
  void leafHashes_bundle_isTheLevelZeroTile() throws BundleFormatException {
    List<byte[]> entries = List.of(utf8("x"), new byte[0], utf8("hello"), new byte[300]);
    ByteArrayOutputStream tile = new ByteArrayOutputStream();
    for (byte[] e : entries) {
      tile.writeBytes(MerkleHash.leafHash(e));
    }
    assertArrayEquals(tile.toByteArray(), EntryBundle.leafHashes(EntryBundle.encode(entries), 4));
    assertThrows(
        BundleFormatException.class, () -> EntryBundle.leafHashes(EntryBundle.encode(entries), 3));
  }
}
