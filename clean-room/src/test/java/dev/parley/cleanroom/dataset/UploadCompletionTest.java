package dev.parley.cleanroom.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadCompletionTest {
  private static final String STAGED_SHA = "ab".repeat(32);

  /** A part's digest: 32 bytes of {@code n}. */
  private static String digest(int n) {
    return String.format("%02x", n).repeat(32);
  }

  private static SessionRecords.StagedReceipt part(
      int part, long firstRow, long rows, long rejected, List<RowRejection> rejections) {
    return new SessionRecords.StagedReceipt(
        new PartReceipt(part, firstRow, rows, rejected, rejections, digest(part)),
        rows,
        STAGED_SHA);
  }

  private static RowRejection bad(long row) {
    return new RowRejection(row, "email", "not an email");
  }

  @Test
  void totals_contiguousParts_sumsRowsListsRejectionsByRowAndDigestsThePartDigests()
      throws Exception {
    List<SessionRecords.StagedReceipt> parts =
        List.of(
            part(1, 1, 4, 1, List.of(bad(3))),
            part(2, 6, 3, 2, List.of(bad(7), bad(10))),
            part(3, 11, 5, 0, List.of()));

    DatasetService.Loaded loaded = UploadCompletion.totals(parts, 3);

    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (int p = 1; p <= 3; p++) {
      md.update(HexFormat.of().parseHex(digest(p)));
    }
    assertEquals(
        new DatasetService.Loaded(
            12, 3, List.of(bad(3), bad(7), bad(10)), HexFormat.of().formatHex(md.digest())),
        loaded);
  }

  @Test
  void totals_rejectionsOfLaterPartsFirst_listedByRowAndAtMostMaxListed() {
    List<RowRejection> first = new ArrayList<>();
    List<RowRejection> second = new ArrayList<>();
    for (int r = 0; r < 80; r++) {
      first.add(bad(2 + 2 * r)); // rows 2, 4, ..., 160 of part 1 (rows 1-200)
      second.add(bad(201 + r)); // rows 201-280 of part 2 (rows 201-300)
    }
    List<SessionRecords.StagedReceipt> parts =
        List.of(part(2, 201, 20, 80, second), part(1, 1, 120, 80, first));

    // Out of part order is a missing part; in order, the rejections interleave by row.
    assertThrows(UploadStateException.class, () -> UploadCompletion.totals(parts, 1_000));
    DatasetService.Loaded loaded =
        UploadCompletion.totals(List.of(parts.get(1), parts.get(0)), 1_000);

    List<RowRejection> expected = new ArrayList<>(first);
    expected.addAll(second.subList(0, DatasetUploadException.MAX_LISTED - first.size()));
    assertEquals(expected, loaded.rejections());
    assertEquals(160, loaded.rejected());
    assertEquals(140, loaded.rows());
  }

  @Test
  void totals_noPartMissingPartOrRowGap_conflictNamingThePart() {
    UploadStateException none =
        assertThrows(UploadStateException.class, () -> UploadCompletion.totals(List.of(), 0));
    assertEquals("no part was sent; send part 1 first", none.getMessage());
    UploadStateException missing =
        assertThrows(
            UploadStateException.class,
            () ->
                UploadCompletion.totals(
                    List.of(part(1, 1, 5, 0, List.of()), part(3, 6, 5, 0, List.of())), 0));
    assertEquals("part 2 is missing (parts must be numbered 1, 2, 3, ...)", missing.getMessage());
    UploadStateException gap =
        assertThrows(
            UploadStateException.class,
            () ->
                UploadCompletion.totals(
                    List.of(part(1, 1, 4, 1, List.of(bad(2))), part(2, 7, 5, 0, List.of())), 0));
    assertEquals("part 2 starts at row 7 but the parts before it end at row 5", gap.getMessage());
    UploadStateException first =
        assertThrows(
            UploadStateException.class,
            () -> UploadCompletion.totals(List.of(part(1, 2, 5, 0, List.of())), 0));
    assertEquals("part 1 starts at row 2 but the parts before it end at row 0", first.getMessage());
  }

  @Test
  void totals_moreRejectedThanMax_refusedWithTheRejectionsByRow() {
    List<SessionRecords.StagedReceipt> parts =
        List.of(part(1, 1, 3, 2, List.of(bad(4), bad(1))), part(2, 6, 4, 1, List.of(bad(9))));

    assertEquals(3, UploadCompletion.totals(parts, 3).rejected());
    DatasetUploadException e =
        assertThrows(DatasetUploadException.class, () -> UploadCompletion.totals(parts, 2));

    assertEquals("3 rows rejected, more than maxRejected 2", e.summary());
    assertEquals(3, e.totalRejected());
    assertEquals(List.of(bad(1), bad(4), bad(9)), e.rejections());
  }

  @Test
  void digestOfParts_wrongLength_refusedNamingTheIndex() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> UploadCompletion.digestOfParts(List.of(new byte[32], new byte[33])));
    assertEquals("partDigests[1]: must be 32 bytes", e.getMessage());
  }
}
