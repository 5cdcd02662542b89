package dev.parley.gateway.cleanroom;

import dev.parley.cleanroom.analysis.AnalysisRequest;
import dev.parley.cleanroom.analysis.QueryResult;
import dev.parley.cleanroom.analysis.RequestJson;
import dev.parley.cleanroom.collab.AnalysisRules;
import dev.parley.cleanroom.collab.Collaboration;
import dev.parley.cleanroom.collab.RulesJson;
import dev.parley.consent.purpose.Purpose;
import dev.parley.gateway.validation.BodyLimits;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.StrictJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The collaboration routes: create, list, read and approve collaborations, run analyses, and read
 * released results. A partner sees only the collaborations it is a member of (others answer 404, as
 * if they did not exist) and only the results it requested.
 *
 * <p>A released result is stored ({@link ResultStore}) before it is answered, so {@code results}
 * returns it after a restart too. If storing fails after the release was recorded on the ledger,
 * the answer is 503 naming the {@code query.released} entry.
 */
final class CollaborationRoutes {
  private static final Set<String> CREATE_FIELDS = Set.of("id", "members", "purpose", "rules");
  private static final Set<String> APPROVE_FIELDS = Set.of("rulesHash");

  private final CleanRoomComponent cleanRoom;
  private final Clock clock;

  CollaborationRoutes(CleanRoomComponent cleanRoom, Clock clock) {
    this.cleanRoom = cleanRoom;
    this.clock = clock;
  }

  void mount(Router router) {
    String one = "/cleanroom/collaborations/:collaboration";
    CleanRoomRoutes.jsonRoute(
            router.post("/cleanroom/collaborations"), BodyLimits.of("createCollaboration"))
        .handler(this::create);
    CleanRoomRoutes.partnerRoute(router.get("/cleanroom/collaborations")).handler(this::list);
    CleanRoomRoutes.partnerRoute(router.get(one)).handler(this::read);
    CleanRoomRoutes.jsonRoute(
            router.post(one + "/approvals"), BodyLimits.of("approveCollaboration"))
        .handler(this::approve);
    CleanRoomRoutes.jsonRoute(router.post(one + "/queries"), BodyLimits.of("runQuery"))
        .handler(this::query);
    CleanRoomRoutes.partnerRoute(router.get(one + "/results")).handler(this::results);
    CleanRoomRoutes.partnerRoute(router.get(one + "/results/:query")).handler(this::result);
  }

  /** {@code POST /cleanroom/collaborations}: the caller must be among the members. */
  private void create(RoutingContext ctx) {
    String partner = CleanRoomRoutes.partnerId(ctx);
    byte[] body = CleanRoomRoutes.body(ctx);
    Work.run(
        ctx,
        () -> {
          JsonObject o = StrictJson.body(body, CREATE_FIELDS);
          String id = StrictJson.string(o, "", "id");
          Collaboration.requireId(id, "id");
          List<String> members = StrictJson.strings(o, "", "members", Collaboration.MAX_MEMBERS);
          if (!members.contains(partner)) {
            throw ProblemException.badRequest(
                "members: must include the calling partner '" + partner + "'");
          }
          Purpose purpose = Purpose.parse(StrictJson.string(o, "", "purpose"), "purpose");
          AnalysisRules rules = RulesJson.fromJson(StrictJson.required(o, "", "rules"), "rules");
          return cleanRoom.collaborations().create(partner, id, members, purpose, rules);
        },
        c -> Work.sendJson(ctx, 201, CleanRoomJson.collaboration(c)));
  }

  /** {@code GET /cleanroom/collaborations}: the caller's collaborations. */
  private void list(RoutingContext ctx) {
    String partner = CleanRoomRoutes.partnerId(ctx);
    Work.run(
        ctx,
        () -> {
          List<JsonObject> out = new ArrayList<>();
          cleanRoom
              .collaborations()
              .forMember(partner)
              .forEach(c -> out.add(CleanRoomJson.collaboration(c)));
          return JsonObject.builder().put("collaborations", Work.array(out)).build();
        },
        json -> Work.sendJson(ctx, 200, json));
  }

