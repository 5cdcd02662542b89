package dev.parley.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.security.Gateway.Caller;
import dev.parley.gateway.security.Gateway.Response;
import dev.parley.gateway.security.RoleMatrixTest.Call;
import dev.parley.gateway.security.RoleMatrixTest.Fixture;
import dev.parley.gateway.security.RoleMatrixTest.Owner;
import dev.parley.gateway.security.RoleMatrixTest.Who;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Fixtures of the clean-room operations for {@link RoleMatrixTest}, created through the clean-room
 * routes themselves: partner {@code acme}'s upload and dataset, partner {@code initech}'s dataset,
 * a collaboration of the two (which {@code globex}, the "other partner", is not a member of) and
 * one of its results. {@code globex} must get 403 or 404 on every one of them and must not see
 * their names in its own listings.
 */
final class CleanRoomFixtures {
  static final String SCHEMA =
      "{\"identifiers\":[{\"name\":\"email\",\"type\":\"EMAIL_SHA256\"}],"
          + "\"dimensions\":[{\"name\":\"region\",\"maxLength\":16}]}";
  static final String COLLABORATION = "secret-ac-collab";

  private CleanRoomFixtures() {}

  /** An owned fixture: the other partner must be refused and must not see {@code secrets}. */
  private record Owned(Call call, List<String> secrets) implements Fixture {
    @Override
    public Call call(Who who) {
      return call;
    }

    @Override
    public Owner owner() {
      return Owner.PARTNER;
    }

    @Override
    public List<String> secrets() {
      return secrets;
    }
  }

  /** A listing any partner may call, which must not show another party's names. */
  private record Listing(Call call, List<String> secrets) implements Fixture {
    @Override
    public Call call(Who who) {
      return call;
    }

    @Override
    public List<String> secrets() {
      return secrets;
    }
  }

