package dev.parley.gateway.partner;

import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonNull;
import dev.parley.ledger.jcs.JsonNumber;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Readable renderings of the server's clean-room answers, as aligned tables; pure. */
public final class PartnerViews {
  private PartnerViews() {}

  /**
   * Renders a released result: a heading, its rows, the suppressed count, the match rate.
   *
   * @param r the result as the server answers it
   * @return the text
   */
  public static String result(JsonObject r) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%s in %s (query %s), released at ledger index %d, consent as of ledger size %d%n",
            r.getString("kind"),
            r.getString("collaboration"),
            r.getString("queryId"),
            r.getLong("ledgerIndex"),
            r.getLong("consentSize")));
    List<String> header = new ArrayList<>(strings(r.getArray("groupColumns")));
    header.add("subjects");
    header.addAll(strings(r.getArray("valueColumns")));
    TextTable table = new TextTable(header);
    for (JsonValue v : r.getArray("rows").elements()) {
      JsonObject row = (JsonObject) v;
      List<String> cells = new ArrayList<>();
      for (JsonValue g : row.getArray("group").elements()) {
        cells.add(g instanceof JsonString s ? s.value() : null);
      }
      cells.add(String.format(Locale.ROOT, "%,d", row.getLong("subjects")));
      for (JsonValue x : row.getArray("values").elements()) {
        cells.add(number(x));
      }
      table.add(cells);
    }
    out.append(table.render());
    out.append(
        String.format(
            Locale.ROOT,
            "suppressed rows: %d (groups with fewer subjects than the threshold are withheld)%n",
            r.getLong("suppressedRows")));
    if (r.get("matchRate").orElse(JsonNull.INSTANCE) instanceof JsonString m) {
      out.append("match rate: ").append(m.value()).append('\n');
    }
    return out.toString();
  }

  /**
   * Renders a list of results, one line each.
   *
   * @param results the results
   * @return the text
   */
  public static String results(JsonArray results) {
    TextTable t =
        new TextTable(List.of("query", "kind", "rows", "suppressed", "ledger index", "released"));
    for (JsonValue v : results.elements()) {
      JsonObject r = (JsonObject) v;
      t.add(
          List.of(
              r.getString("queryId"),
              r.getString("kind"),
              Integer.toString(r.getArray("rows").size()),
              Long.toString(r.getLong("suppressedRows")),
              Long.toString(r.getLong("ledgerIndex")),
              r.getString("releasedAt")));
    }
    return t.render();
  }

  /**
   * Renders a collaboration: its state, members with approvals, rules hash, threshold, datasets.
   *
   * @param c the collaboration as the server answers it
   * @return the text
   */
  public static String collaboration(JsonObject c) {
    StringBuilder out = new StringBuilder();
    JsonObject rules = c.getObject("rules");
    out.append(
        String.format(
            Locale.ROOT,
            "collaboration %s: %s, purpose %s, k = %d, created at ledger index %d%n",
            c.getString("id"),
            c.getString("state"),
            c.getString("purpose"),
            rules.getLong("minAggregationThreshold"),
            c.getLong("createdIndex")));
    out.append("rules hash: ").append(c.getString("rulesHash")).append('\n');
    JsonObject approvals = c.getObject("approvals");
    TextTable members = new TextTable(List.of("member", "approved at ledger index"));
    for (String m : strings(c.getArray("members"))) {
      members.add(
          List.of(
              m, approvals.get(m).isPresent() ? Long.toString(approvals.getLong(m)) : "not yet"));
    }
    out.append(members.render());
    TextTable datasets = new TextTable(List.of("dataset", "dimensions", "metrics [bounds]"));
    for (JsonValue v : rules.getArray("datasets").elements()) {
      JsonObject d = (JsonObject) v;
      List<String> metrics = new ArrayList<>();
      for (JsonValue m : d.getArray("metrics").elements()) {
        JsonObject mo = (JsonObject) m;
        metrics.add(
            mo.getString("column")
                + " ["
                + number(mo.get("lower").orElseThrow())
                + ", "
                + number(mo.get("upper").orElseThrow())
                + "]");
      }
      datasets.add(
          List.of(
              d.getString("partner") + "/" + d.getString("dataset"),
              String.join(", ", strings(d.getArray("dimensions"))),
              String.join(", ", metrics)));
    }
    out.append(datasets.render());
    out.append("aggregates: ").append(String.join(", ", strings(rules.getArray("aggregates"))));
    out.append('\n');
    return out.toString();
  }

  /**
   * Renders a partner's datasets and their versions.
   *
   * @param answer the answer of {@code GET /cleanroom/datasets}
   * @return the text
   */
  public static String datasets(JsonObject answer) {
    TextTable t =
        new TextTable(List.of("dataset", "version", "rows", "rejected", "ledger index", "digest"));
    for (JsonValue v : answer.getArray("datasets").elements()) {
      JsonObject d = (JsonObject) v;
      for (JsonValue x : d.getArray("versions").elements()) {
        JsonObject ver = (JsonObject) x;
        t.add(
            List.of(
                d.getString("dataset"),
                Long.toString(ver.getLong("version")),
                String.format(Locale.ROOT, "%,d", ver.getLong("rows")),
                Long.toString(ver.getLong("rejected")),
                ver.get("ledgerIndex").isPresent()
                    ? Long.toString(ver.getLong("ledgerIndex"))
                    : "pending",
                ver.getString("digest").substring(0, 16) + "..."));
      }
    }
    return t.render();
  }

  private static String number(JsonValue v) {
    if (!(v instanceof JsonNumber n)) {
      return null;
    }
    double d = n.value();
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) d);
    }
    return String.format(Locale.ROOT, "%,.2f", d);
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>(a.size());
    for (JsonValue v : a.elements()) {
      out.add(v instanceof JsonString s ? s.value() : Jcs.canonicalString(v));
    }
    return out;
  }
}
