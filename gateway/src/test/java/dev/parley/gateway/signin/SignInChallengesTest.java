package dev.parley.gateway.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.testing.MutableClock;
import dev.parley.consent.model.SubjectToken;
import dev.parley.gateway.signin.SignInChallenges.Outcome;
import dev.parley.gateway.signin.SignInChallenges.Reason;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignInChallengesTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final SignInChallenges book =
      new SignInChallenges(clock, new SecureRandom(), SignInChallenges.Limits.DEFAULT);

  private static SubjectToken subject(int fill) {
    byte[] b = new byte[64];
    Arrays.fill(b, (byte) fill);
    return SubjectToken.of(b);
  }

  private static String wrong(SignInChallenges.Issued issued) {
    int n = Integer.parseInt(issued.code().digits());
    return String.format(Locale.ROOT, "%06d", (n + 1) % 1_000_000);
  }

  @Test
  void verify_rightCode_verifiedOnceThenUnknown() throws Exception {
    SignInChallenges.Issued issued = book.issue(subject(1));
    assertEquals(clock.instant().plus(Duration.ofMinutes(10)), issued.expiresAt());
    Outcome first = book.verify(issued.challengeId(), issued.code().digits());
    assertEquals(subject(1), assertInstanceOf(Outcome.Verified.class, first).subject());
    assertEquals(
        new Outcome.Rejected(Reason.UNKNOWN, 0),
        book.verify(issued.challengeId(), issued.code().digits()));
  }

  @Test
  void verify_wrongCodes_countDownThenVoidEvenForRightCode() throws Exception {
    SignInChallenges.Issued issued = book.issue(subject(1));
    for (int left = 4; left >= 1; left--) {
      assertEquals(
          new Outcome.Rejected(Reason.WRONG_CODE, left),
          book.verify(issued.challengeId(), wrong(issued)));
    }
    assertEquals(
        new Outcome.Rejected(Reason.VOIDED, 0), book.verify(issued.challengeId(), wrong(issued)));
    assertEquals(
        new Outcome.Rejected(Reason.VOIDED, 0),
        book.verify(issued.challengeId(), issued.code().digits()));
  }

  @Test
  void verify_atExpiry_expiredAndForgotten() throws Exception {
    SignInChallenges.Issued issued = book.issue(subject(1));
    clock.advance(Duration.ofMinutes(10).minusMillis(1));
    assertEquals(1, book.size());
    clock.advance(Duration.ofMillis(1));
    assertEquals(
        new Outcome.Rejected(Reason.EXPIRED, 0),
        book.verify(issued.challengeId(), issued.code().digits()));
    assertEquals(0, book.size());
  }

  @Test
  void verify_codeOfAnotherChallenge_wrong() throws Exception {
    SignInChallenges.Issued a = book.issue(subject(1));
    SignInChallenges.Issued b = book.issue(subject(2));
    String other = b.code().digits().equals(a.code().digits()) ? wrong(a) : b.code().digits();
    assertEquals(new Outcome.Rejected(Reason.WRONG_CODE, 4), book.verify(a.challengeId(), other));
  }

  @Test
  void verify_malformedCode_rejectedWithoutCounting() throws Exception {
    SignInChallenges.Issued issued = book.issue(subject(1));
    for (String bad : new String[] {"12345", "1234567", "12a456", "١٢٣٤٥٦", ""}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> book.verify(issued.challengeId(), bad));
      assertEquals("code: must be 6 digits", e.getMessage());
    }
    assertInstanceOf(
        Outcome.Verified.class, book.verify(issued.challengeId(), issued.code().digits()));
  }

  @Test
  void issue_sixthForOneSubject_rateLimitedUntilWindowPasses() throws Exception {
    for (int i = 0; i < 5; i++) {
      book.issue(subject(1));
      clock.advance(Duration.ofMinutes(1));
    }
    RateLimitedException e = assertThrows(RateLimitedException.class, () -> book.issue(subject(1)));
    assertEquals(RateLimitedException.Scope.SUBJECT, e.scope());
    assertEquals(Duration.ofMinutes(10), e.retryAfter());
    book.issue(subject(2)); // others are not affected
    clock.advance(Duration.ofMinutes(10));
    book.issue(subject(1));
  }

  @Test
  void issue_overallLimit_appliesAcrossSubjects() throws Exception {
    SignInChallenges small =
        new SignInChallenges(
            clock,
            new SecureRandom(),
            new SignInChallenges.Limits(5, Duration.ofMinutes(15), 3, Duration.ofMinutes(1)));
    for (int i = 0; i < 3; i++) {
      small.issue(subject(10 + i));
    }
    RateLimitedException e =
        assertThrows(RateLimitedException.class, () -> small.issue(subject(20)));
    assertEquals(RateLimitedException.Scope.OVERALL, e.scope());
    assertEquals(Duration.ofMinutes(1), e.retryAfter());
    // Refused starts used up nothing: after the overall window, subject 20 still has 5 starts.
    clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 3; i++) {
      small.issue(subject(20));
    }
    clock.advance(Duration.ofMinutes(1));
    small.issue(subject(20));
    small.issue(subject(20));
    assertEquals(
        RateLimitedException.Scope.SUBJECT,
        assertThrows(RateLimitedException.class, () -> small.issue(subject(20))).scope());
  }

  @Test
  void issue_codes_sixDigitsIdsUniqueAndToStringRedacted() throws Exception {
    SignInChallenges many =
        new SignInChallenges(
            clock,
            new SecureRandom(),
            new SignInChallenges.Limits(1, Duration.ofMinutes(1), 1000, Duration.ofMinutes(1)));
    Set<String> ids = new HashSet<>();
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      SignInChallenges.Issued issued = many.issue(subject(i % 250 + 1));
      assertTrue(issued.code().digits().matches("[0-9]{6}"), "six digits");
      assertFalse(issued.toString().contains(issued.code().digits()), issued.toString());
      ids.add(issued.challengeId());
      codes.add(issued.code().digits());
    }
    assertEquals(200, ids.size());
    assertTrue(codes.size() > 190, "codes repeat far more often than chance: " + codes.size());
  }

  @Test
  void fromNumber_everyCode_matchesZeroPaddedDecimalReference() {
    for (int n = 0; n < 1_000_000; n++) {
      String ref = String.format(Locale.ROOT, "%06d", n);
      String got = OneTimeCode.fromNumber(n, 6).digits();
      if (!ref.equals(got)) {
        assertEquals(ref, got, "code for " + n);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> OneTimeCode.fromNumber(1_000_000, 6));
    assertThrows(IllegalArgumentException.class, () -> OneTimeCode.fromNumber(-1, 6));
  }
}
