package dev.parley.gateway.signin;

import dev.parley.consent.model.SubjectToken;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The open one-time-code challenges of the consent center's sign-in; in memory, thread-safe.
 *
 * <p>A challenge binds a random id to a subject token and a 6-digit code. The code itself is never
 * kept: only HMAC-SHA256(k, id ":" code) under a key {@code k} drawn once per process, because a
 * plain hash of a 6-digit code is reversed by trying all 10^6 codes. A challenge lives {@link #TTL}
 * and is used at most once; after {@link #MAX_FAILED_ATTEMPTS} wrong codes it is void until it
 * expires. New challenges are rate-limited per subject and overall ({@link Limits}). Codes are
 * compared in constant time ({@link MessageDigest#isEqual}).
 */
public final class SignInChallenges {
  /** How long a code may be used. */
  public static final Duration TTL = Duration.ofMinutes(10);

  /** Wrong codes after which a challenge is void. */
  public static final int MAX_FAILED_ATTEMPTS = 5;

  /** The number of decimal digits in a code. */
  public static final int CODE_DIGITS = 6;

  private static final int CODE_SPACE = 1_000_000;

  /**
   * Rate limits on new challenges.
   *
   * @param perSubject most challenges for one subject within {@code perSubjectWindow}
   * @param perSubjectWindow the per-subject window
   * @param overall most challenges in total within {@code overallWindow}
   * @param overallWindow the overall window
   */
  public record Limits(
      int perSubject, Duration perSubjectWindow, int overall, Duration overallWindow) {
    /** Five codes per address per 15 minutes; 60 codes a minute in total. */
    public static final Limits DEFAULT =
        new Limits(5, Duration.ofMinutes(15), 60, Duration.ofMinutes(1));
  }

  /**
   * A newly issued challenge; the code goes into the mail and nowhere else.
   *
   * @param challengeId the random id the client presents with the code
   * @param code the one-time code
   * @param expiresAt when the code stops working
   */
  public record Issued(String challengeId, OneTimeCode code, Instant expiresAt) {}

  /** Why a code was not accepted. */
  public enum Reason {
    /** No such challenge: never issued, already used, or purged after expiry. */
    UNKNOWN,
    /** The challenge is past its expiry. */
    EXPIRED,
    /** The code is wrong; attempts remain. */
    WRONG_CODE,
    /** Too many wrong codes: the challenge no longer accepts any code. */
    VOIDED
  }

  /** The result of presenting a code. */
  public sealed interface Outcome {
    /**
     * The code was right: the caller controls the subject's mailbox.
     *
     * @param subject the subject the challenge was issued for
     */
    record Verified(SubjectToken subject) implements Outcome {}

    /**
     * The code was not accepted.
     *
     * @param reason why
     * @param attemptsLeft wrong codes the challenge still tolerates (0 once void or gone)
     */
    record Rejected(Reason reason, int attemptsLeft) implements Outcome {}
  }

  private static final class Challenge {
    final SubjectToken subject;
    final byte[] mac;
    final Instant expiresAt;
    int failures;

    Challenge(SubjectToken subject, byte[] mac, Instant expiresAt) {
      this.subject = subject;
      this.mac = mac;
      this.expiresAt = expiresAt;
    }
  }

  private final Clock clock;
  private final SecureRandom random;
  private final Limits limits;
  private final SecretKeySpec macKey;
  private final Map<String, Challenge> open = new HashMap<>();
  private final Map<SubjectToken, SlidingWindow> perSubject = new HashMap<>();
  private final SlidingWindow overall;

  /**
   * Creates an empty book.
   *
   * @param clock the clock deciding expiry and rate limits
   * @param random the source of ids, codes and the MAC key
   * @param limits the rate limits
   */
  public SignInChallenges(Clock clock, SecureRandom random, Limits limits) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.overall = new SlidingWindow(limits.overall(), limits.overallWindow());
    byte[] key = new byte[32];
    random.nextBytes(key);
    this.macKey = new SecretKeySpec(key, "HmacSHA256");
  }

  /**
   * Issues a challenge for a subject.
   *
   * @param subject the subject whose mailbox will receive the code
   * @return the challenge id, the code and the expiry
   * @throws RateLimitedException if the subject or everyone together asked too often
   */
  public synchronized Issued issue(SubjectToken subject) throws RateLimitedException {
    Objects.requireNonNull(subject, "subject");
    Instant now = clock.instant();
    purge(now);
    SlidingWindow mine =
        perSubject.computeIfAbsent(
            subject, s -> new SlidingWindow(limits.perSubject(), limits.perSubjectWindow()));
    // Check both limits before counting, so a refused start uses up neither.
    Optional<Duration> wait = mine.waitFor(now);
    if (wait.isPresent()) {
      throw new RateLimitedException(RateLimitedException.Scope.SUBJECT, wait.get());
    }
    wait = overall.waitFor(now);
    if (wait.isPresent()) {
      throw new RateLimitedException(RateLimitedException.Scope.OVERALL, wait.get());
    }
    mine.record(now);
    overall.record(now);
    byte[] idBytes = new byte[16];
    random.nextBytes(idBytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
    OneTimeCode code = OneTimeCode.fromNumber(random.nextInt(CODE_SPACE), CODE_DIGITS);
    Instant expires = now.plus(TTL);
    open.put(id, new Challenge(subject, mac(id, code.digits()), expires));
    return new Issued(id, code, expires);
  }

  /**
   * Forgets a challenge whose code could not be delivered.
   *
   * @param challengeId the challenge id
   */
  public synchronized void withdraw(String challengeId) {
    open.remove(challengeId);
  }

  /**
   * Checks a code. A right code consumes the challenge; a wrong one counts against it.
   *
   * @param challengeId the challenge id the client presents
   * @param code the code the client presents, exactly {@value #CODE_DIGITS} ASCII digits
   * @return whether it was accepted, and if not why
   * @throws IllegalArgumentException if {@code code} is not {@value #CODE_DIGITS} ASCII digits
   */
  public synchronized Outcome verify(String challengeId, String code) {
    OneTimeCode.requireWellFormed(code, CODE_DIGITS);
    Instant now = clock.instant();
    Challenge c = challengeId == null ? null : open.get(challengeId);
    if (c == null) {
      return new Outcome.Rejected(Reason.UNKNOWN, 0);
    }
    if (!now.isBefore(c.expiresAt)) {
      open.remove(challengeId);
      return new Outcome.Rejected(Reason.EXPIRED, 0);
    }
    if (c.failures >= MAX_FAILED_ATTEMPTS) {
      return new Outcome.Rejected(Reason.VOIDED, 0);
    }
    if (MessageDigest.isEqual(mac(challengeId, code), c.mac)) {
      open.remove(challengeId);
      return new Outcome.Verified(c.subject);
    }
    c.failures++;
    int left = MAX_FAILED_ATTEMPTS - c.failures;
    return new Outcome.Rejected(left == 0 ? Reason.VOIDED : Reason.WRONG_CODE, left);
  }

  /**
   * Returns the number of challenges held (open or void, not yet purged).
   *
   * @return the count
   */
  public synchronized int size() {
    purge(clock.instant());
    return open.size();
  }

  private void purge(Instant now) {
    open.values().removeIf(c -> !now.isBefore(c.expiresAt));
    perSubject.values().removeIf(w -> w.idle(now));
  }

  private byte[] mac(String challengeId, String code) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(macKey);
      return m.doFinal((challengeId + ":" + code).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
    }
  }
}