  /** {@code GET /cleanroom/collaborations/{collaboration}}. */
  private void read(RoutingContext ctx) {
    String partner = CleanRoomRoutes.partnerId(ctx);
    String id = ctx.pathParam("collaboration");
    Work.run(
        ctx,
        () -> CleanRoomJson.collaboration(member(partner, id)),
        json -> Work.sendJson(ctx, 200, json));
  }

  /** {@code POST /cleanroom/collaborations/{collaboration}/approvals}. */
  private void approve(RoutingContext ctx) {
    String partner = CleanRoomRoutes.partnerId(ctx);
    String id = ctx.pathParam("collaboration");
    byte[] body = CleanRoomRoutes.body(ctx);
    Work.run(
        ctx,
        () -> {
          member(partner, id);
          String hash = StrictJson.string(StrictJson.body(body, APPROVE_FIELDS), "", "rulesHash");
          return CleanRoomJson.collaboration(cleanRoom.collaborations().approve(id, partner, hash));
        },
        json -> Work.sendJson(ctx, 200, json));
  }

  /** {@code POST /cleanroom/collaborations/{collaboration}/queries}: runs and stores a release. */
  private void query(RoutingContext ctx) {
    String partner = CleanRoomRoutes.partnerId(ctx);
    String id = ctx.pathParam("collaboration");
    byte[] body = CleanRoomRoutes.body(ctx);
    Work.run(
        ctx,
        () -> {
          member(partner, id);
          AnalysisRequest request = RequestJson.parse(body);
          QueryResult result;
          try {
            result = cleanRoom.queries().run(partner, id, request);
          } catch (IllegalStateException e) {
            throw ProblemException.unavailable(
                "the release could not be recorded on the ledger; nothing was released");
          }
          try {
            return ResultStore.toApi(
                cleanRoom.results().save(partner, id, request, result, clock.instant()));
          } catch (IOException e) {
            throw ProblemException.unavailable(
                "the result was released (query.released at ledger index "
                    + result.ledgerIndex()
                    + ") but could not be stored: "
                    + e.getMessage());
          }
        },
        json -> Work.sendJson(ctx, 200, json));
  }

  /** {@code GET /cleanroom/collaborations/{collaboration}/results}: the caller's, newest first. */
  private void results(RoutingContext ctx) {
    String partner = CleanRoomRoutes.partnerId(ctx);
    String id = ctx.pathParam("collaboration");
    Work.run(
        ctx,
        () -> {
          member(partner, id);
          List<JsonObject> out = new ArrayList<>();
          for (JsonObject stored : cleanRoom.results().list(partner, id)) {
            out.add(ResultStore.toApi(stored));
          }
          return JsonObject.builder().put("results", Work.array(out)).build();
        },
        json -> Work.sendJson(ctx, 200, json));
  }

  /** {@code GET /cleanroom/collaborations/{collaboration}/results/{query}}: requester only. */
  private void result(RoutingContext ctx) {
    String partner = CleanRoomRoutes.partnerId(ctx);
    String id = ctx.pathParam("collaboration");
    String query = ctx.pathParam("query");
    Work.run(
        ctx,
        () -> {
          member(partner, id);
          return ResultStore.toApi(
              cleanRoom
                  .results()
                  .find(partner, id, query)
                  .orElseThrow(() -> ProblemException.notFound("no result with that query id")));
        },
        json -> Work.sendJson(ctx, 200, json));
  }

  /** The collaboration, if the partner is a member; otherwise 404 as if it did not exist. */
  private Collaboration member(String partner, String id) {
    return cleanRoom
        .collaborations()
        .find(id)
        .filter(c -> c.isMember(partner))
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    id != null && Collaboration.ID.matcher(id).matches()
                        ? "no collaboration '" + id + "'"
                        : "no collaboration with that id"));
  }
}
