package dev.parley.gateway.consent;

import dev.parley.consent.audit.AuditQueries;
import dev.parley.consent.store.ConsentStore;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.update.UpdateFactory;

/**
 * {@code POST /consent/sparql}: the auditors' read-only SPARQL 1.1 endpoint over the consent graph,
 * through {@link AuditQueries} (SELECT and ASK only, no FROM or SERVICE, row and time limits).
 *
 * <p>The query travels as the body, {@code application/sparql-query} (SPARQL 1.1 Protocol, section
 * 2.1.3, "query via POST directly"), and the answer is SPARQL 1.1 Query Results JSON ({@code
 * application/sparql-results+json}). A SELECT cut at the row limit carries {@code
 * x-parley-truncated: true}; a query past the time limit is cancelled and answered 503.
 */
final class SparqlRoute {
  private final AuditQueries audit;
  private final int maxRows;
  private final Duration timeout;

  SparqlRoute(ConsentStore store, int maxRows, Duration timeout) {
    this.audit = new AuditQueries(store);
    this.maxRows = maxRows;
    this.timeout = timeout;
  }

  void handle(RoutingContext ctx) {
    byte[] body = Blocking.body(ctx);
    Blocking.run(
        ctx,
        () -> query(utf8(body)),
        answer -> {
          if (answer.truncated()) {
            ctx.response().putHeader("x-parley-truncated", "true");
          }
          ctx.response()
              .putHeader("content-type", "application/sparql-results+json")
              .putHeader("cache-control", "no-store")
              .end(answer.json());
        });
  }

  /**
   * Runs the query; a refusal names its reason on one line ("SPARQL Update is not allowed" for an
   * update, which the query grammar alone reports only as a syntax error at its first keyword).
   */
  private AuditQueries.Answer query(String sparql) {
    try {
      return audit.query(sparql, maxRows, timeout);
    } catch (IllegalArgumentException e) {
      if (isUpdate(sparql)) {
        throw new IllegalArgumentException(
            "query: SPARQL Update is not allowed; only SELECT and ASK", e);
      }
      String msg = e.getMessage() == null ? "query: not allowed" : e.getMessage();
      int nl = msg.indexOf('\n');
      throw new IllegalArgumentException(nl < 0 ? msg : msg.substring(0, nl).strip(), e);
    }
  }

  private static boolean isUpdate(String sparql) {
    try {
      UpdateFactory.create(sparql);
      return true;
    } catch (QueryParseException e) {
      return false;
    }
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("body: the query is not valid UTF-8", e);
    }
  }
}
