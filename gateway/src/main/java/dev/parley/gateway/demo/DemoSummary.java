package dev.parley.gateway.demo;

import dev.parley.cleanroom.analysis.OutputRow;
import dev.parley.cleanroom.analysis.QueryOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the demo's summary: what was loaded, the three released results as tables, the new API
 * keys, and where to look next. Pure: the same report gives the same text.
 */
final class DemoSummary {
  private static final String INDENT = "   ";

  private DemoSummary() {}

  /**
   * Renders what was loaded and released (no secrets; saved and shown again on later starts).
   *
   * @param r the report
   * @return the lines
   */
  static List<String> results(DemoReport r) {
    List<String> out = new ArrayList<>();
    out.add(
        "Parley demo: "
            + DemoScenario.ADVERTISER.name()
            + " (advertiser) x "
            + DemoScenario.PUBLISHER.name()
            + " (publisher)");
    out.addAll(
        new DemoTable(2, "", "")
            .row(DemoScenario.CRM.label(), count(r.crm().rows()) + " customers")
            .row(DemoScenario.AUDIENCE.label(), count(r.audience().rows()) + " readers")
            .row("in both", count(r.options().shared()) + " people")
            .row(
                "consent",
                count(r.granted())
                    + " of "
                    + count(r.people())
                    + " people granted "
                    + DemoScenario.PURPOSE.wireName()
                    + ", the others refused")
            .row(
                "collaboration",
                r.collaboration().id()
                    + ": approved by both, k = "
                    + r.collaboration().rules().minAggregationThreshold())
            .body(INDENT));
    out.add("");

    QueryOutput overlap = r.overlap().result().output();
    out.add("1. Overlap, asked by " + r.overlap().partner());
    DemoTable o = new DemoTable(2, "", "");
    if (overlap.rows().isEmpty()) {
      o.row("matched people with consent", "fewer than k: withheld");
    } else {
      o.row("matched people with consent", count(overlap.rows().getFirst().subjects()));
      o.row("match rate", overlap.matchRate().orElse("-") + " of its consenting customers");
    }
    out.addAll(o.body(INDENT));
    out.add(stored(r.overlap()));
    out.add("");

    out.add(
        "2. Segment profile, asked by "
            + r.profile().partner()
            + ": what its matched customers read about");
    out.addAll(table(r.profile(), List.of("interest", "people", "avg purchase_amount")));
    out.add("");

    out.add(
        "3. Metric breakdown, asked by "
            + r.breakdown().partner()
            + ": matched people by Northwind's RFM segment");
    out.addAll(
        table(
            r.breakdown(),
            List.of(
                "rfm_segment",
                "people",
                "sum orders",
                "avg purchase_amount",
                "avg minutes_per_week")));
    return out;
  }

  /**
   * Renders the API keys created now.
   *
   * @param keys plaintext keys by partner id
   * @return the lines; empty if no key was created
   */
  static List<String> keys(Map<String, String> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    out.add("API keys (shown only now; Parley keeps only their hashes):");
    for (String partner : List.of(DemoScenario.ADVERTISER.id(), DemoScenario.PUBLISHER.id())) {
      String key = keys.get(partner);
      if (key != null) {
        out.add(INDENT + "export " + variable(partner) + "='" + key + "'");
      }
    }
    return out;
  }

  /**
   * Renders where to look next.
   *
   * @param baseUrl the server's base URL
   * @param dataDir the data directory as configured
   * @param sampleEmail a demo person who can sign in to the consent center
   * @param exampleQuery a stored result of the advertiser's, if known
   * @param keysShown whether the keys were printed just above
   * @return the lines
   */
  static List<String> whereNext(
      String baseUrl,
      Path dataDir,
      String sampleEmail,
      Optional<String> exampleQuery,
      boolean keysShown) {
    String northwind = "$" + variable(DemoScenario.ADVERTISER.id());
    String planet = "$" + variable(DemoScenario.PUBLISHER.id());
    String results =
        " ./parley partner results " + DemoScenario.COLLABORATION + " --server " + baseUrl;
    List<String> out = new ArrayList<>();
    if (!keysShown) {
      out.add(
          "API keys were shown when the demo data was loaded; make new ones with"
              + " ./parley keys create-partner --partner "
              + DemoScenario.ADVERTISER.id()
              + " (or "
              + DemoScenario.PUBLISHER.id()
              + ").");
    }
    out.add("Where to look next:");
    out.addAll(
        new DemoTable(2, "", "")
            .row("results", "PARLEY_API_KEY=" + northwind + results)
            .row("", "PARLEY_API_KEY=" + planet + results)
            .row(
                "one result",
                "curl -s -H \"Authorization: Bearer "
                    + northwind
                    + "\" "
                    + baseUrl
                    + "/cleanroom/collaborations/"
                    + DemoScenario.COLLABORATION
                    + "/results/"
                    + exampleQuery.orElse("<query id>"))
            .row(
                "consent center",
                baseUrl
                    + "/consent-center/ (sign in as "
                    + sampleEmail
                    + "; the code lands in "
                    + dataDir.resolve("dev-mailbox")
                    + "/)")
            .row(
                "ledger audit",
                "./parley audit verify --log "
                    + baseUrl
                    + "/ledger/ --key "
                    + dataDir.resolve("ledger").resolve("log.vkey"))
            .body(INDENT));
    return out;
  }

  /** The shell variable the key of a demo partner is exported as. */
  static String variable(String partner) {
    return partner.equals(DemoScenario.ADVERTISER.id()) ? "NORTHWIND_KEY" : "DAILY_PLANET_KEY";
  }

  private static List<String> table(DemoReport.Released released, List<String> headers) {
    QueryOutput output = released.result().output();
    DemoTable t = new DemoTable(1, headers.toArray(String[]::new));
    for (OutputRow row : output.rows()) {
      List<String> cells = new ArrayList<>();
      row.group().forEach(g -> cells.add(g == null ? "(none)" : g));
      cells.add(count(row.subjects()));
      for (int i = 0; i < row.values().size(); i++) {
        Double v = row.values().get(i);
        boolean sum = output.valueColumns().get(i).startsWith("sum(");
        cells.add(v == null ? "-" : String.format(Locale.ROOT, sum ? "%,.0f" : "%,.2f", v));
      }
      t.row(cells.toArray(String[]::new));
    }
    List<String> out = new ArrayList<>(t.lines(INDENT));
    out.add(
        INDENT
            + "groups withheld for having fewer than "
            + DemoScenario.K
            + " people: "
            + output.suppressedRows());
    out.add(stored(released));
    return out;
  }

  /** Where a release is recorded and stored. */
  private static String stored(DemoReport.Released released) {
    return INDENT
        + "query.released at ledger index "
        + released.result().ledgerIndex()
        + ", stored as result "
        + released.queryId();
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