  static void add(Gateway gw, Map<String, Fixture> fixtures) throws Exception {
    Caller acme = gw.partner("acme");
    Caller initech = gw.partner("initech");
    String csv = csv(0, 20);
    String acmeUpload = upload(gw, acme, "secret-customers", csv);
    String acmePending = begin(gw, acme, "secret-pending");
    upload(gw, initech, "secret-visits", csv(5, 25));
    String rules =
        "{\"aggregates\":[\"count-distinct-subjects\"],\"datasets\":["
            + "{\"partner\":\"acme\",\"dataset\":\"secret-customers\",\"dimensions\":[\"region\"],\"metrics\":[]},"
            + "{\"partner\":\"initech\",\"dataset\":\"secret-visits\",\"dimensions\":[\"region\"],\"metrics\":[]}],"
            + "\"dp\":null,\"joinOn\":\"token\",\"minAggregationThreshold\":5}";
    Response created =
        gw.postJson(
            acme,
            "/cleanroom/collaborations",
            "{\"id\":\""
                + COLLABORATION
                + "\",\"members\":[\"acme\",\"initech\"],"
                + "\"purpose\":\"measurement\",\"rules\":"
                + rules
                + "}");
    assertEquals(201, created.status(), created.body());
    String approval =
        "{\"rulesHash\":\"" + new JsonObject(created.body()).getString("rulesHash") + "\"}";
    String collab = "/cleanroom/collaborations/" + COLLABORATION;
    Response approved = gw.postJson(initech, collab + "/approvals", approval);
    assertEquals(200, approved.status(), approved.body());
    String overlap =
        "{\"type\":\"overlap\",\"datasets\":[{\"partner\":\"acme\",\"dataset\":\"secret-customers\"},"
            + "{\"partner\":\"initech\",\"dataset\":\"secret-visits\"}]}";
    Response query = gw.postJson(acme, collab + "/queries", overlap);
    assertEquals(200, query.status(), query.body());
    String queryId = new JsonObject(query.body()).getString("queryId");

    List<String> secrets =
        List.of(
            "secret-customers",
            "secret-visits",
            "secret-pending",
            COLLABORATION,
            acmeUpload,
            acmePending);
    fixtures.put(
        "beginUpload",
        who ->
            Call.json(
                "POST",
                "/cleanroom/uploads",
                "{\"dataset\":\"matrix\",\"schema\":"
                    + SCHEMA
                    + ",\"uploadKey\":\"matrix-"
                    + who
                    + "\"}"));
    fixtures.put("getUpload", new Owned(Call.get("/cleanroom/uploads/" + acmeUpload), secrets));
    fixtures.put(
        "putUploadPart",
        new Owned(
            new Call(
                "PUT",
                "/cleanroom/uploads/" + acmeUpload + "/parts/1",
                "text/csv",
                csv,
                Map.of("Parley-First-Row", "1")),
            secrets));
    fixtures.put(
        "completeUpload",
        new Owned(
            new Call(
                "POST", "/cleanroom/uploads/" + acmeUpload + "/complete", null, null, Map.of()),
            secrets));
    fixtures.put(
        "abortUpload",
        new Owned(
            new Call("DELETE", "/cleanroom/uploads/" + acmePending, null, null, Map.of()),
            secrets));
    fixtures.put("listDatasets", new Listing(Call.get("/cleanroom/datasets"), secrets));
    fixtures.put(
        "createCollaboration",
        who -> {
          String me = who == Who.OTHER_PARTNER ? "globex" : "acme";
          return Call.json(
              "POST",
              "/cleanroom/collaborations",
              "{\"id\":\"matrix-"
                  + who.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                  + "\",\"members\":[\""
                  + me
                  + "\",\"initech\"],\"purpose\":\"measurement\",\"rules\":"
                  + rules
                      .replace("\"partner\":\"acme\"", "\"partner\":\"" + me + "\"")
                      .replace("secret-", "matrix-")
                  + "}");
        });
    fixtures.put("listCollaborations", new Listing(Call.get("/cleanroom/collaborations"), secrets));
    fixtures.put("getCollaboration", new Owned(Call.get(collab), secrets));
    fixtures.put(
        "approveCollaboration",
        new Owned(Call.json("POST", collab + "/approvals", approval), secrets));
    fixtures.put("runQuery", new Owned(Call.json("POST", collab + "/queries", overlap), secrets));
    fixtures.put("listResults", new Owned(Call.get(collab + "/results"), secrets));
    fixtures.put("getResult", new Owned(Call.get(collab + "/results/" + queryId), secrets));
  }

  /** Begins an upload of {@code dataset} and returns its id. */
  private static String begin(Gateway gw, Caller partner, String dataset) throws Exception {
    Response begun =
        gw.postJson(
            partner,
            "/cleanroom/uploads",
            "{\"dataset\":\"" + dataset + "\",\"schema\":" + SCHEMA + "}");
    assertTrue(begun.status() == 201 || begun.status() == 200, begun.body());
    return new JsonObject(begun.body()).getString("upload");
  }

  /** Uploads one CSV part as a new dataset version; returns the upload id. */
  private static String upload(Gateway gw, Caller partner, String dataset, String csv)
      throws Exception {
    String upload = begin(gw, partner, dataset);
    Response part =
        gw.send(
            partner,
            "PUT",
            "/cleanroom/uploads/" + upload + "/parts/1",
            "text/csv",
            csv.getBytes(StandardCharsets.UTF_8),
            "Parley-First-Row",
            "1");
    assertEquals(200, part.status(), part.body());
    Response done =
        gw.send(partner, "POST", "/cleanroom/uploads/" + upload + "/complete", null, null);
    assertEquals(200, done.status(), done.body());
    return upload;
  }

  /** Rows {@code email,region} with SHA-256 hashed addresses {@code person<i>@example.com}. */
  static String csv(int from, int to) throws Exception {
    StringBuilder b = new StringBuilder("email,region\n");
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (int i = from; i < to; i++) {
      String hash =
          HexFormat.of()
              .formatHex(
                  sha.digest(("person" + i + "@example.com").getBytes(StandardCharsets.UTF_8)));
      b.append(hash).append(",r").append(i % 3).append('\n');
    }
    return b.toString();
  }
}
