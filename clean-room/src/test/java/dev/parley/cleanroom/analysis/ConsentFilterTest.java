package dev.parley.cleanroom.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.consent.model.SubjectToken;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsentFilterTest {
  private static List<String> hex(TokenBuffer b) {
    List<String> out = new ArrayList<>();
    b.forEach(t -> out.add(HexFormat.of().formatHex(t)));
    return out;
  }

  @Test
  void consented_randomConsent_matchesNaiveIntersection() {
    Random rnd = new Random(20260301);
    List<byte[]> tokens = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      byte[] t = new byte[64];
      rnd.nextBytes(t);
      tokens.add(t);
    }
    List<String> partners = List.of("acme", "globex", "initech");
    Map<String, Set<SubjectToken>> consent = new HashMap<>();
    for (String p : partners) {
      Set<SubjectToken> s = new HashSet<>();
      tokens.forEach(
          t -> {
            if (rnd.nextInt(10) < 8) {
              s.add(SubjectToken.of(t));
            }
          });
      consent.put(p, s);
    }
    List<String> expected = new ArrayList<>();
    for (byte[] t : tokens) {
      if (partners.stream().allMatch(p -> consent.get(p).contains(SubjectToken.of(t)))) {
        expected.add(HexFormat.of().formatHex(t));
      }
    }
    int[] questions = new int[1];
    ConsentFilter.Oracle oracle =
        (batch, partner) -> {
          questions[0]++;
          BitSet b = new BitSet();
          for (int i = 0; i < batch.size(); i++) {
            b.set(i, consent.get(partner).contains(batch.get(i)));
          }
          return b;
        };
    for (int batchSize : new int[] {1, 7, 1000, 16_384}) {
      questions[0] = 0;
      TokenBuffer kept =
          ConsentFilter.consented(sink -> tokens.forEach(sink), partners, oracle, batchSize);
      assertEquals(expected, hex(kept), "batch size " + batchSize);
      int batches = (tokens.size() + batchSize - 1) / batchSize;
      assertEquals(true, questions[0] <= batches * partners.size());
    }
    assertEquals(true, expected.size() > 400 && expected.size() < 620, "about 0.8^3 kept");
  }

  @Test
  void consented_emptyStream_asksNothing() {
    TokenBuffer kept =
        ConsentFilter.consented(
            sink -> {},
            List.of("acme"),
            (batch, partner) -> {
              throw new AssertionError("no question for no tokens");
            },
            16);
    assertEquals(0, kept.size());
  }

  @Test
  void consented_noPartners_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ConsentFilter.consented(sink -> {}, List.of(), (b, p) -> new BitSet(), 16));
  }
}
