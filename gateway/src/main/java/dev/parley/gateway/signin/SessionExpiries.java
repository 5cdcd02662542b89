package dev.parley.gateway.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each consent-center session ends, keyed by the SHA-256 of its anti-CSRF token (unique per
 * session), so {@code GET /signin/session} can answer {@code expiresAt}: the session registry does
 * not expose it. Only digests are kept; entries go when their session would have expired.
 */
final class SessionExpiries {
  private final Map<String, Instant> byCsrfDigest = new ConcurrentHashMap<>();
  private final Clock clock;

  SessionExpiries(Clock clock) {
    this.clock = clock;
  }

  void put(String csrfToken, Instant expiresAt) {
    Instant now = clock.instant();
    byCsrfDigest.values().removeIf(t -> !now.isBefore(t));
    byCsrfDigest.put(digest(csrfToken), expiresAt);
  }

  Optional<Instant> get(String csrfToken) {
    return Optional.ofNullable(byCsrfDigest.get(digest(csrfToken)));
  }

  void remove(String csrfToken) {
    byCsrfDigest.remove(digest(csrfToken));
  }

  private static String digest(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
