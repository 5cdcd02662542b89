package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.collab.AggregateFunction;
import dev.parley.cleanroom.collab.AnalysisRules;
import dev.parley.cleanroom.collab.Collaboration;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.engine.ColumnDef;
import dev.parley.cleanroom.engine.ColumnType;
import dev.parley.cleanroom.engine.TableRef;
import dev.parley.consent.purpose.Purpose;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A three-member collaboration and its datasets' latest versions, for planner tests. */
final class Fixtures {
  static final DatasetKey CUSTOMERS = new DatasetKey("acme", "customers");
  static final DatasetKey STORES = new DatasetKey("acme", "stores");
  static final DatasetKey VIEWERS = new DatasetKey("globex", "viewers");
  static final DatasetKey PANEL = new DatasetKey("initech", "panel");
  static final DatasetKey OUTSIDER = new DatasetKey("mallory", "leads");

  static final AnalysisRules RULES =
      AnalysisRules.builder()
          .dataset(CUSTOMERS, d -> d.dimensions("region", "loyalty_tier").metric("spend", 0, 1000))
          .dataset(
              VIEWERS,
              d -> d.dimensions("age_band", "genre", "score_band").metric("minutes", 0, 600))
          .dataset(PANEL, d -> d.dimensions("segment", "weight").metric("label", 0, 1))
          .allow(AggregateFunction.SUM)
          .build();

  static final Map<DatasetKey, DatasetDescription> LATEST =
      Map.of(
          CUSTOMERS,
          new DatasetDescription(
              CUSTOMERS,
              new TableRef("acme_customers_v3", "acme"),
              List.of(
                  new ColumnDef("region", ColumnType.DIMENSION),
                  new ColumnDef("loyalty_tier", ColumnType.DIMENSION),
                  new ColumnDef("spend", ColumnType.DECIMAL),
                  new ColumnDef("customer_id", ColumnType.DIMENSION)),
              Set.of("email", "loyalty_card")),
          STORES,
          new DatasetDescription(
              STORES,
              new TableRef("acme_stores_v1", "acme"),
              List.of(new ColumnDef("store", ColumnType.DIMENSION)),
              Set.of("email")),
          VIEWERS,
          new DatasetDescription(
              VIEWERS,
              new TableRef("globex_viewers_v7", "globex"),
              List.of(
                  new ColumnDef("age_band", ColumnType.DIMENSION),
                  new ColumnDef("genre", ColumnType.DIMENSION),
                  new ColumnDef("minutes", ColumnType.INTEGER)),
              Set.of("phone")),
          PANEL,
          new DatasetDescription(
              PANEL,
              new TableRef("initech_panel_v2", "initech"),
              List.of(
                  new ColumnDef("segment", ColumnType.DIMENSION),
                  new ColumnDef("weight", ColumnType.DECIMAL),
                  new ColumnDef("label", ColumnType.DIMENSION)),
              Set.of("email")));

  private Fixtures() {}

  /** The collaboration with every member's approval. */
  static Collaboration active() {
    return collaboration(List.of("acme", "globex", "initech"));
  }

  /** The collaboration approved by only some members. */
  static Collaboration collaboration(List<String> approved) {
    TreeMap<String, Long> approvals = new TreeMap<>();
    for (int i = 0; i < approved.size(); i++) {
      approvals.put(approved.get(i), 10L + i);
    }
    return new Collaboration(
        "retail-media",
        List.of("acme", "globex", "initech"),
        Purpose.AUDIENCE_INSIGHTS,
        RULES,
        RULES.hash(),
        "acme",
        9,
        approvals);
  }
}
