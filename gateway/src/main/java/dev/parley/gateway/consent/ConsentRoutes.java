package dev.parley.gateway.consent;

import dev.parley.consent.audit.AuditQueries;
import dev.parley.consent.store.ConsentStore;
import dev.parley.consent.tcf.TcfImporter;
import dev.parley.gateway.auth.Access;
import dev.parley.gateway.auth.Principal;
import dev.parley.gateway.auth.Role;
import dev.parley.gateway.auth.SessionRegistry;
import dev.parley.gateway.server.Problems;
import dev.parley.gateway.validation.BodyLimits;
import dev.parley.ledger.store.LedgerStore;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * The consent API (contract: {@code docs/consent.md}, "HTTP API", and {@code openapi.yaml}, tag
 * {@code consent}): the public catalog, the consumer's subject routes ({@link SubjectRoutes}), the
 * partners' TCF import and the auditors' SPARQL endpoint.
 *
 * <p>A route with a body reads it first, up to its limit (413 beyond it); then every route states
 * its roles with {@link Access#allow}, subject routes check ownership, and body routes check the
 * media type (415), all before any work. Store calls run on worker threads ({@link Blocking}).
 */
final class ConsentRoutes {
  /** The largest decision body, in bytes. */
  static final long DECISION_LIMIT = 64 * 1024;

  /** The largest SPARQL query, in bytes. */
  static final long SPARQL_LIMIT = 64 * 1024;

  /** The most rows a SPARQL SELECT returns before its answer is cut. */
  static final int SPARQL_ROWS = AuditQueries.MAX_ROWS;

  private static final String JSON = "application/json";
  private static final String SPARQL_QUERY = "application/sparql-query";

  private final ConsentStore store;
  private final SubjectRoutes subjects;
  private final TcfImporter tcf;
  private final SparqlRoute sparql;

  ConsentRoutes(
      ConsentStore store,
      LedgerStore ledger,
      SessionRegistry sessions,
      Clock clock,
      Duration sparqlTimeout) {
    this.store = store;
    this.subjects = new SubjectRoutes(store, ledger, sessions, clock);
    this.tcf = new TcfImporter(store);
    this.sparql = new SparqlRoute(store, SPARQL_ROWS, sparqlTimeout);
  }

  void mount(Router router) {
    router.get("/consent/catalog").handler(this::catalog);
    String subject = "/consent/subjects/:subject";
    consumer(router.get(subject)).handler(subjects::state);
    consumer(router.get(subject + "/history")).handler(subjects::history);
    consumer(withBody(router.post(subject + "/decisions"), DECISION_LIMIT))
        .handler(requireMediaType(JSON))
        .handler(subjects::decide);
    consumer(router.get(subject + "/receipts/:index")).handler(subjects::receipt);
    consumer(router.get(subject + "/export")).handler(subjects::export);
    consumer(router.delete(subject)).handler(subjects::erase);
    withBody(router.post("/consent/tcf"), BodyLimits.of("importTcfStrings"))
        .handler(Access.allow(Role.PARTNER))
        .handler(requireMediaType(JSON))
        .handler(this::importTcf);
    withBody(router.post("/consent/sparql"), SPARQL_LIMIT)
        .handler(Access.allow(Role.AUDITOR))
        .handler(requireMediaType(SPARQL_QUERY))
        .handler(sparql::handle);
  }

  private static Route consumer(Route route) {
    return route.handler(Access.allow(Role.CONSUMER)).handler(SubjectRoutes::requireOwn);
  }

  /**
   * Adds a body reader with a limit (413, as a problem) to a route. Vert.x runs body handlers
   * before any other handler of a route, so the body is read (up to the limit) before the roles are
   * checked.
   */
  private static Route withBody(Route route, long limit) {
    return route
        .handler(BodyHandler.create(false).setBodyLimit(limit))
        .failureHandler(
            ctx -> {
              if (ctx.statusCode() == 413) {
                Problems.send(
                    ctx, 413, "Content Too Large", "body: larger than " + limit + " bytes");
              } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
                Problems.send(ctx, ctx.statusCode(), "Bad Request", "body: could not be read");
              } else {
                ctx.next();
              }
            });
  }

  private static Handler<RoutingContext> requireMediaType(String mediaType) {
    return ctx -> {
      String type = ctx.request().getHeader("content-type");
      String bare = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (!bare.equals(mediaType)) {
        Problems.send(
            ctx,
            415,
            "Unsupported Media Type",
            "content-type: must be "
                + mediaType
                + ", got '"
                + DecisionRequest.printable(bare)
                + "'");
        return;
      }
      ctx.next();
    };
  }

  /** {@code GET /consent/catalog}: registered partners and the purpose taxonomy (public). */
  private void catalog(RoutingContext ctx) {
    ctx.response()
        .putHeader("content-type", JSON)
        .putHeader("cache-control", "no-cache")
        .end(ConsentJson.catalog(store.partners()).encode());
  }

  /** {@code POST /consent/tcf}: imports TC strings for the calling partner. */
  private void importTcf(RoutingContext ctx) {
    if (!(Access.principal(ctx) instanceof Principal.Partner partner)) {
      Access.deny(ctx, "only a partner may import TC strings");
      return;
    }
    byte[] body = Blocking.body(ctx);
    Blocking.run(
        ctx,
        () -> {
          TcfRequest req = TcfRequest.parse(body);
          TcfImporter.Result r =
              tcf.importBatch(partner.partnerId(), req.lines(), req.validity().orElse(null));
          JsonArray rejected = new JsonArray();
          for (TcfImporter.Rejection x : r.rejected()) {
            rejected.add(new JsonObject().put("position", x.position()).put("reason", x.reason()));
          }
          return new JsonObject().put("applied", r.applied()).put("rejected", rejected);
        },
        json -> SubjectRoutes.sendJson(ctx, 200, json));
  }
}
