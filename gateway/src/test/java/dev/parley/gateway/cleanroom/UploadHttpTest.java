package dev.parley.gateway.cleanroom;

import static dev.parley.gateway.cleanroom.CleanRoomScenario.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.partner.Uploader;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-part uploads over real HTTP: resuming after an interruption (with or without the state
 * file), atomic completion, idempotent parts, precise refusals, a part larger than the streaming
 * window, Parquet input, and sessions and results surviving a restart.
 */
class UploadHttpTest {
  private static final String HASHED =
      "{\"identifiers\":[{\"name\":\"email\",\"type\":\"EMAIL_SHA256\"}],"
          + "\"dimensions\":[{\"name\":\"region\",\"maxLength\":4096}]}";

  @TempDir Path data;
  @TempDir Path files;

  private static JsonObject json(HttpResponse<String> r) {
    return (JsonObject) Jcs.parse(r.body().getBytes(StandardCharsets.UTF_8));
  }

  private static Uploader.Options options(Path file, String dataset, int partRows, int stopAfter) {
    return new Uploader.Options(
        file,
        dataset,
        CleanRoomScenario.CUSTOMERS_SCHEMA,
        false,
        Optional.empty(),
        0,
        partRows,
        Optional.empty(),
        stopAfter);
  }

  private static Uploader uploader(CleanRoomServer s, String partner) throws Exception {
    return new Uploader(
        s.client(partner),
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()),
        System::nanoTime);
  }

  @Test
  void upload_interruptedAfterTwoParts_rerunResumes_everyRowExactlyOnce() throws Exception {
    try (CleanRoomServer s = new CleanRoomServer(data)) {
      Path file = write(files, "c.csv", CleanRoomScenario.customersCsv(0, 100));
      Uploader up = uploader(s, "acme");
      Uploader.Stopped stopped =
          assertThrows(Uploader.Stopped.class, () -> up.run(options(file, "customers", 20, 2)));
      assertTrue(stopped.getMessage().startsWith("stopped after 2 parts"), stopped.getMessage());
      assertTrue(Files.exists(files.resolve("c.csv.parley-upload.json")));

      Uploader.Outcome done = up.run(options(file, "customers", 20, 0));

      assertEquals(5, done.parts());
      assertEquals(100, done.result().getLong("rows"));
      assertEquals(100, s.tokenCount("acme", "customers"));
      assertEquals(1, s.cleanRoom().datasets().versions("acme", "customers").size());
    }
  }

  @Test
  void upload_stateFileLost_rerunRecognizesAcknowledgedParts() throws Exception {
    try (CleanRoomServer s = new CleanRoomServer(data)) {
      Path file = write(files, "c.csv", CleanRoomScenario.customersCsv(0, 70));
      Uploader up = uploader(s, "acme");
      assertThrows(Uploader.Stopped.class, () -> up.run(options(file, "customers", 20, 3)));
      Files.delete(files.resolve("c.csv.parley-upload.json"));

      Uploader.Outcome done = up.run(options(file, "customers", 20, 0));

      assertEquals(4, done.parts());
      assertEquals(70, done.result().getLong("rows"));
      assertEquals(70, s.tokenCount("acme", "customers"));
    }
  }

  @Test
  void complete_badRowInPart3_422WithRowColumnReason_andNoVersion() throws Exception {
    try (CleanRoomServer s = new CleanRoomServer(data)) {
      String key = s.key("acme");
      String upload = begin(s, key, "{\"dataset\":\"visits\",\"schema\":" + HASHED + "}");
      assertEquals(200, part(s, key, upload, 1, 1, rows(1, 11)).statusCode());
      assertEquals(200, part(s, key, upload, 2, 11, rows(11, 21)).statusCode());
      String bad = rows(21, 31).replace(MultiRows.hash(24), "not-a-hash");
      HttpResponse<String> p3 = part(s, key, upload, 3, 21, bad);
      assertEquals(200, p3.statusCode(), p3.body());
      assertEquals(1, json(p3).getLong("rejected"));

      HttpResponse<String> done =
          s.send(key, "POST", "/cleanroom/uploads/" + upload + "/complete", null, null);

      assertEquals(422, done.statusCode(), done.body());
      JsonObject problem = json(done);
      JsonObject first = (JsonObject) problem.getArray("rejections").get(0);
      assertEquals(24, first.getLong("row"));
      assertEquals("email", first.getString("column"));
      assertTrue(first.getString("reason").startsWith("email hash: wrong length"), done.body());
      assertEquals(
          "{\"datasets\":[]}", s.send(key, "GET", "/cleanroom/datasets", null, null).body());
    }
  }

  @Test
  void part_resentSameBytes_sameReceipt_otherBytesConflict() throws Exception {
    try (CleanRoomServer s = new CleanRoomServer(data)) {
      String key = s.key("acme");
      String upload = begin(s, key, "{\"dataset\":\"visits\",\"schema\":" + HASHED + "}");
      HttpResponse<String> first = part(s, key, upload, 1, 1, rows(1, 6));
      assertEquals(200, first.statusCode());
      HttpResponse<String> again = part(s, key, upload, 1, 1, rows(1, 6));
      assertEquals(first.body(), again.body());
      HttpResponse<String> other = part(s, key, upload, 1, 1, rows(1, 7));
      assertEquals(409, other.statusCode(), other.body());
      assertTrue(json(other).getString("detail").startsWith("part 1 was already acknowledged"));
    }
  }

  @Test
  void requests_malformed_preciseRefusals() throws Exception {
    try (CleanRoomServer s = new CleanRoomServer(data)) {
      String key = s.key("acme");
      HttpResponse<String> schema =
          s.send(
              key,
              "POST",
              "/cleanroom/uploads",
              "application/json",
              "{\"dataset\":\"v\",\"schema\":{\"identifiers\":[{\"name\":\"email\",\"type\":\"MD5\"}]}}"
                  .getBytes(StandardCharsets.UTF_8));
      assertEquals(400, schema.statusCode(), schema.body());
      assertTrue(
          json(schema).getString("detail").startsWith("schema.identifiers[0].type: "),
          schema.body());
      String upload = begin(s, key, "{\"dataset\":\"visits\",\"schema\":" + HASHED + "}");
      String path = "/cleanroom/uploads/" + upload + "/parts/1";
      byte[] body = rows(1, 3).getBytes(StandardCharsets.UTF_8);
      assertEquals(415, s.send(key, "PUT", path, "application/json", body).statusCode());
      HttpResponse<String> noRow = s.send(key, "PUT", path, "text/csv", body);
      assertEquals(400, noRow.statusCode(), noRow.body());
      assertTrue(noRow.body().contains("Parley-First-Row"), noRow.body());
      HttpResponse<String> header = part(s, key, upload, 1, 1, "mail,region\nx,y\n");
      assertEquals(422, header.statusCode(), header.body());
      assertTrue(json(header).getString("detail").startsWith("part 1: the header"), header.body());
      assertEquals(
          404, part(s, key, "0123456789abcdef0123456789abcdef", 1, 1, rows(1, 2)).statusCode());
      assertEquals(404, part(s, key, "../../etc", 1, 1, rows(1, 2)).statusCode());
    }
  }

  @Test
  void part_largerThanTheStreamingWindow_arrivesIntact() throws Exception {
    try (CleanRoomServer s = new CleanRoomServer(data)) {
      String key = s.key("acme");
      String upload = begin(s, key, "{\"dataset\":\"wide\",\"schema\":" + HASHED + "}");
      StringBuilder b = new StringBuilder("email,region\n");
      String filler = "x".repeat(4000);
      for (int i = 1; i <= 1600; i++) {
        b.append(MultiRows.hash(i)).append(',').append(filler).append('\n');
      }
      assertTrue(b.length() > 6 << 20, "more than the 4 MiB backpressure window");
      HttpResponse<String> p = part(s, key, upload, 1, 1, b.toString());
      assertEquals(200, p.statusCode(), p.body());
      assertEquals(1600, json(p).getLong("rows"));
      HttpResponse<String> done =
          s.send(key, "POST", "/cleanroom/uploads/" + upload + "/complete", null, null);
      assertEquals(200, done.statusCode(), done.body());
      assertEquals(1600, json(done).getLong("rows"));
    }
  }

  @Test
  void upload_parquetInput_readLocallyAndUploaded() throws Exception {
    try (CleanRoomServer s = new CleanRoomServer(data)) {
      Path parquet = files.resolve("c.parquet");
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
          Statement st = c.createStatement()) {
        st.execute(
            "COPY (SELECT 'user' || i || '@example.com' AS email,"
                + " ['north','south','east','west'][i % 4 + 1] AS region,"
                + " CAST(i AS DECIMAL(10,2)) AS spend FROM range(30) t(i)) TO '"
                + parquet.toString().replace("'", "''")
                + "' (FORMAT parquet)");
      }
      Uploader.Outcome done = uploader(s, "acme").run(options(parquet, "customers", 12, 0));
      assertEquals(30, done.result().getLong("rows"));
      assertEquals(3, done.parts());
      HashSet<String> expected = new HashSet<>();
      for (int i = 0; i < 30; i++) {
        expected.add(java.util.HexFormat.of().formatHex(s.subject(i).bytes()));
      }
      s.assertTokens("acme", "customers", expected);
    }
  }

  @Test
  void sessionAndResults_surviveARestart() throws Exception {
    String upload;
    String key;
    try (CleanRoomServer s = new CleanRoomServer(data)) {
      key = s.key("acme");
      upload =
          begin(s, key, "{\"dataset\":\"visits\",\"schema\":" + HASHED + ",\"uploadKey\":\"k1\"}");
      assertEquals(200, part(s, key, upload, 1, 1, rows(1, 6)).statusCode());
    }
    try (CleanRoomServer s = new CleanRoomServer(data)) {
      HttpResponse<String> again =
          s.send(
              key,
              "POST",
              "/cleanroom/uploads",
              "application/json",
              ("{\"dataset\":\"visits\",\"schema\":" + HASHED + ",\"uploadKey\":\"k1\"}")
                  .getBytes(StandardCharsets.UTF_8));
      assertEquals(200, again.statusCode(), again.body());
      assertEquals(upload, json(again).getString("upload"));
      assertEquals(1, json(again).getArray("partsReceived").size());
      assertEquals(200, part(s, key, upload, 2, 6, rows(6, 9)).statusCode());
      HttpResponse<String> done =
          s.send(key, "POST", "/cleanroom/uploads/" + upload + "/complete", null, null);
      assertEquals(200, done.statusCode(), done.body());
      assertEquals(8, json(done).getLong("rows"));
    }
  }

  @Test
  void delete_openUpload_204ThenGone_completedUpload409() throws Exception {
    try (CleanRoomServer s = new CleanRoomServer(data)) {
      String key = s.key("acme");
      String upload =
          begin(s, key, "{\"dataset\":\"visits\",\"schema\":" + HASHED + ",\"uploadKey\":\"d1\"}");
      assertEquals(200, part(s, key, upload, 1, 1, rows(1, 11)).statusCode());
      String path = "/cleanroom/uploads/" + upload;

      HttpResponse<String> deleted = s.send(key, "DELETE", path, null, null);

      assertEquals(204, deleted.statusCode(), deleted.body());
      assertEquals(404, s.send(key, "GET", path, null, null).statusCode());
      HttpResponse<String> late = part(s, key, upload, 2, 11, rows(11, 21));
      assertEquals(404, late.statusCode(), late.body());
      assertTrue(
          json(late).getString("detail").contains("is gone: it was aborted at"), late.body());
      assertEquals(404, s.send(key, "DELETE", path, null, null).statusCode(), "already gone");
      HttpResponse<String> reused =
          s.send(
              key,
              "POST",
              "/cleanroom/uploads",
              "application/json",
              ("{\"dataset\":\"visits\",\"schema\":" + HASHED + ",\"uploadKey\":\"d1\"}")
                  .getBytes(StandardCharsets.UTF_8));
      assertEquals(409, reused.statusCode(), reused.body());

      String other = begin(s, key, "{\"dataset\":\"visits\",\"schema\":" + HASHED + "}");
      assertEquals(200, part(s, key, other, 1, 1, rows(1, 11)).statusCode());
      String otherPath = "/cleanroom/uploads/" + other;
      assertEquals(200, s.send(key, "POST", otherPath + "/complete", null, null).statusCode());
      HttpResponse<String> late2 = s.send(key, "DELETE", otherPath, null, null);
      assertEquals(409, late2.statusCode(), late2.body());
      assertEquals(
          404, s.send(s.key("globex"), "DELETE", otherPath, null, null).statusCode(), "not yours");
    }
  }

  private static String begin(CleanRoomServer s, String key, String body) throws Exception {
    HttpResponse<String> r =
        s.send(
            key,
            "POST",
            "/cleanroom/uploads",
            "application/json",
            body.getBytes(StandardCharsets.UTF_8));
    assertTrue(r.statusCode() == 201 || r.statusCode() == 200, r.body());
    return json(r).getString("upload");
  }

  private static HttpResponse<String> part(
      CleanRoomServer s, String key, String upload, int part, long firstRow, String csv)
      throws Exception {
    return s.sendWithHeader(
        key,
        "PUT",
        "/cleanroom/uploads/" + upload + "/parts/" + part,
        "text/csv",
        csv.getBytes(StandardCharsets.UTF_8),
        "Parley-First-Row",
        Long.toString(firstRow));
  }

  private static String rows(int from, int to) {
    return MultiRows.csv(from, to);
  }

  /** Rows of the {@code email,region} test schema. */
  static final class MultiRows {
    private MultiRows() {}

    static String hash(int i) {
      try {
        return java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(CleanRoomServer.email(i).getBytes(StandardCharsets.UTF_8)));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    static String csv(int from, int to) {
      StringBuilder b = new StringBuilder("email,region\n");
      for (int i = from; i < to; i++) {
        b.append(hash(i)).append(",r").append(i % 3).append('\n');
      }
      return b.toString();
    }
  }
}
