package dev.parley.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.consent.journal.LedgerJournal;
import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.store.ConsentStore;
import dev.parley.consent.tcf.InvalidTcStringException;
import dev.parley.consent.tcf.TcfDecisions;
import dev.parley.consent.tcf.TcfImporter;
import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.consent.ConsentComponent;
import dev.parley.gateway.ledger.LedgerComponent;
import dev.parley.gateway.matching.MatchingComponent;
import dev.parley.gateway.security.Gateway.Caller;
import dev.parley.gateway.security.Gateway.Response;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.ledger.store.LedgerOptions;
import dev.parley.ledger.store.LedgerStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the TC-string import, seeded and reproducible ({@code -Dparley.fuzz.seed=N} replays a
 * run): the decoder path in-process, the importer against a real store and ledger, and the {@code
 * POST /consent/tcf} route over HTTP. A bad string may only be reported ({@link
 * InvalidTcStringException} or a rejection by position); nothing else may escape, no request may
 * end in a 5xx, and a rejected input leaves the ledger and the consent store as they were.
 */
class TcfFuzzTest {
  static final long SEED = Long.getLong("parley.fuzz.seed", 0x7C5F_2026L);
  private static final String B64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  @TempDir Path data;

  private final List<String> seeds = new ArrayList<>(Seeds.tcStrings().values());

  /** A fuzzed TC string: generated, a mutated seed, or random text. */
  private String input(SplittableRandom r, TcStringGenerator gen, Mutations m) {
    return switch (r.nextInt(10)) {
      case 0, 1, 2, 3, 4 -> gen.next();
      case 5, 6 -> mutateText(r, seeds.get(r.nextInt(seeds.size())));
      case 7 ->
          new String(
              m.bytes(seeds.get(r.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8)),
              StandardCharsets.UTF_8);
      case 8 -> randomText(r, B64URL + ".", 1 + r.nextInt(120));
      default -> randomText(r, B64URL + ".=+/ \t\u00e9\u0000", r.nextInt(300));
    };
  }

  private static String mutateText(SplittableRandom r, String s) {
    StringBuilder b = new StringBuilder(s);
    for (int i = 0, n = 1 + r.nextInt(4); i < n && !b.isEmpty(); i++) {
      int at = r.nextInt(b.length());
      switch (r.nextInt(4)) {
        case 0 -> b.setCharAt(at, B64URL.charAt(r.nextInt(64)));
        case 1 -> b.deleteCharAt(at);
        case 2 -> b.insert(at, B64URL.charAt(r.nextInt(64)));
        default -> b.setLength(at);
      }
    }
    return b.toString();
  }

