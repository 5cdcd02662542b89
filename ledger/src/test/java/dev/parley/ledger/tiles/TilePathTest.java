package dev.parley.ledger.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TilePathTest {
  @Test
  void format_tilesAndBundles_specSyntax() {
    assertEquals("tile/0/000", TileId.full(0, 0).path());
    assertEquals("tile/2/x001/x234/067.p/5", new TileId(2, 1_234_067, 5).path());
    assertEquals("tile/63/999", TileId.full(63, 999).path());
    assertEquals("tile/entries/x001/000", BundleId.full(1000).path());
    assertEquals("tile/entries/007.p/255", new BundleId(7, 255).path());
    assertEquals("x009/x223/x372/x036/x854/x775/807", TilePath.formatIndex(Long.MAX_VALUE));
    assertEquals("x001/000", TilePath.formatIndex(1000));
    assertEquals("999", TilePath.formatIndex(999));
  }

  @Test
  void parse_formattedResources_roundTrip() {
    SplittableRandom rnd = new SplittableRandom(8);
    for (int i = 0; i < 5000; i++) {
      long index = rnd.nextLong(Long.MAX_VALUE) >>> rnd.nextInt(64);
      int width = rnd.nextBoolean() ? TileMath.WIDTH : rnd.nextInt(1, 256);
      TileResource r =
          rnd.nextBoolean()
              ? new TileId(rnd.nextInt(64), index, width)
              : new BundleId(index, width);
      assertEquals(r, TilePath.parse(TilePath.format(r)), r.toString());
    }
    assertEquals(
        TileId.full(0, Long.MAX_VALUE),
        TilePath.parseTile("tile/0/x009/x223/x372/x036/x854/x775/807"));
    assertEquals(new BundleId(0, 1), TilePath.parseBundle("tile/entries/000.p/1"));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("", "at offset 0: must start with \"tile/\""),
        Arguments.of("tiles/0/000", "at offset 0: must start with \"tile/\""),
        Arguments.of("tile/0", "at offset 6: missing \"/<N>\" after the level"),
        Arguments.of(
            "tile/00/000",
            "at offset 5: level \"00\" must be \"entries\" or 0-63 without leading zeros"),
        Arguments.of(
            "tile/-1/000",
            "at offset 5: level \"-1\" must be \"entries\" or 0-63 without leading zeros"),
        Arguments.of(
            "tile/entry/000",
            "at offset 5: level \"entry\" must be \"entries\" or 0-63 without leading zeros"),
        Arguments.of("tile/64/000", "at offset 5: level 64 exceeds 63"),
        Arguments.of("tile/0/", "at offset 7: index element 0 \"\" must be 3 digits"),
        Arguments.of("tile/0/12", "at offset 7: index element 0 \"12\" must be 3 digits"),
        Arguments.of("tile/0/1234", "at offset 7: index element 0 \"1234\" must be 3 digits"),
        Arguments.of("tile/0/x001", "at offset 7: index element 0 \"x001\" must be 3 digits"),
        Arguments.of(
            "tile/0/001/002", "at offset 7: index element 0 \"001\" must be \"x\" and 3 digits"),
        Arguments.of(
            "tile/0/x01a/000", "at offset 7: index element 0 \"x01a\" must be \"x\" and 3 digits"),
        Arguments.of(
            "tile/0/x001/x234/067/",
            "at offset 17: index element 2 \"067\" must be \"x\" and 3 digits"),
        Arguments.of(
            "tile/0/x001/x234/x067/", "at offset 22: index element 3 \"\" must be 3 digits"),
        Arguments.of(
            "tile/0/x001//067", "at offset 12: index element 1 \"\" must be \"x\" and 3 digits"),
        Arguments.of(
            "tile/0/x000/001",
            "at offset 7: index element 0 \"x000\" is a leading zero group (non-canonical)"),
        Arguments.of(
            "tile/0/x009/x223/x372/x036/x854/x775/808",
            "at offset 7: index exceeds 9223372036854775807"),
        Arguments.of(
            "tile/0/\uff10\uff10\uff11",
            "at offset 7: index element 0 \"\uff10\uff10\uff11\" must be 3 digits"),
        Arguments.of("tile/0/000.p", "at offset 7: index element 0 \"000.p\" must be 3 digits"),
        Arguments.of(
            "tile/0/000.p/", "at offset 13: width \"\" must be 1-255 without leading zeros"),
        Arguments.of(
            "tile/0/000.p/0", "at offset 13: width \"0\" must be 1-255 without leading zeros"),
        Arguments.of(
            "tile/0/000.p/05", "at offset 13: width \"05\" must be 1-255 without leading zeros"),
        Arguments.of(
            "tile/0/000.p/256",
            "at offset 13: width 256 must be 1-255 (a full tile has no .p/ suffix)"),
        Arguments.of(
            "tile/0/000.p/5/", "at offset 13: width \"5/\" must be 1-255 without leading zeros"),
        Arguments.of(
            "tile/entries/000.p/1x",
            "at offset 19: width \"1x\" must be 1-255 without leading zeros"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void parse_malformedPath_rejectedWithOffsetAndReason(String path, String reason) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TilePath.parse(path));
    assertEquals("tile path \"" + path + "\": " + reason, e.getMessage());
  }

  @Test
  void parseTileOrBundle_wrongKind_rejected() {
    assertEquals(
        "tile path \"tile/entries/000\": at offset 5: is an entry bundle, not a hash tile",
        assertThrows(IllegalArgumentException.class, () -> TilePath.parseTile("tile/entries/000"))
            .getMessage());
    assertEquals(
        "tile path \"tile/0/000\": at offset 5: is a hash tile, not an entry bundle",
        assertThrows(IllegalArgumentException.class, () -> TilePath.parseBundle("tile/0/000"))
            .getMessage());
  }

  @Test
  void ids_outOfRange_rejected() {
    for (Runnable bad :
        List.<Runnable>of(
            () -> new TileId(64, 0, 1),
            () -> new TileId(-1, 0, 1),
            () -> new TileId(0, -1, 1),
            () -> new TileId(0, 0, 0),
            () -> new TileId(0, 0, 257),
            () -> new BundleId(-1, 1),
            () -> new BundleId(0, 0),
            () -> TilePath.formatIndex(-1))) {
      assertThrows(IllegalArgumentException.class, bad::run);
    }
    assertEquals(
        "width: must be 1-256, got 0",
        assertThrows(IllegalArgumentException.class, () -> new TileId(0, 0, 0)).getMessage());
  }

  @Test
  void longPath_messageTruncated() {
    String path = "tile/0/" + "x123/".repeat(40) + "000";
    String message =
        assertThrows(IllegalArgumentException.class, () -> TilePath.parse(path)).getMessage();
    assertEquals(
        "tile path \""
            + path.substring(0, 80)
            + "...\": at offset 7: index exceeds 9223372036854775807",
        message);
  }
}
