package dev.parley.cleanroom.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryOutputTest {
  static QueryOutput golden() {
    return new QueryOutput(
        RequestKind.SEGMENT_PROFILE,
        List.of("globex/viewers.age_band"),
        List.of("avg(acme/customers.spend)"),
        List.of(
            new OutputRow(List.of("18-24"), 812, List.of(41.5)),
            new OutputRow(Arrays.asList((String) null), 60, Arrays.asList((Double) null))),
        2,
        Optional.empty());
  }

  @Test
  void toJson_golden_matchesCanonicalBytesAndDigest() {
    assertArrayEquals(Resources.bytes("output-canonical.json"), golden().toJson().canonicalBytes());
    assertEquals(Resources.text("output-canonical.sha256"), golden().digest());
  }

  @Test
  void digest_changesWithAnyReleasedValue() {
    QueryOutput other =
        new QueryOutput(
            RequestKind.SEGMENT_PROFILE,
            golden().groupColumns(),
            golden().valueColumns(),
            golden().rows(),
            3,
            Optional.empty());
    assertNotEquals(golden().digest(), other.digest());
  }

  @Test
  void toJson_overlapWithRate_carriesBucket() {
    QueryOutput o =
        new QueryOutput(
            RequestKind.OVERLAP,
            List.of(),
            List.of(),
            List.of(new OutputRow(List.of(), 120, List.of())),
            0,
            Optional.of(">85%"));
    assertEquals(">85%", o.toJson().getString("matchRate"));
  }

  @Test
  void new_misalignedRow_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new QueryOutput(
                RequestKind.SEGMENT_PROFILE,
                List.of("a"),
                List.of(),
                List.of(new OutputRow(List.of("x", "y"), 60, List.of())),
                0,
                Optional.empty()));
  }

  @Test
  void toJson_infiniteValue_refused() {
    QueryOutput o =
        new QueryOutput(
            RequestKind.METRIC_BREAKDOWN,
            List.of(),
            List.of("sum(a/b.c)"),
            List.of(new OutputRow(List.of(), 60, List.of(Double.POSITIVE_INFINITY))),
            0,
            Optional.empty());
    assertThrows(IllegalStateException.class, o::toJson);
  }
}
