package dev.parley.gateway.auth;

import dev.parley.consent.model.SubjectToken;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The consent center's consumer sessions: short-lived, in memory, each bound to one subject token.
 *
 * <p>A session id is 32 random bytes; the registry keeps only its SHA-256, so a map lookup reveals
 * nothing about the id through timing and a heap dump holds no usable session. Sessions do not
 * survive a restart (the person signs in again), which is the safe default for a credential that
 * lives {@link #DEFAULT_TTL} at most.
 */
public final class SessionRegistry implements PrincipalResolver {
  /** The cookie carrying the session id. */
  public static final String COOKIE = "parley_session";

  /** How long a session lives after sign-in. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration ttl;
  private final SecureRandom random;

  private record Session(SubjectToken subject, String csrfToken, Instant expiresAt) {}

  /**
   * A newly created session, returned once to the sign-in handler.
   *
   * @param cookie the cookie to set (HttpOnly, SameSite=Strict, path /)
   * @param csrfToken the anti-CSRF token the page must echo in {@link Authentication#CSRF_HEADER}
   * @param expiresAt when the session ends
   */
  public record NewSession(Cookie cookie, String csrfToken, Instant expiresAt) {
    @Override
    public String toString() {
      return "NewSession[expiresAt=" + expiresAt + "]";
    }
  }

  /**
   * Creates an empty registry.
   *
   * @param clock the clock deciding expiry
   * @param ttl how long each session lives
   * @param random the source of session ids and anti-CSRF tokens
   */
  public SessionRegistry(Clock clock, Duration ttl, SecureRandom random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Starts a session for a subject.
   *
   * @param subject the subject token the person proved control of
   * @param secure whether the cookie must carry the Secure attribute (true whenever TLS is on)
   * @return the cookie and anti-CSRF token
   */
  public NewSession create(SubjectToken subject, boolean secure) {
    purgeExpired();
    String id = randomToken();
    String csrf = randomToken();
    Instant expires = clock.instant().plus(ttl);
    sessions.put(digest(id), new Session(subject, csrf, expires));
    Cookie cookie =
        Cookie.cookie(COOKIE, id)
            .setPath("/")
            .setHttpOnly(true)
            .setSecure(secure)
            .setSameSite(CookieSameSite.STRICT)
            .setMaxAge(ttl.toSeconds());
    return new NewSession(cookie, csrf, expires);
  }

  /**
   * Ends the session named by a request's cookie, if any.
   *
   * @param request the request
   */
  public void revoke(HttpServerRequest request) {
    Cookie c = request.getCookie(COOKIE);
    if (c != null) {
      sessions.remove(digest(c.getValue()));
    }
  }

  /**
   * Ends every session of a subject (after erasure, say).
   *
   * @param subject the subject
   */
  public void revokeAll(SubjectToken subject) {
    sessions.values().removeIf(s -> s.subject().equals(subject));
  }

  /**
   * {@inheritDoc}
   *
   * <p>An unknown or expired session cookie (after a restart, sign-out or expiry) resolves to
   * nothing, so the caller is anonymous and can sign in again; {@link Authentication} then clears
   * the stale cookie.
   */
  @Override
  public Optional<Principal> resolve(HttpServerRequest request) {
    Cookie c = request.getCookie(COOKIE);
    if (c == null) {
      return Optional.empty();
    }
    String key = digest(c.getValue());
    Session s = sessions.get(key);
    if (s == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(s.expiresAt())) {
      sessions.remove(key);
      return Optional.empty();
    }
    return Optional.of(new Principal.Consumer(s.subject(), s.csrfToken()));
  }

  /**
   * Returns the number of live sessions.
   *
   * @return the count
   */
  public int size() {
    purgeExpired();
    return sessions.size();
  }

  private void purgeExpired() {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
  }

  private String randomToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String digest(String id) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
