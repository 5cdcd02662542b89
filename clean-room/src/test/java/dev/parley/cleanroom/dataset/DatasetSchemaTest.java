package dev.parley.cleanroom.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.cleanroom.engine.ColumnDef;
import dev.parley.cleanroom.engine.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetSchemaTest {
  private static final DatasetSchema SALES =
      DatasetSchema.builder("sales")
          .identifier("email", IdentifierType.EMAIL_SHA256)
          .identifier("phone", IdentifierType.PHONE_SHA256)
          .dimension(DimensionColumn.of("region", List.of("north", "south")))
          .dimension("channel")
          .metric("spend", MetricType.DECIMAL)
          .metric("visits", MetricType.INTEGER)
          .metric("day", MetricType.DATE)
          .build();

  @Test
  void columnDefs_schema_dimensionsThenMetricsWithoutIdentifiers() {
    assertEquals(
        List.of(
            new ColumnDef("region", ColumnType.DIMENSION),
            new ColumnDef("channel", ColumnType.DIMENSION),
            new ColumnDef("spend", ColumnType.DECIMAL),
            new ColumnDef("visits", ColumnType.INTEGER),
            new ColumnDef("day", ColumnType.DATE)),
        SALES.columnDefs());
    assertEquals(
        List.of("email", "phone", "region", "channel", "spend", "visits", "day"),
        SALES.columnNames());
  }

  @Test
  void toJson_parse_roundTrips() {
    assertEquals(SALES, SchemaJson.parse(SchemaJson.toJson(SALES).canonicalBytes()));
  }

  @Test
  void parse_defaults_appliedForOptionalFields() {
    DatasetSchema s =
        SchemaJson.parse(
            "{\"name\":\"x\",\"identifiers\":[{\"name\":\"t\",\"type\":\"TOKEN\"}],"
                + "\"dimensions\":[{\"name\":\"d\"}]}");
    assertEquals(
        DatasetSchema.builder("x").identifier("t", IdentifierType.TOKEN).dimension("d").build(), s);
  }

  @Test
  void builder_invalidSchemas_errorsNameTheField() {
    assertMessage(
        "name: must match [a-z][a-z0-9_-]{0,62}, got 'Sales'",
        () -> DatasetSchema.builder("Sales").identifier("e", IdentifierType.TOKEN).build());
    assertMessage(
        "identifiers: must list 1-16 identifier columns, got 0",
        () -> DatasetSchema.builder("s").dimension("d").build());
    assertMessage(
        "metrics[0].name: duplicate column name 'd' (also dimensions[0])",
        () ->
            DatasetSchema.builder("s")
                .identifier("e", IdentifierType.TOKEN)
                .dimension("d")
                .metric("d", MetricType.INTEGER)
                .build());
    assertMessage(
        "identifiers[0].name: 'token' is reserved for the subject token",
        () -> DatasetSchema.builder("s").identifier("token", IdentifierType.TOKEN).build());
    assertMessage(
        "identifiers[1].name: must match [a-z][a-z0-9_]{0,62}, got 'E-mail'",
        () ->
            DatasetSchema.builder("s")
                .identifier("e", IdentifierType.TOKEN)
                .identifier("E-mail", IdentifierType.EMAIL_SHA256));
  }

  @Test
  void parse_invalidJson_errorsNameThePath() {
    String ids = "\"identifiers\":[{\"name\":\"e\",\"type\":\"TOKEN\"}]";
    assertPath("name", "required", "{" + ids + "}");
    assertPath(
        "identifiers[0].type",
        "must be one of [EMAIL_SHA256, PHONE_SHA256, TOKEN], got 'SHA1'",
        "{\"name\":\"s\",\"identifiers\":[{\"name\":\"e\",\"type\":\"SHA1\"}]}");
    assertPath(
        "dimensions[0].allowed[1]",
        "duplicate value",
        "{\"name\":\"s\"," + ids + ",\"dimensions\":[{\"name\":\"d\",\"allowed\":[\"a\",\"a\"]}]}");
    assertPath(
        "dimensions[0].maxLength",
        "must be 1-4096, got 0",
        "{\"name\":\"s\"," + ids + ",\"dimensions\":[{\"name\":\"d\",\"maxLength\":0}]}");
    assertPath(
        "metrics[0].unit",
        "unknown field; expected one of [name, type]",
        "{\"name\":\"s\","
            + ids
            + ",\"metrics\":[{\"name\":\"m\",\"type\":\"INTEGER\",\"unit\":\"eur\"}]}");
    assertPath(
        "dimensions",
        "must be an array, got an object",
        "{\"name\":\"s\"," + ids + ",\"dimensions\":{}}");
    SchemaException syntax =
        assertThrows(SchemaException.class, () -> SchemaJson.parse("{\"name\":\"s\",}"));
    assertEquals(true, syntax.getMessage().contains("at byte offset"), syntax.getMessage());
  }

  private static void assertPath(String path, String reason, String json) {
    SchemaException e = assertThrows(SchemaException.class, () -> SchemaJson.parse(json));
    assertEquals(path, e.path());
    assertEquals(path + ": " + reason, e.getMessage());
  }

  private static void assertMessage(String message, Runnable build) {
    SchemaException e = assertThrows(SchemaException.class, build::run);
    assertEquals(message, e.getMessage());
  }

  @Test
  void tableNames_examples_readable() {
    assertEquals("ds_acme_sales_v3", TableNames.versionTable("acme", "sales", 3));
    assertEquals("ds_acme_2eu_web_1visits_v1", TableNames.versionTable("acme.eu", "web-visits", 1));
  }

  @Test
  void tableNames_everyShortTriple_distinctValidTableNames() {
    List<String> partners = words("a0", "a0_-.");
    List<String> datasets = words("av", "av0_-");
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String p : partners) {
      for (String d : datasets) {
        for (long v : new long[] {1, 11}) {
          String name = TableNames.versionTable(p, d, v);
          dev.parley.cleanroom.engine.EngineNames.requireTable("table", name);
          assertEquals(true, seen.add(name), "collision at " + p + "/" + d + "/" + v);
        }
      }
    }
    assertEquals(62 * 62 * 2, seen.size());
  }

  /**
   * Every word of length 1-3 with its first character from {@code first}, then from {@code rest}.
   */
  private static List<String> words(String first, String rest) {
    List<String> out = new java.util.ArrayList<>();
    for (int a = 0; a < first.length(); a++) {
      String one = first.substring(a, a + 1);
      out.add(one);
      for (int b = 0; b < rest.length(); b++) {
        String two = one + rest.charAt(b);
        out.add(two);
        for (int c = 0; c < rest.length(); c++) {
          out.add(two + rest.charAt(c));
        }
      }
    }
    return out;
  }
}
