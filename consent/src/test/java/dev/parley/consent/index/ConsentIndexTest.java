package dev.parley.consent.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.purpose.Purpose;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConsentIndexTest {
  /** One decision as the naive model keeps it. */
  private record Event(
      int subject, String partner, int mask, ConsentStatus status, long ledger, Instant expires) {}

  private static SubjectToken token(int i) {
    byte[] b = new byte[16 + (i % 49)];
    new Random(i).nextBytes(b);
    return SubjectToken.of(b);
  }

  /** The naive reference: scan all events, keep the last matching one before S. */
  private static boolean naiveActive(
      List<Event> events, int subject, String partner, Purpose p, long size, Instant now) {
    Event last = null;
    for (Event e : events) {
      if (e.subject == subject
          && e.partner.equals(partner)
          && (e.mask & p.bit()) != 0
          && e.ledger < size) {
        last = e;
      }
    }
    return last != null
        && last.status == ConsentStatus.GIVEN
        && (last.expires == null || now.isBefore(last.expires));
  }

  @Test
  void activeConsent_randomHistory_matchesNaiveModel() {
    Random r = new Random(42);
    int subjects = 300;
    ConsentIndex index = new ConsentIndex(4);
    List<Event> events = new ArrayList<>();
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    String[] partners = {"a", "b", "c"};
    ConsentStatus[] statuses = ConsentStatus.values();
    for (long ledger = 0; ledger < 3000; ledger++) {
      int s = r.nextInt(subjects);
      if (r.nextInt(200) == 0) {
        index.erase(token(s));
        events.removeIf(e -> e.subject == s);
        continue;
      }
      String p = partners[r.nextInt(3)];
      int mask = 1 + r.nextInt(255);
      ConsentStatus st = statuses[r.nextInt(statuses.length)];
      Instant exp =
          st == ConsentStatus.GIVEN && r.nextBoolean() ? base.plusSeconds(r.nextInt(1000)) : null;
      events.add(new Event(s, p, mask, st, ledger, exp));
      index.add(token(s), p, mask, st, ledger, exp);
    }
    List<SubjectToken> tokens = new ArrayList<>();
    for (int i = 0; i < subjects + 20; i++) {
      tokens.add(token(i));
    }
    int checked = 0;
    for (String partner : List.of("a", "b", "c", "zz")) {
      for (Purpose purpose : Purpose.all()) {
        for (long size : new long[] {0, 500, 1500, Long.MAX_VALUE}) {
          Instant now = base.plusSeconds(r.nextInt(1200));
          BitSet got = index.activeConsent(tokens, partner, purpose, size, now);
          for (int i = 0; i < tokens.size(); i++) {
            assertEquals(
                naiveActive(events, i, partner, purpose, size, now),
                got.get(i),
                "token " + i + " " + partner + " " + purpose + " S=" + size);
            checked++;
          }
        }
      }
    }
    assertTrue(checked > 30_000);
  }

  @Test
  void activeConsent_expiry_lapsesAtExpiryInstant() {
    ConsentIndex index = new ConsentIndex(1);
    Instant exp = Instant.parse("2026-06-01T00:00:00Z");
    index.add(token(1), "a", Purpose.MEASUREMENT.bit(), ConsentStatus.GIVEN, 0, exp);
    List<SubjectToken> one = List.of(token(1));
    assertTrue(index.activeConsent(one, "a", Purpose.MEASUREMENT, 1, exp.minusMillis(1)).get(0));
    assertFalse(index.activeConsent(one, "a", Purpose.MEASUREMENT, 1, exp).get(0));
  }

  @Test
  void activeConsent_asOfLedgerSize_ignoresLaterWithdrawal() {
    ConsentIndex index = new ConsentIndex(1);
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    index.add(token(1), "a", Purpose.BASIC_ADS.bit(), ConsentStatus.GIVEN, 5, null);
    index.add(token(1), "a", Purpose.BASIC_ADS.bit(), ConsentStatus.WITHDRAWN, 9, null);
    List<SubjectToken> one = List.of(token(1));
    assertFalse(index.activeConsent(one, "a", Purpose.BASIC_ADS, 5, now).get(0));
    assertTrue(index.activeConsent(one, "a", Purpose.BASIC_ADS, 6, now).get(0));
    assertTrue(index.activeConsent(one, "a", Purpose.BASIC_ADS, 9, now).get(0));
    assertFalse(index.activeConsent(one, "a", Purpose.BASIC_ADS, 10, now).get(0));
  }

  @Test
  void tokenTable_manyTokens_roundTripAndRemove() {
    TokenTable t = new TokenTable(0);
    for (int i = 0; i < 5000; i++) {
      assertEquals(i, t.getOrAdd(token(i)));
    }
    for (int i = 0; i < 5000; i += 3) {
      assertEquals(i, t.remove(token(i)));
    }
    for (int i = 0; i < 5000; i++) {
      assertEquals(i % 3 == 0 ? -1 : i, t.get(token(i)));
      if (i % 3 != 0) {
        assertEquals(token(i), t.token(i));
      }
    }
    assertEquals(5000 - 1667, t.size());
    assertEquals(5000, t.getOrAdd(token(0)));
  }
}
