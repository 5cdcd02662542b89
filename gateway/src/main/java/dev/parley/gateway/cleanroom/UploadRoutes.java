package dev.parley.gateway.cleanroom;

import dev.parley.cleanroom.dataset.DatasetSchema;
import dev.parley.cleanroom.dataset.MultipartUploads;
import dev.parley.cleanroom.dataset.PartReceipt;
import dev.parley.cleanroom.dataset.SchemaException;
import dev.parley.cleanroom.dataset.SchemaJson;
import dev.parley.cleanroom.dataset.UploadNotFoundException;
import dev.parley.cleanroom.dataset.UploadOptions;
import dev.parley.cleanroom.dataset.UploadSession;
import dev.parley.gateway.validation.BodyLimits;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.StrictJson;
import io.vertx.core.Context;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The upload routes: begin a multi-part upload, stream its parts, read its status, complete it, and
 * list the partner's own datasets. Only the partner that began an upload can see or touch it.
 *
 * <p>A part's body is never buffered whole: it streams from the event loop through a bounded {@link
 * BodyInputStream} into validation and tokenization on one of the upload workers, up to {@value
 * #PART_LIMIT} bytes (413 beyond, and the connection is closed).
 */
final class UploadRoutes {
  /** The largest part, in bytes (compressed size for CSV.gz). */
  static final long PART_LIMIT = 256L << 20;

  /** How long a part may send nothing before it fails with 408. */
  static final Duration PART_IDLE = Duration.ofSeconds(60);

  /** The header naming the upload-wide row number of a part's first data row. */
  static final String FIRST_ROW_HEADER = "Parley-First-Row";

  private static final Set<String> BEGIN_FIELDS =
      Set.of("dataset", "schema", "uploadKey", "maxRejected");

  private final CleanRoomComponent cleanRoom;
  private final WorkerExecutor workers;

  UploadRoutes(CleanRoomComponent cleanRoom, WorkerExecutor workers) {
    this.cleanRoom = cleanRoom;
    this.workers = workers;
  }

  void mount(Router router) {
    CleanRoomRoutes.jsonRoute(router.post("/cleanroom/uploads"), BodyLimits.of("beginUpload"))
        .handler(this::begin);
    CleanRoomRoutes.partnerRoute(router.put("/cleanroom/uploads/:upload/parts/:part"))
        .handler(this::part);
    CleanRoomRoutes.partnerRoute(router.get("/cleanroom/uploads/:upload")).handler(this::status);
    CleanRoomRoutes.partnerRoute(router.delete("/cleanroom/uploads/:upload")).handler(this::abort);
    CleanRoomRoutes.partnerRoute(router.post("/cleanroom/uploads/:upload/complete"))
        .handler(this::complete);
    CleanRoomRoutes.partnerRoute(router.get("/cleanroom/datasets")).handler(this::datasets);
  }

  /** {@code POST /cleanroom/uploads}: 201 with a new upload, 200 when its key resumes one. */
  private void begin(RoutingContext ctx) {
    String partner = CleanRoomRoutes.partnerId(ctx);
    byte[] body = CleanRoomRoutes.body(ctx);
    Work.run(
        ctx,
        () -> {
          JsonObject o = StrictJson.body(body, BEGIN_FIELDS);
          String dataset = StrictJson.string(o, "", "dataset");
          if (!DatasetSchema.NAME.matcher(dataset).matches()) {
            throw ProblemException.badRequest("dataset: must match [a-z][a-z0-9_-]{0,62}");
          }
          DatasetSchema schema = schema(StrictJson.object(o, "", "schema"), dataset);
          Optional<String> key = StrictJson.optionalString(o, "", "uploadKey");
          long maxRejected =
              StrictJson.optionalInteger(o, "", "maxRejected", 0, Long.MAX_VALUE >> 11).orElse(0);
          return cleanRoom.uploads().begin(partner, schema, new UploadOptions(key, maxRejected));
        },
        begun ->
            Work.sendJson(ctx, begun.created() ? 201 : 200, CleanRoomJson.upload(begun.status())));
  }

  /** Parses the schema (its name defaults to {@code dataset} and must equal it). */
  private static DatasetSchema schema(JsonObject schema, String dataset) {
    JsonObject named;
    if (schema.get("name").isEmpty()) {
      JsonObject.Builder b = JsonObject.builder().put("name", dataset);
      schema.members().forEach(b::put);
      named = b.build();
    } else if (!(schema.get("name").get() instanceof JsonString s) || !s.value().equals(dataset)) {
      throw ProblemException.badRequest("schema.name: must equal dataset '" + dataset + "'");
    } else {
      named = schema;
    }
    try {
      return SchemaJson.parse(named.canonicalBytes());
    } catch (SchemaException e) {
      throw ProblemException.badRequest(
          e.path().isEmpty() ? "schema: " + e.getMessage() : "schema." + e.getMessage());
    }
  }

  /** {@code PUT /cleanroom/uploads/{upload}/parts/{part}}: streams, stages and acknowledges. */
  private void part(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    String partner = CleanRoomRoutes.partnerId(ctx);
    String upload = ctx.pathParam("upload");
    if (!UploadSession.ID.matcher(upload).matches()) {
      refuse(ctx, ProblemException.notFound(new UploadNotFoundException(upload).getMessage()));
      return;
    }
    String type = CleanRoomRoutes.mediaType(ctx);
    if (!type.equals("text/csv") && !type.equals("application/gzip")) {
      refuse(
          ctx,
          new ProblemException(
              415,
              "Unsupported Media Type",
              "content-type: must be text/csv or application/gzip",
              JsonObject.builder().build()));
      return;
    }
    int part;
    long firstRow;
    try {
      part = (int) number(ctx.pathParam("part"), "part", 1, MultipartUploads.MAX_PARTS);
      String first = request.getHeader(FIRST_ROW_HEADER);
      if (first == null) {
        throw ProblemException.badRequest(FIRST_ROW_HEADER + ": required header");
      }
      firstRow = number(first, FIRST_ROW_HEADER, 1, Long.MAX_VALUE >> 1);
    } catch (ProblemException e) {
      refuse(ctx, e);
      return;
    }
    String length = request.getHeader("content-length");
    if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit)) {
      if (Long.parseLong(length) > PART_LIMIT) {
        tooLarge(ctx);
        return;
      }
    }
    Context context = ctx.vertx().getOrCreateContext();
    BodyInputStream body = BodyInputStream.attach(request, context, PART_LIMIT, PART_IDLE);
    workers
        .<PartReceipt>executeBlocking(
            () -> cleanRoom.uploads().putPart(partner, upload, part, firstRow, body), false)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                Work.sendJson(ctx, 200, CleanRoomJson.part(ar.result()));
                return;
              }
              if (body.tooLarge() || ar.cause() instanceof BodyInputStream.Stalled) {
                ctx.response().putHeader("connection", "close");
              } else if (!body.complete()) {
                body.discardRest();
              }
              Work.fail(ctx, ar.cause());
            });
  }

  private static void tooLarge(RoutingContext ctx) {
    ctx.response().putHeader("connection", "close");
    Work.send(
        ctx,
        new ProblemException(
            413,
            "Content Too Large",
            "body: larger than " + PART_LIMIT + " bytes",
            JsonObject.builder().build()));
  }

  /** Answers before reading the body: the rest of the body is dropped, then the connection kept. */
  private static void refuse(RoutingContext ctx, ProblemException problem) {
    HttpServerRequest request = ctx.request();
    request.handler(chunk -> {});
    request.resume();
    Work.send(ctx, problem);
  }

  private static long number(String text, String field, long min, long max) {
    if (text != null && !text.isEmpty() && text.length() <= 18) {
      boolean digits = text.chars().allMatch(c -> c >= '0' && c <= '9');
      if (digits && text.charAt(0) != '0') {
        long v = Long.parseLong(text);
        if (v >= min && v <= max) {
          return v;
        }
      }
    }
    throw ProblemException.badRequest(field + ": must be an integer " + min + "-" + max);
  }

  /** {@code GET /cleanroom/uploads/{upload}}. */
  private void status(RoutingContext ctx) {
    String partner = CleanRoomRoutes.partnerId(ctx);
    String upload = ctx.pathParam("upload");
    Work.run(
        ctx,
        () ->
            cleanRoom
                .uploads()
                .status(partner, upload)
                .orElseThrow(() -> new UploadNotFoundException(upload)),
        s -> Work.sendJson(ctx, 200, CleanRoomJson.upload(s)));
  }

  /** {@code DELETE /cleanroom/uploads/{upload}}: 204 once the upload is aborted. */
  private void abort(RoutingContext ctx) {
    String partner = CleanRoomRoutes.partnerId(ctx);
    String upload = ctx.pathParam("upload");
    Work.run(
        ctx,
        () -> {
          cleanRoom.uploads().abort(partner, upload);
          return Boolean.TRUE;
        },
        aborted -> ctx.response().setStatusCode(204).end());
  }

  /** {@code POST /cleanroom/uploads/{upload}/complete}. */
  private void complete(RoutingContext ctx) {
    String partner = CleanRoomRoutes.partnerId(ctx);
    String upload = ctx.pathParam("upload");
    Work.run(
        ctx,
        () -> cleanRoom.uploads().complete(partner, upload),
        r -> Work.sendJson(ctx, 200, CleanRoomJson.result(r)));
  }

  /** {@code GET /cleanroom/datasets}: the caller's own datasets and versions. */
  private void datasets(RoutingContext ctx) {
    String partner = CleanRoomRoutes.partnerId(ctx);
    Work.run(
        ctx,
        () -> cleanRoom.datasets().allVersions(partner),
        versions -> Work.sendJson(ctx, 200, CleanRoomJson.datasets(versions)));
  }
}
