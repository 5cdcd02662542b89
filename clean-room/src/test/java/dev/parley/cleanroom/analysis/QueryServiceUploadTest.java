package dev.parley.cleanroom.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.cleanroom.analysis.RuleViolation.Rule;
import dev.parley.cleanroom.dataset.DatasetSchema;
import dev.parley.cleanroom.dataset.DatasetService;
import dev.parley.cleanroom.dataset.IdentifierType;
import dev.parley.cleanroom.dataset.MetricType;
import dev.parley.cleanroom.dataset.UploadOptions;
import dev.parley.cleanroom.engine.DuckDbEngine;
import dev.parley.cleanroom.oprf.OprfMode;
import dev.parley.cleanroom.oprf.OprfPrivateKey;
import dev.parley.cleanroom.token.Tokenizer;
import dev.parley.ledger.secret.SecretKeyAccess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the upload service: partners upload CSV versions (pre-tokenized subjects), and
 * queries read the latest published version of each dataset.
 */
class QueryServiceUploadTest {
  private static final Tokenizer TOKENIZER =
      Tokenizer.create(
          OprfMode.VOPRF,
          OprfPrivateKey.derive(
              OprfMode.VOPRF,
              "analysis-tests: a 32-byte seed!!".getBytes(StandardCharsets.UTF_8),
              "parley".getBytes(StandardCharsets.UTF_8)),
          SecretKeyAccess.grant());

  private static final DatasetSchema CUSTOMERS =
      DatasetSchema.builder("customers")
          .identifier("ptoken", IdentifierType.TOKEN)
          .dimension("region")
          .metric("spend", MetricType.DECIMAL)
          .build();
  private static final DatasetSchema VIEWERS =
      DatasetSchema.builder("viewers")
          .identifier("ptoken", IdentifierType.TOKEN)
          .dimension("age_band")
          .metric("minutes", MetricType.INTEGER)
          .build();

  @TempDir Path data;

  private static byte[] csv(String header, int from, int to, IntFunction<String> columns) {
    StringBuilder b = new StringBuilder(header).append('\n');
    for (int i = from; i < to; i++) {
      b.append(Base64.getUrlEncoder().withoutPadding().encodeToString(Scenario.token(i)));
      b.append(',').append(columns.apply(i)).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void upload(DatasetService s, String partner, DatasetSchema schema, byte[] csv)
      throws IOException {
    s.upload(partner, schema, new ByteArrayInputStream(csv), UploadOptions.STRICT);
  }

  @Test
  void run_readsLatestPublishedVersionOfEachDataset() throws IOException {
    try (Scenario scenario = new Scenario(data);
        DuckDbEngine engine = DuckDbEngine.open(data)) {
      DatasetService datasets = DatasetService.open(engine, TOKENIZER, scenario.ledger);
      QueryService service = scenario.service(engine, DatasetCatalog.of(datasets));
      byte[] overlap = QueryServiceContract.OVERLAP.getBytes(StandardCharsets.UTF_8);

      upload(datasets, "acme", CUSTOMERS, csv("ptoken,region,spend", 0, 160, i -> "east,1.5"));
      QueryRefusedException e =
          assertThrows(
              QueryRefusedException.class, () -> service.run("acme", "retail-media", overlap));
      assertEquals(Rule.DATASET_UNAVAILABLE, e.violation().rule(), "globex has not uploaded");

      upload(datasets, "globex", VIEWERS, csv("ptoken,age_band,minutes", 40, 200, i -> "18-24,3"));
      QueryResult v1 = service.run("acme", "retail-media", overlap);
      assertEquals(110, v1.output().rows().get(0).subjects());
      assertEquals(Optional.of("73%"), v1.output().matchRate());

      upload(datasets, "acme", CUSTOMERS, csv("ptoken,region,spend", 0, 100, i -> "west,2"));
      QueryResult v2 = service.run("acme", "retail-media", overlap);
      assertEquals(60, v2.output().rows().get(0).subjects(), "the join is now 40-99");
      assertEquals(Optional.of("60%"), v2.output().matchRate(), "60 of acme's 100");
    }
  }
}
