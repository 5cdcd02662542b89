package dev.parley.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.security.Gateway.Caller;
import dev.parley.gateway.security.Gateway.Response;
import dev.parley.gateway.validation.BodyKind;
import dev.parley.gateway.validation.ContractDocument;
import dev.parley.gateway.validation.ContractOperation;
import dev.parley.gateway.validation.ContractValidation;
import dev.parley.gateway.validation.OperationIndex;
import dev.parley.gateway.validation.Rejection;
import dev.parley.gateway.validation.RequestChecks;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the JSON APIs with seeded, reproducible mutations of valid bodies ({@link Mutations}:
 * wrong types, unknown members, deep nesting, huge numbers, invalid UTF-8, duplicate members,
 * truncation). In-process, the gate's decision (the Vert.x validator) is compared with the
 * explanation path, which re-applies the schemas itself: both must agree, and neither may throw.
 * Over HTTP, against every production component, no request may end in a 5xx and a refused one must
 * leave the ledger and the consent store as they were.
 */
class JsonApiFuzzTest {
  static final long SEED = Long.getLong("parley.fuzz.seed", 0x7C5F_2026L) ^ 0x1503;

  @TempDir Path data;

  private static List<ContractOperation> jsonOperations() {
    List<ContractOperation> out = new ArrayList<>();
    for (ContractOperation op : ContractDocument.load().operations()) {
      if (op.media().containsValue(BodyKind.JSON)) {
        out.add(op);
      }
    }
    return out;
  }

  @Test
  void samples_everyJsonOperationHasOneThatPasses() throws Exception {
    TreeSet<String> missing = new TreeSet<>();
    jsonOperations()
        .forEach(
            op -> {
              if (!JsonSamples.BY_OPERATION.containsKey(op.id())) {
                missing.add(op.id());
              }
            });
    assertEquals(new TreeSet<>(), missing, "JSON operations without a sample in JsonSamples");
    Vertx vertx = Vertx.vertx();
    try {
      ContractValidation gate = gate(vertx);
      for (ContractOperation op : jsonOperations()) {
        JsonSamples s = JsonSamples.BY_OPERATION.get(op.id());
        Optional<Rejection> r = await(gate, op.id(), s.parameters(), Mutations.utf8(s.body()));
        assertEquals(Optional.empty(), r, op.id() + " sample is valid");
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static ContractValidation gate(Vertx vertx) throws Exception {
    ContractDocument doc = ContractDocument.load();
    return ContractValidation.create(vertx, doc, new OperationIndex(doc.operations()), ctx -> {});
  }

  private static Optional<Rejection> await(
      ContractValidation gate, String id, Map<String, String> params, byte[] body)
      throws Exception {
    return gate.check(id, params, "application/json", Buffer.buffer(body))
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  @Test
  void gate_30000MutatedBodies_validatorAndExplanationAgree() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    Mutations m = new Mutations(r.split());
    List<ContractOperation> ops = jsonOperations();
    Vertx vertx = Vertx.vertx();
    try {
      ContractValidation gate = gate(vertx);
      int refused = 0;
      Findings findings = new Findings();
      for (int i = 0; i < 30_000; i++) {
        ContractOperation op = ops.get(r.nextInt(ops.size()));
        JsonSamples s = JsonSamples.BY_OPERATION.get(op.id());
        byte[] body =
            r.nextInt(4) == 0
                ? m.bytes(Mutations.utf8(s.body()))
                : Mutations.utf8(m.json(s.body()));
        String where =
            "seed "
                + SEED
                + " case "
                + i
                + " "
                + op.id()
                + " body (base64) "
                + Base64.getEncoder().encodeToString(body);
        try {
          Optional<Rejection> decided = await(gate, op.id(), s.parameters(), body);
          Optional<Rejection> explained = explain(gate, op.id(), s.parameters(), body);
          assertEquals(
              decided.isPresent(),
              explained.isPresent(),
              where + ": " + decided + " vs " + explained);
          if (decided.isPresent()) {
            refused++;
            assertTrue(decided.get().status() == 400, where + ": " + decided.get());
            assertTrue(
                decided.get().detail().contains(": "), where + ": names a field: " + decided.get());
          }
        } catch (RuntimeException | Error e) {
          findings.add(e.toString(), where, body);
        }
      }
      findings.assertNone();
      assertTrue(refused > 15_000, "most mutations are refused: " + refused);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** The explanation path alone: strict JSON, then every schema re-applied. */
  private static Optional<Rejection> explain(
      ContractValidation gate, String id, Map<String, String> params, byte[] body) {
    Optional<Rejection> syntax = RequestChecks.strictJson(body);
    if (syntax.isPresent()) {
      return syntax;
    }
    Operation model = gate.contract().operation(id);
    Map<Parameter, String> raw = new LinkedHashMap<>();
    for (Parameter p : model.getParameters()) {
      if (params.containsKey(p.getName())) {
        raw.put(p, params.get(p.getName()));
      }
    }
    return RequestChecks.explain(
        model, gate.contract().getSchemaRepository(), raw, Buffer.buffer(body));
  }

  @Test
  void http_1000MutatedRequests_no5xxAndRefusalsChangeNothing() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED ^ 0x4777);
    Mutations m = new Mutations(r.split());
    try (Gateway gw = Gateway.start(data)) {
      Map<String, Caller> partners = new LinkedHashMap<>();
      for (String p : Gateway.PARTNERS) {
        partners.put(p, gw.partner(p));
      }
      List<ContractOperation> ops = jsonOperations();
      for (int i = 0; i < 1_000; i++) {
        ContractOperation op = ops.get(r.nextInt(ops.size()));
        JsonSamples s = JsonSamples.BY_OPERATION.get(op.id());
        Map<String, String> params = new LinkedHashMap<>(s.parameters());
        Caller caller;
        if (op.roles().contains(dev.parley.gateway.validation.ContractRole.CONSUMER)) {
          var subject = Gateway.token(100 + r.nextInt(200));
          params.put("subject", subject.toBase64Url());
          caller = gw.consumer(subject);
        } else if (op.isPublic()) {
          caller = Caller.NONE;
        } else {
          caller = partners.get(Gateway.PARTNERS.get(r.nextInt(Gateway.PARTNERS.size())));
        }
        String path = op.path().template();
        for (var p : params.entrySet()) {
          path = path.replace("{" + p.getKey() + "}", p.getValue());
        }
        byte[] body =
            switch (r.nextInt(5)) {
              case 0 -> m.bytes(Mutations.utf8(s.body()));
              case 1 -> Mutations.utf8(s.body());
              default -> Mutations.utf8(m.json(s.body()));
            };
        Gateway.Snapshot before = gw.snapshot();
        Response resp = gw.send(caller, op.method().name(), path, "application/json", body);
        String where =
            "seed "
                + SEED
                + " request "
                + i
                + " "
                + op.id()
                + " body (base64) "
                + Base64.getEncoder().encodeToString(body);
        assertTrue(resp.status() < 500, where + ": " + resp.status() + " " + resp.body());
        if (resp.status() >= 400) {
          assertEquals(
              before,
              gw.snapshot(),
              where + ": a refused request changed the stores (" + resp.status() + ")");
          assertTrue(
              resp.contentType().startsWith("application/problem+json"),
              where + ": " + resp.contentType());
        }
      }
    }
  }
}
