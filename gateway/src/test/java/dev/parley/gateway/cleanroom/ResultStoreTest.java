package dev.parley.gateway.cleanroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.analysis.OutputRow;
import dev.parley.cleanroom.analysis.OverlapRequest;
import dev.parley.cleanroom.analysis.QueryOutput;
import dev.parley.cleanroom.analysis.QueryResult;
import dev.parley.cleanroom.analysis.RequestKind;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.ledger.jcs.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {
  private static final OverlapRequest REQUEST =
      new OverlapRequest(
          List.of(new DatasetKey("acme", "customers"), new DatasetKey("globex", "viewers")));

  @TempDir Path dir;

  private static QueryResult result(long subjects, long ledgerIndex) {
    QueryOutput output =
        new QueryOutput(
            RequestKind.OVERLAP,
            List.of(),
            List.of(),
            List.of(new OutputRow(List.of(), subjects, List.of())),
            0,
            Optional.of("42%"));
    return new QueryResult(output, "a".repeat(64), output.digest(), ledgerIndex, ledgerIndex);
  }

  @Test
  void save_thenReopen_listNewestFirst_findOnlyForTheRequester() throws Exception {
    ResultStore store = ResultStore.open(dir);
    JsonObject first = store.save("acme", "retail", REQUEST, result(80, 10), Instant.EPOCH);
    JsonObject second = store.save("acme", "retail", REQUEST, result(75, 12), Instant.EPOCH);

    ResultStore reopened = ResultStore.open(dir);
    List<JsonObject> listed = reopened.list("acme", "retail");
    assertEquals(List.of(second, first), listed);
    String id = first.getString("queryId");
    assertEquals(Optional.of(first), reopened.find("acme", "retail", id));
    assertTrue(reopened.find("globex", "retail", id).isEmpty());
    assertTrue(reopened.find("acme", "other", id).isEmpty());
    assertTrue(reopened.find("acme", "retail", "../../x").isEmpty());
    assertTrue(reopened.list("globex", "retail").isEmpty());
  }

  @Test
  void toApi_flattensTheOutput_dropsTheFormat() throws Exception {
    JsonObject stored =
        ResultStore.open(dir).save("acme", "retail", REQUEST, result(80, 10), Instant.EPOCH);
    JsonObject api = ResultStore.toApi(stored);
    assertEquals(80, ((JsonObject) api.getArray("rows").get(0)).getLong("subjects"));
    assertEquals("overlap", api.getString("kind"));
    assertEquals(10, api.getLong("ledgerIndex"));
    assertEquals("overlap", api.getObject("request").getString("type"));
    assertFalse(api.get("format").isPresent());
    assertFalse(api.get("output").isPresent());
  }
}
