package dev.parley.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.dataset.CsvRows;
import dev.parley.cleanroom.dataset.DatasetUploadException;
import dev.parley.gateway.security.Gateway.Caller;
import dev.parley.gateway.security.Gateway.Response;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the dataset upload parser, seeded and reproducible: the CSV reader every upload goes
 * through ({@link CsvRows}: gzip sniffing, strict UTF-8, RFC 4180) in-process, and the upload-part
 * route over HTTP (which adds the row parser, tokenization and staging). Malformed input may only
 * be refused as a {@link DatasetUploadException} (a 4xx naming the row), never escape as anything
 * else or end in a 5xx, and nothing reaches the ledger until an upload is completed.
 */
class CsvUploadFuzzTest {
  static final long SEED = Long.getLong("parley.fuzz.seed", 0x7C5F_2026L) ^ 0xC5F;

  @TempDir Path data;

  private static byte[] mutate(SplittableRandom r, Mutations m, String csv) throws IOException {
    String text =
        switch (r.nextInt(8)) {
          case 0 -> csv.replace(",", r.nextBoolean() ? ",\"" : "\",");
          case 1 -> csv.replace("\n", List.of("\r", "\r\n", "\n\n", "").get(r.nextInt(4)));
          case 2 -> "\uFEFF" + csv;
          case 3 -> csv + "\"" + "x".repeat(r.nextInt(5000));
          case 4 -> csv.replaceFirst("r1", "\"" + "q\"\"".repeat(1 + r.nextInt(200)) + "\"");
          case 5 -> csv.replace("region", "region,extra," + ",".repeat(r.nextInt(2000)));
          default -> csv;
        };
    byte[] bytes = m.bytes(text.getBytes(StandardCharsets.UTF_8));
    if (r.nextInt(5) == 0) {
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
        out.write(bytes);
      }
      byte[] z = gz.toByteArray();
      return r.nextBoolean() ? z : m.bytes(z);
    }
    return bytes;
  }

  @Test
  void csvReader_16000MutatedInputs_onlyRowNamedRefusals() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    Mutations m = new Mutations(r.split());
    String valid = CleanRoomFixtures.csv(0, 12);
    Findings findings = new Findings();
    int refused = 0;
    for (int i = 0; i < 16_000; i++) {
      byte[] input = mutate(r, m, valid);
      try (CsvRows rows = CsvRows.open(new ByteArrayInputStream(input))) {
        while (rows.next()) {
          assertTrue(rows.recordNumber() >= 0);
          rows.fields();
        }
      } catch (DatasetUploadException e) {
        refused++;
        assertTrue(
            !e.rejections().isEmpty() && e.summary() != null, "names the row: " + e.getMessage());
      } catch (IOException | RuntimeException | Error e) {
        findings.add(e.toString(), "seed " + SEED + " case " + i, input);
      }
    }
    findings.assertNone();
    assertTrue(refused > 2_000, "mutations reach the refusals: " + refused);
  }

  @Test
  void uploadParts_150MutatedPartsOverHttp_no5xxAndNoLedgerEntryBeforeCompletion()
      throws Exception {
    SplittableRandom r = new SplittableRandom(SEED ^ 0x9A27);
    Mutations m = new Mutations(r.split());
    String valid = CleanRoomFixtures.csv(0, 12);
    Findings findings = new Findings();
    try (Gateway gw = Gateway.start(data)) {
      Caller acme = gw.partner("acme");
      String upload = null;
      for (int i = 0; i < 150; i++) {
        if (i % 15 == 0) {
          Response begun =
              gw.postJson(
                  acme,
                  "/cleanroom/uploads",
                  "{\"dataset\":\"fuzz"
                      + i
                      + "\",\"schema\":"
                      + CleanRoomFixtures.SCHEMA
                      + ",\"maxRejected\":1000000}");
          assertEquals(201, begun.status(), begun.body());
          upload = new JsonObject(begun.body()).getString("upload");
        }
        byte[] part = mutate(r, m, valid);
        boolean gzip = part.length > 1 && (part[0] & 0xff) == 0x1f && (part[1] & 0xff) == 0x8b;
        long ledger = gw.ledgerSize();
        Response resp =
            gw.send(
                acme,
                "PUT",
                "/cleanroom/uploads/" + upload + "/parts/" + (1 + i % 15),
                gzip ? "application/gzip" : "text/csv",
                part,
                "Parley-First-Row",
                Long.toString(1 + (i % 15) * 1000L));
        String where = "seed " + SEED + " part " + i;
        if (resp.status() >= 500) {
          findings.add(resp.status() + " " + resp.body(), where, part);
        }
        assertEquals(ledger, gw.ledgerSize(), where + ": a part is staged, not published");
        if (i % 15 == 14) {
          long before = gw.ledgerSize();
          Response done =
              gw.send(acme, "POST", "/cleanroom/uploads/" + upload + "/complete", null, null);
          if (done.status() >= 500) {
            findings.add("complete: " + done.status() + " " + done.body(), where, new byte[0]);
          }
          assertEquals(
              done.status() == 200 ? before + 1 : before,
              gw.ledgerSize(),
              where + ": one entry per published version");
        }
      }
    }
    findings.assertNone();
  }
}
