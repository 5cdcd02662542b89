package dev.parley.cleanroom.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.engine.Aggregate;
import dev.parley.cleanroom.engine.AggregationPlan;
import dev.parley.cleanroom.engine.ColumnRef;
import dev.parley.cleanroom.engine.ResultRow;
import dev.parley.cleanroom.identity.IdentifierKind;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetServiceTest {
  static final DatasetSchema SALES =
      DatasetSchema.builder("sales")
          .identifier("email", IdentifierType.EMAIL_SHA256)
          .identifier("phone", IdentifierType.PHONE_SHA256)
          .dimension(DimensionColumn.of("region", List.of("north", "south")))
          .dimension("channel")
          .metric("spend", MetricType.DECIMAL)
          .metric("visits", MetricType.INTEGER)
          .metric("day", MetricType.DATE)
          .build();

  @TempDir Path dir;
  private DatasetFixture f;

  @BeforeEach
  void open() throws Exception {
    f = DatasetFixture.open(dir);
  }

  @AfterEach
  void close() {
    f.close();
  }

  static byte[] salesCsv() throws Exception {
    try (InputStream in = DatasetServiceTest.class.getResourceAsStream("/dataset/sales.csv")) {
      return in.readAllBytes();
    }
  }

  static byte[] gzip(byte[] plain) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  private UploadResult upload(byte[] bytes, UploadOptions options) throws Exception {
    return f.service.upload("acme", SALES, new ByteArrayInputStream(bytes), options);
  }

  @Test
  void upload_csv_storesTokensValuesRegistryAndLedgerEntry() throws Exception {
    byte[] csv = salesCsv();
    long ledgerBefore = f.ledgerSize();
    UploadResult r = upload(csv, UploadOptions.STRICT);

    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv));
    assertEquals(new UploadResult("sales", 1, 4, 0, List.of(), digest, ledgerBefore), r);
    DatasetVersion v = f.service.latest("acme", "sales").orElseThrow();
    assertEquals("ds_acme_sales_v1", v.table().table());
    assertEquals(SALES, v.schema());
    // Row 3 has an email and a phone: the email (first in priority order) gives its token.
    f.assertTokens(
        List.of(
            DatasetFixture.token(
                IdentifierKind.EMAIL,
                "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514"),
            DatasetFixture.token(
                IdentifierKind.PHONE,
                "10e6f0b47054a83359477dcb35231db6de5c69fb1816e1a6b98e192de9e5b9ee"),
            DatasetFixture.token(
                IdentifierKind.EMAIL,
                "16c18d336f0b250f0e2d907452ceb9658a74ecdae8bc94864c23122a72cc27a5"),
            DatasetFixture.token(
                IdentifierKind.EMAIL,
                "e22b53bc6f871274f3a62ab37a3caed7214fc14d676215a96a242fcfada1c81f")),
        v.table());
    AggregationPlan byChannel =
        new AggregationPlan(
            List.of(v.table()),
            Optional.empty(),
            List.of(new ColumnRef(0, "channel"), new ColumnRef(0, "day")),
            List.of(Aggregate.sum(new ColumnRef(0, "spend"), 0, 1000)),
            0,
            0);
    java.util.ArrayList<String> noDay = new java.util.ArrayList<>(List.of("multi\r\nline"));
    noDay.add(null);
    assertEquals(
        List.of(
            new ResultRow(noDay, 1, List.of(0.0)),
            new ResultRow(List.of("say \"hi\"", "2025-02-01"), 1, List.of(7.0)),
            new ResultRow(List.of("store", "2025-03-31"), 1, List.of(100.25)),
            new ResultRow(List.of("web, mobile", "2025-01-15"), 1, List.of(12.5))),
        f.engine.aggregate(byChannel).rows());

    LedgerEntry entry = LedgerEntry.decode(f.ledger.reader().entry(r.ledgerIndex()));
    assertEquals(EntryType.DATASET_UPLOADED, entry.type());
    assertEquals(
        "{\"dataset\":\"sales\",\"digest\":\""
            + digest
            + "\",\"partner\":\"acme\",\"rejected\":0,\"rows\":4,\"version\":1}",
        new String(entry.body().canonicalBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void upload_gzipThenPlain_sameTokensNewVersionDigestOfCompressedBytes() throws Exception {
    byte[] gz = gzip(salesCsv());
    UploadResult first = upload(gz, UploadOptions.STRICT);
    UploadResult second = upload(salesCsv(), UploadOptions.STRICT);
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(gz)), first.digest());
    assertEquals(4, first.rows());
    assertEquals(2, second.version());
    List<DatasetVersion> versions = f.service.versions("acme", "sales");
    assertEquals(List.of(1L, 2L), versions.stream().map(DatasetVersion::version).toList());
    f.assertSameTokens(versions.get(0).table(), versions.get(1).table());
    assertEquals(4, f.tokenCount(versions.get(0).table()));
    assertEquals(
        "ds_acme_sales_v1", f.service.describe("acme", "sales", 1).orElseThrow().table().table());
    assertEquals(2, f.service.latest("acme", "sales").orElseThrow().version());
  }

  @Test
  void upload_hexAndBase64OfSameUid2Hashes_sameTokens() throws Exception {
    DatasetSchema schema =
        DatasetSchema.builder("ids").identifier("email", IdentifierType.EMAIL_SHA256).build();
    StringBuilder hex = new StringBuilder("email\n");
    StringBuilder base64 = new StringBuilder("email\n");
    for (String line :
        new String(
                getClass().getResourceAsStream("/identity/uid2-examples.tsv").readAllBytes(),
                StandardCharsets.UTF_8)
            .split("\n", -1)) {
      String[] c = line.split("\t", -1);
      if (!line.startsWith("#") && c.length == 5 && !c[3].equals("-")) {
        hex.append(c[3]).append('\n');
        base64.append(c[4]).append('\n');
      }
    }
    var a =
        f.service.upload(
            "acme",
            schema,
            new ByteArrayInputStream(hex.toString().getBytes(StandardCharsets.UTF_8)),
            UploadOptions.STRICT);
    DatasetVersion hexVersion = f.service.latest("acme", "ids").orElseThrow();
    f.service.upload(
        "acme",
        schema,
        new ByteArrayInputStream(base64.toString().getBytes(StandardCharsets.UTF_8)),
        UploadOptions.STRICT);
    DatasetVersion base64Version = f.service.latest("acme", "ids").orElseThrow();
    assertEquals(13, a.rows());
    f.assertSameTokens(hexVersion.table(), base64Version.table());
    assertEquals(8, f.tokenCount(hexVersion.table())); // 13 rows, 8 distinct hashes
  }

  @Test
  void upload_tokenColumn_storesDecodedTokens() throws Exception {
    DatasetSchema schema =
        DatasetSchema.builder("blinded")
            .identifier("token_b64", IdentifierType.TOKEN)
            .metric("n", MetricType.INTEGER)
            .build();
    byte[] token =
        HexFormat.of()
            .parseHex(
                DatasetFixture.token(
                    IdentifierKind.EMAIL,
                    "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514"));
    String csv =
        "n,token_b64\n5,"
            + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(token)
            + "\n";
    f.service.upload(
        "acme",
        schema,
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
        UploadOptions.STRICT);
    f.assertTokens(
        List.of(HexFormat.of().formatHex(token)),
        f.service.latest("acme", "blinded").orElseThrow().table());
  }

  @Test
  void upload_headerOnly_emptyVersion() throws Exception {
    UploadResult r =
        upload(
            "email,phone,region,channel,spend,visits,day\r\n".getBytes(StandardCharsets.UTF_8),
            UploadOptions.STRICT);
    assertEquals(0, r.rows());
    f.assertTokens(List.of(), f.service.latest("acme", "sales").orElseThrow().table());
  }

  @Test
  void upload_sameKeySameBytes_returnsFirstResultWithoutNewVersion() throws Exception {
    UploadResult first = upload(salesCsv(), UploadOptions.withKey("batch-2025-01"));
    long ledger = f.ledgerSize();
    UploadResult retry = upload(salesCsv(), UploadOptions.withKey("batch-2025-01"));
    assertEquals(first, retry);
    assertEquals(1, f.service.versions("acme", "sales").size());
    assertEquals(ledger, f.ledgerSize());
  }

  @Test
  void upload_sameKeyOtherContent_conflictAndNothingStored() throws Exception {
    upload(salesCsv(), UploadOptions.withKey("k1"));
    byte[] other = gzip(salesCsv());
    UploadKeyConflictException e =
        assertThrows(
            UploadKeyConflictException.class, () -> upload(other, UploadOptions.withKey("k1")));
    assertTrue(
        e.getMessage()
            .startsWith("upload key 'k1' was already used for sales v1 with different content"),
        e.getMessage());
    DatasetSchema renamed =
        DatasetSchema.builder("other").identifier("email", IdentifierType.EMAIL_SHA256).build();
    UploadKeyConflictException dataset =
        assertThrows(
            UploadKeyConflictException.class,
            () ->
                f.service.upload(
                    "acme",
                    renamed,
                    new ByteArrayInputStream(salesCsv()),
                    UploadOptions.withKey("k1")));
    assertEquals(
        "upload key 'k1' was already used for sales v1, not for dataset other",
        dataset.getMessage());
    assertEquals(1, f.service.versions("acme", "sales").size());
    assertEquals(List.of(), f.service.versions("acme", "other"));
    // Keys belong to partners: another partner may use the same key.
    assertEquals(
        1,
        f.service
            .upload(
                "globex", SALES, new ByteArrayInputStream(salesCsv()), UploadOptions.withKey("k1"))
            .version());
  }

  @Test
  void upload_concurrentDatasetsAndSharedKey_eachKeyUsedOnce() throws Exception {
    DatasetSchema other =
        DatasetSchema.builder("other")
            .identifier("email", IdentifierType.EMAIL_SHA256)
            .identifier("phone", IdentifierType.PHONE_SHA256)
            .dimension("region")
            .dimension("channel")
            .metric("spend", MetricType.DECIMAL)
            .metric("visits", MetricType.INTEGER)
            .metric("day", MetricType.DATE)
            .build();
    byte[] csv = salesCsv();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      List<java.util.concurrent.Future<Object>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        DatasetSchema schema = i % 2 == 0 ? SALES : other;
        String key = i < 2 ? "shared" : "own-" + i;
        results.add(
            pool.submit(
                () -> {
                  try {
                    return f.service.upload(
                        "acme", schema, new ByteArrayInputStream(csv), UploadOptions.withKey(key));
                  } catch (UploadKeyConflictException e) {
                    return e;
                  }
                }));
      }
      List<Object> outcomes = new java.util.ArrayList<>();
      for (var r : results) {
        outcomes.add(r.get());
      }
      // The "shared" key went to exactly one of the two datasets; the other upload was refused.
      assertEquals(
          1,
          outcomes.subList(0, 2).stream()
              .filter(UploadKeyConflictException.class::isInstance)
              .count());
      assertTrue(outcomes.get(2) instanceof UploadResult);
      assertTrue(outcomes.get(3) instanceof UploadResult);
    }
    assertEquals(
        3, f.service.versions("acme", "sales").size() + f.service.versions("acme", "other").size());
  }
}
