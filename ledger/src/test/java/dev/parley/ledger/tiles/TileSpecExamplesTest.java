package dev.parley.ledger.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The worked examples of the C2SP tlog-tiles spec ({@code tiles/tlog-tiles-examples.txt}). */
class TileSpecExamplesTest {
  private static List<String[]> lines(String kind) {
    try (InputStream in =
        TileSpecExamplesTest.class.getResourceAsStream("/tiles/tlog-tiles-examples.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String[]> out = new ArrayList<>();
      for (String line : text.lines().toList()) {
        if (line.startsWith(kind + " ")) {
          out.add(line.split(" ", -1));
        }
      }
      assertFalse(out.isEmpty(), "examples of kind " + kind);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void indexEncoding_specExample_formatsAndParses() {
    for (String[] f : lines("index")) {
      long index = Long.parseLong(f[1]);
      assertEquals(f[2], TilePath.formatIndex(index));
      assertEquals(TileId.full(0, index), TilePath.parse("tile/0/" + f[2]));
      assertEquals(BundleId.full(index), TilePath.parse("tile/entries/" + f[2]));
    }
  }

  @Test
  void tilesOfTree_specExamples_fullCountsAndPartialWidthsMatch() {
    for (String[] f : lines("tiles")) {
      long size = Long.parseLong(f[1]);
      Map<Integer, String> expected = new TreeMap<>();
      for (int i = 2; i < f.length; i++) {
        String[] p = f[i].split(":", -1);
        expected.put(Integer.parseInt(p[0]), p[1] + ":" + p[2]);
      }
      Map<Integer, List<TileId>> byLevel =
          TileMath.tiles(size)
              .collect(Collectors.groupingBy(TileId::level, TreeMap::new, Collectors.toList()));
      Map<Integer, String> actual = new TreeMap<>();
      byLevel.forEach(
          (level, tiles) -> {
            long full = tiles.stream().filter(t -> !t.isPartial()).count();
            int partial = tiles.stream().filter(TileId::isPartial).mapToInt(TileId::width).sum();
            actual.put(level, full + ":" + partial);
          });
      assertEquals(expected, actual, "tree of size " + size);
      for (Map.Entry<Integer, String> e : expected.entrySet()) {
        int width = Integer.parseInt(e.getValue().split(":", -1)[1]);
        assertEquals(width, TileMath.partialWidth(e.getKey(), size), "level " + e.getKey());
      }
    }
  }
}
