package dev.parley.consent.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.purpose.Purpose;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link ConsentIndex#consentedSet} against the per-token question as the reference model. */
class ConsentedSetTest {
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
  private static final int LENGTH = 32;

  /** Subject {@code i}'s token: 32 bytes, except every seventh subject's (20 bytes). */
  private static SubjectToken token(int i) {
    byte[] b = new byte[i % 7 == 6 ? 20 : LENGTH];
    new Random(i * 31L + 7).nextBytes(b);
    return SubjectToken.of(b);
  }

  private static Set<String> hex(ConsentedSet set) {
    Set<String> out = new TreeSet<>();
    byte[] t = new byte[set.tokenLength()];
    for (int i = 0; i < set.size(); i++) {
      set.copyToken(i, t, 0);
      out.add(HexFormat.of().formatHex(t));
    }
    assertEquals(set.size(), out.size(), "no token twice");
    return out;
  }

  /** The old path: each token asked per partner, answers intersected, wrong lengths dropped. */
  private static Set<String> perToken(
      ConsentIndex index, int subjects, List<String> partners, Purpose p, long size, Instant now) {
    List<SubjectToken> tokens = new ArrayList<>();
    for (int i = 0; i < subjects; i++) {
      tokens.add(token(i));
    }
    BitSet keep = new BitSet();
    keep.set(0, tokens.size());
    for (String partner : partners) {
      keep.and(index.activeConsent(tokens, partner, p, size, now));
    }
    Set<String> out = new TreeSet<>();
    for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
      if (tokens.get(i).bytes().length == LENGTH) {
        out.add(HexFormat.of().formatHex(tokens.get(i).bytes()));
      }
    }
    return out;
  }

  /** Random grants, refusals, withdrawals, expiries and erasures over three partners. */
  private static ConsentIndex randomIndex(Random r, int subjects, long ledgerEnd) {
    ConsentIndex index = new ConsentIndex(8);
    String[] partners = {"a", "b", "c"};
    ConsentStatus[] statuses = ConsentStatus.values();
    for (long ledger = 0; ledger < ledgerEnd; ledger++) {
      int s = r.nextInt(subjects);
      if (r.nextInt(150) == 0) {
        index.erase(token(s));
        continue;
      }
      if (r.nextInt(4) == 0) {
        continue; // a ledger entry that is not a consent decision
      }
      int mask = r.nextInt(3) == 0 ? 1 + r.nextInt(255) : Purpose.AUDIENCE_INSIGHTS.bit();
      ConsentStatus st =
          r.nextInt(3) == 0 ? statuses[r.nextInt(statuses.length)] : ConsentStatus.GIVEN;
      Instant exp =
          st == ConsentStatus.GIVEN && r.nextInt(3) == 0 ? BASE.plusSeconds(r.nextInt(1000)) : null;
      index.add(token(s), partners[r.nextInt(3)], mask, st, ledger, exp);
    }
    return index;
  }

  @Test
  void consentedSet_randomHistories_matchesPerTokenPath() {
    Random r = new Random(20261123);
    int compared = 0;
    int nonEmpty = 0;
    for (int round = 0; round < 8; round++) {
      int subjects = 50 + r.nextInt(300);
      ConsentIndex index = randomIndex(r, subjects, 4000);
      List<List<String>> partnerLists =
          List.of(List.of("a"), List.of("b", "a"), List.of("a", "b", "c"), List.of("c", "zz"));
      for (List<String> partners : partnerLists) {
        for (Purpose purpose : List.of(Purpose.AUDIENCE_INSIGHTS, Purpose.MEASUREMENT)) {
          for (long size : new long[] {0, 1, 700, 2500, 4000, Long.MAX_VALUE}) {
            Instant now = BASE.plusSeconds(r.nextInt(1200));
            ConsentedSet got = index.consentedSet(partners, purpose, size, now, LENGTH);
            Set<String> expected = perToken(index, subjects + 5, partners, purpose, size, now);
            assertEquals(expected, hex(got), partners + " " + purpose + " S=" + size);
            assertEquals(LENGTH, got.tokenLength());
            compared++;
            nonEmpty += expected.isEmpty() ? 0 : 1;
          }
        }
      }
    }
    assertEquals(8 * 4 * 2 * 6, compared);
    assertTrue(nonEmpty > 100, "most questions have an answer: " + nonEmpty);
  }

  @Test
  void consentedSet_whenItHolds_laterQuestionsGiveTheSameSet() {
    Random r = new Random(77);
    int held = 0;
    int refused = 0;
    for (int round = 0; round < 20; round++) {
      int subjects = 40 + r.nextInt(100);
      long end = 500L + r.nextInt(1000);
      ConsentIndex index = randomIndex(r, subjects, end);
      List<String> partners = List.of("a", "b");
      long size = r.nextBoolean() ? end : r.nextInt((int) end);
      Instant now = BASE.plusSeconds(r.nextInt(1000));
      ConsentedSet set = index.consentedSet(partners, Purpose.AUDIENCE_INSIGHTS, size, now, LENGTH);
      assertEquals(size >= end, set.settled(), "settled iff no decision at or after S");
      for (int i = 0; i < 30; i++) {
        long otherSize = size + r.nextInt(3) - 1 + (r.nextBoolean() ? r.nextInt(500) : 0);
        Instant otherNow = now.plusSeconds(r.nextInt(700) - 100);
        Set<String> fresh =
            hex(
                index.consentedSet(
                    partners, Purpose.AUDIENCE_INSIGHTS, otherSize, otherNow, LENGTH));
        if (set.holdsFor(otherSize, otherNow, index.version())) {
          assertEquals(fresh, hex(set), "S " + size + "->" + otherSize + ", now " + otherNow);
          held++;
        } else {
          refused++;
        }
      }
    }
    assertTrue(held > 50 && refused > 50, held + " held, " + refused + " refused");
  }

  @Test
  void consentedSet_expiresAt_isEarliestExpiryOfAdmittingDecisions() {
    ConsentIndex index = new ConsentIndex(4);
    int bit = Purpose.AUDIENCE_INSIGHTS.bit();
    Instant soon = BASE.plusSeconds(100);
    Instant later = BASE.plusSeconds(500);
    index.add(token(1), "a", bit, ConsentStatus.GIVEN, 0, later);
    index.add(token(1), "b", bit, ConsentStatus.GIVEN, 1, null);
    index.add(token(2), "a", bit, ConsentStatus.GIVEN, 2, soon); // not admitted: no "b"
    index.add(token(3), "a", bit, ConsentStatus.GIVEN, 3, null);
    index.add(token(3), "b", bit, ConsentStatus.GIVEN, 4, null);
    List<String> ab = List.of("a", "b");
    ConsentedSet set = index.consentedSet(ab, Purpose.AUDIENCE_INSIGHTS, 5, BASE, LENGTH);
    assertEquals(2, set.size());
    assertEquals(Optional.of(later), set.expiresAt());
    assertTrue(set.holdsFor(9, later.minusMillis(1), index.version()));
    assertFalse(set.holdsFor(9, later, index.version()), "token 1 lapses at its expiry");
    assertFalse(set.holdsFor(5, BASE.minusMillis(1), index.version()), "the clock went back");
    assertEquals(
        1,
        index.consentedSet(ab, Purpose.AUDIENCE_INSIGHTS, 5, later, LENGTH).size(),
        "only token 3 is left at the expiry");
    assertTrue(set.answers(List.of("b", "a"), bit));
    assertFalse(set.answers(List.of("a"), bit));
    assertFalse(set.answers(ab, Purpose.MEASUREMENT.bit()));
  }

  @Test
  void consentedSet_withdrawalOrErasure_changesVersionSoTheSetNoLongerHolds() {
    ConsentIndex index = new ConsentIndex(4);
    int bit = Purpose.AUDIENCE_INSIGHTS.bit();
    for (int i = 0; i < 4; i++) {
      index.add(token(i), "a", bit, ConsentStatus.GIVEN, i, null);
    }
    ConsentedSet set = index.consentedSet(List.of("a"), Purpose.AUDIENCE_INSIGHTS, 4, BASE, LENGTH);
    assertEquals(4, set.size());
    assertTrue(set.settled());
    assertTrue(set.holdsFor(10, BASE.plusSeconds(1), index.version()));
    index.add(token(2), "a", bit, ConsentStatus.WITHDRAWN, 4, null);
    assertFalse(set.holdsFor(10, BASE.plusSeconds(1), index.version()));
    assertEquals(
        3, index.consentedSet(List.of("a"), Purpose.AUDIENCE_INSIGHTS, 5, BASE, LENGTH).size());
    ConsentedSet before =
        index.consentedSet(List.of("a"), Purpose.AUDIENCE_INSIGHTS, 5, BASE, LENGTH);
    index.erase(token(0));
    assertFalse(before.holdsFor(5, BASE, index.version()));
    assertEquals(
        2, index.consentedSet(List.of("a"), Purpose.AUDIENCE_INSIGHTS, 5, BASE, LENGTH).size());
  }

  @Test
  void consentedSet_badArguments_refusedPrecisely() {
    ConsentIndex index = new ConsentIndex(1);
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> index.consentedSet(List.of(), Purpose.AUDIENCE_INSIGHTS, 1, BASE, LENGTH));
    assertTrue(none.getMessage().startsWith("partners:"));
    IllegalArgumentException length =
        assertThrows(
            IllegalArgumentException.class,
            () -> index.consentedSet(List.of("a"), Purpose.AUDIENCE_INSIGHTS, 1, BASE, 65));
    assertTrue(length.getMessage().startsWith("tokenLength:"));
    assertEquals(
        "ConsentedSet[0 tokens, partners [a], S 1]",
        index.consentedSet(List.of("a"), Purpose.AUDIENCE_INSIGHTS, 1, BASE, LENGTH).toString());
  }
}
