package dev.parley.consent.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.journal.MemoryJournal;
import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentSource;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import dev.parley.consent.store.ConsentStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditQueriesTest {
  @TempDir Path data;
  private ConsentStore store;
  private AuditQueries audit;

  @BeforeEach
  void open() throws IOException {
    store = ConsentStore.open(data, new MemoryJournal());
    store.registerPartner(Partner.of("acme", "Acme"));
    for (int i = 0; i < 5; i++) {
      byte[] b = new byte[32];
      b[0] = (byte) i;
      store.record(
          ConsentDecision.builder()
              .subject(SubjectToken.of(b))
              .partner("acme")
              .purpose(Purpose.MEASUREMENT)
              .status(ConsentStatus.GIVEN)
              .time(Instant.parse("2026-01-01T00:00:00Z"))
              .source(ConsentSource.PARTNER_API)
              .policyVersion("v1")
              .build());
    }
    audit = new AuditQueries(store);
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  @Test
  void select_countsRecordsByStatus() {
    AuditQueries.Answer a =
        audit.query(
            "PREFIX dpv: <https://w3id.org/dpv#> SELECT (COUNT(?r) AS ?n) WHERE { ?r dpv:hasConsentStatus dpv:ConsentGiven }",
            100,
            Duration.ofSeconds(5));
    assertTrue(
        a.json().contains("\"value\" : \"5\"") || a.json().contains("\"value\": \"5\""), a.json());
    assertFalse(a.truncated());
  }

  @Test
  void select_overRowLimit_truncated() {
    AuditQueries.Answer a = audit.query("SELECT * WHERE { ?s ?p ?o }", 3, Duration.ofSeconds(5));
    assertTrue(a.truncated());
  }

  @Test
  void ask_works() {
    assertTrue(
        audit
            .query("ASK { ?s a <https://w3id.org/dpv#DataController> }", 1, Duration.ofSeconds(1))
            .json()
            .contains("true"));
  }

  @Test
  void query_manyValuesBlocks_rejectedBeforeRunning() {
    StringBuilder q = new StringBuilder("SELECT * WHERE {");
    for (int b = 0; b < 12; b++) {
      q.append(" VALUES ?v").append(b).append(" {");
      for (int i = 0; i < 10; i++) {
        q.append(' ').append(i);
      }
      q.append(" }");
    }
    q.append(" }");
    long t0 = System.nanoTime();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> audit.query(q.toString(), 10, Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("got 12 blocks with 120 rows"), e.getMessage());
    assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "refused without running");
    assertTrue(
        audit
            .query(
                "SELECT * WHERE { VALUES ?x { 1 2 } ?s ?p ?o } LIMIT 1", 10, Duration.ofSeconds(5))
            .json()
            .contains("\"vars\""),
        "one small VALUES block is fine");
  }

  @Test
  void forbiddenQueries_rejected() {
    Duration t = Duration.ofSeconds(1);
    assertThrows(
        IllegalArgumentException.class,
        () -> audit.query("SELECT * FROM <http://example.org/x> WHERE { ?s ?p ?o }", 10, t));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            audit.query(
                "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 10, t));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            audit.query(
                "SELECT * WHERE { { SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } } } }",
                10,
                t));
    assertThrows(
        IllegalArgumentException.class, () -> audit.query("DELETE WHERE { ?s ?p ?o }", 10, t));
    assertThrows(
        IllegalArgumentException.class, () -> audit.query("CONSTRUCT WHERE { ?s ?p ?o }", 10, t));
    assertThrows(
        IllegalArgumentException.class, () -> audit.query("SELECT * WHERE { ?s ?p ?o }", 0, t));
    assertThrows(
        IllegalArgumentException.class,
        () -> audit.query("SELECT * WHERE { ?s ?p ?o }", 10, Duration.ofMinutes(5)));
  }
}