  private static String randomText(SplittableRandom r, String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static String show(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decide_55000FuzzedStrings_onlyDecisionsOrInvalidTcString() {
    SplittableRandom r = new SplittableRandom(SEED);
    TcStringGenerator gen = new TcStringGenerator(r.split());
    Mutations m = new Mutations(r.split());
    Partner acme = new Partner("acme", "Acme", OptionalInt.of(755));
    SubjectToken subject = Gateway.token(1);
    int decoded = 0;
    Findings findings = new Findings();
    for (int i = 0; i < 55_000; i++) {
      String s = input(r, gen, m);
      try {
        List<ConsentDecision> ds =
            TcfDecisions.decide(
                subject, s, acme, r.nextBoolean() ? null : Duration.ofDays(1 + r.nextInt(3650)));
        for (ConsentDecision d : ds) {
          assertEquals("acme", d.partner());
          assertTrue(!d.purposes().isEmpty(), "a decision names purposes");
        }
        decoded++;
      } catch (InvalidTcStringException e) {
        assertTrue(!e.getMessage().contains(s) || s.length() < 4, "the string is not echoed");
      } catch (RuntimeException | Error e) {
        findings.add(
            e.toString(), "seed " + SEED + " case " + i, s.getBytes(StandardCharsets.UTF_8));
      }
    }
    findings.assertNone();
    assertTrue(decoded > 4_500, "the generator reaches the decoder's happy path: " + decoded);
  }

  @Test
  void importBatch_800FuzzedBatches_rejectionsChangeNothing() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED ^ 0x5EED);
    TcStringGenerator gen = new TcStringGenerator(r.split());
    Mutations m = new Mutations(r.split());
    try (LedgerStore ledger =
            LedgerStore.open(LedgerOptions.builder(data.resolve("ledger")).build());
        ConsentStore store = ConsentStore.open(data, new LedgerJournal(ledger))) {
      store.registerPartner(new Partner("acme", "Acme", OptionalInt.of(755)));
      TcfImporter importer = new TcfImporter(store);
      int applied = 0;
      for (int i = 0; i < 800; i++) {
        List<TcfImporter.Line> lines = new ArrayList<>();
        int n = 1 + r.nextInt(4);
        boolean allBad = r.nextInt(5) > 0;
        for (int k = 0; k < n; k++) {
          String s =
              allBad ? mutateText(r, randomText(r, B64URL, 10 + r.nextInt(40))) : input(r, gen, m);
          lines.add(new TcfImporter.Line(Gateway.token(r.nextInt(5000)), s));
        }
        long ledgerBefore = ledger.latest().checkpoint().size();
        long triplesBefore = store.tripleCount();
        TcfImporter.Result result;
        try {
          result =
              importer.importBatch("acme", lines, r.nextBoolean() ? null : Duration.ofDays(30));
        } catch (RuntimeException | Error e) {
          fail(
              "seed "
                  + SEED
                  + " batch "
                  + i
                  + " "
                  + lines.stream().map(l -> show(l.tcString())).toList()
                  + ": "
                  + e,
              e);
          return;
        }
        assertEquals(
            n, result.applied() + result.rejected().size(), "every line applied or rejected");
        if (result.applied() == 0) {
          assertEquals(
              ledgerBefore,
              ledger.latest().checkpoint().size(),
              "batch " + i + ": no ledger entry");
          assertEquals(triplesBefore, store.tripleCount(), "batch " + i + ": no triple");
        } else {
          assertEquals(
              ledgerBefore + result.receipts().size(), ledger.latest().checkpoint().size());
          applied += result.applied();
        }
      }
      assertTrue(applied > 0, "some fuzzed strings were applied");
    }
  }

  @Test
  void tcfRoute_400FuzzedRequests_no5xxAndRejectionsChangeNothing() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED ^ 0xB0D1);
    TcStringGenerator gen = new TcStringGenerator(r.split());
    Mutations m = new Mutations(r.split());
    try (Gateway gw =
        Gateway.start(
            data,
            List.of(
                LedgerComponent.factory(),
                AuthComponent.factory(),
                MatchingComponent.factory(),
                ConsentComponent.factory()),
            ParleyServer.Limits.DEFAULTS)) {
      Caller acme = gw.partner("acme");
      for (int i = 0; i < 400; i++) {
        JsonArray records = new JsonArray();
        for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
          // Mostly strings the importer rejects: writes are slow, and the route is the target here.
          String tc =
              r.nextInt(5) == 0
                  ? input(r, gen, m)
                  : mutateText(r, randomText(r, B64URL, 8 + r.nextInt(60)));
          records.add(
              new JsonObject()
                  .put("subject", Gateway.token(r.nextInt(1000)).toBase64Url())
                  .put("tcString", tc));
        }
        String body = new JsonObject().put("records", records).encode();
        byte[] sent =
            switch (r.nextInt(4)) {
              case 0 -> Mutations.utf8(m.json(body));
              case 1 -> m.bytes(Mutations.utf8(body));
              default -> Mutations.utf8(body);
            };
        Gateway.Snapshot before = gw.snapshot();
        Response resp = gw.send(acme, "POST", "/consent/tcf", "application/json", sent);
        String where =
            "seed "
                + SEED
                + " request "
                + i
                + " body (base64) "
                + Base64.getEncoder().encodeToString(sent);
        assertTrue(resp.status() < 500, where + ": " + resp.status() + " " + resp.body());
        boolean rejected =
            resp.status() >= 400 || new JsonObject(resp.body()).getInteger("applied") == 0;
        if (rejected) {
          assertEquals(before, gw.snapshot(), where + ": a rejected request changed the stores");
        }
      }
    }
  }
}
