package dev.parley.cleanroom.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.cleanroom.engine.ColumnDef;
import dev.parley.cleanroom.engine.ColumnType;
import dev.parley.cleanroom.engine.TableWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedPartTest {
  private static final List<ColumnDef> COLUMNS =
      List.of(
          new ColumnDef("region", ColumnType.DIMENSION),
          new ColumnDef("visits", ColumnType.INTEGER),
          new ColumnDef("spend", ColumnType.DECIMAL),
          new ColumnDef("day", ColumnType.DATE));

  @TempDir Path dir;

  /** Collects appended rows. */
  private static final class Collecting implements TableWriter {
    final List<byte[]> tokens = new ArrayList<>();
    final List<Object[]> values = new ArrayList<>();

    @Override
    public void append(byte[] token, Object[] row) {
      tokens.add(token);
      values.add(row);
    }

    @Override
    public long commit() {
      return tokens.size();
    }

    @Override
    public void close() {}
  }

  private static byte[] token(int i) {
    byte[] t = new byte[64];
    t[0] = (byte) i;
    t[63] = 7;
    return t;
  }

  private static final Object[][] ROWS = {
    {"north", 3L, 12.5, LocalDate.of(2025, 1, 15)},
    {null, null, null, null},
    {"ünï \"x\"", Long.MIN_VALUE, -0.0 + 1e-300, LocalDate.of(1, 1, 1)}
  };

  private String stage(Path file) {
    StagedPart.Writer w;
    try {
      w = new StagedPart.Writer(file, COLUMNS);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    try (w) {
      for (int i = 0; i < ROWS.length; i++) {
        w.append(token(i), ROWS[i]);
      }
      assertEquals(ROWS.length, w.commit());
      return w.sha256();
    }
  }

  @Test
  void copy_roundTripsEveryTypeAndNull() throws Exception {
    Path file = dir.resolve("p/part-00001");
    String sha = stage(file);
    assertFalse(Files.exists(dir.resolve("p/part-00001.tmp")));
    Collecting out = new Collecting();
    StagedPart.copy(file, COLUMNS, ROWS.length, sha, out);
    for (int i = 0; i < ROWS.length; i++) {
      assertArrayEquals(token(i), out.tokens.get(i));
      assertArrayEquals(ROWS[i], out.values.get(i));
    }
  }

  @Test
  void copy_wrongCountOrAlteredBytes_refused() throws Exception {
    Path file = dir.resolve("part-00002");
    String sha = stage(file);
    assertThrows(IOException.class, () -> StagedPart.copy(file, COLUMNS, 2, sha, new Collecting()));
    assertThrows(IOException.class, () -> StagedPart.copy(file, COLUMNS, 4, sha, new Collecting()));
    byte[] b = Files.readAllBytes(file);
    b[10] ^= 1;
    Files.write(file, b);
    assertThrows(IOException.class, () -> StagedPart.copy(file, COLUMNS, 3, sha, new Collecting()));
  }

  @Test
  void close_withoutCommit_leavesNothing() throws Exception {
    Path file = dir.resolve("part-00003");
    try (StagedPart.Writer w = new StagedPart.Writer(file, COLUMNS)) {
      w.append(token(1), ROWS[0]);
    }
    assertFalse(Files.exists(file));
    assertFalse(Files.exists(dir.resolve("part-00003.tmp")));
  }
}
