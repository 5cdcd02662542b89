package dev.parley.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.model.SubjectToken;
import io.vertx.core.http.CookieSameSite;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  private static SubjectToken token(int fill) {
    byte[] b = new byte[64];
    Arrays.fill(b, (byte) fill);
    return SubjectToken.of(b);
  }

  @Test
  void create_cookie_httpOnlyStrictSecureWhenAsked() {
    SessionRegistry r = new SessionRegistry(clock, Duration.ofMinutes(15), new SecureRandom());
    SessionRegistry.NewSession s = r.create(token(1), true);
    assertTrue(s.cookie().isHttpOnly());
    assertTrue(s.cookie().isSecure());
    assertEquals(CookieSameSite.STRICT, s.cookie().getSameSite());
    assertEquals(Instant.parse("2026-01-01T00:15:00Z"), s.expiresAt());
    assertNotEquals(s.cookie().getValue(), s.csrfToken());
    assertTrue(
        !s.toString().contains(s.cookie().getValue()) && !s.toString().contains(s.csrfToken()));
  }

  @Test
  void size_afterTtl_expiredSessionsPurged() {
    SessionRegistry r = new SessionRegistry(clock, Duration.ofMinutes(15), new SecureRandom());
    r.create(token(1), false);
    r.create(token(2), false);
    assertEquals(2, r.size());
    now.set(now.get().plus(Duration.ofMinutes(15)));
    assertEquals(0, r.size());
  }

  @Test
  void revokeAll_subject_onlyThatSubjectsSessionsEnd() {
    SessionRegistry r = new SessionRegistry(clock, Duration.ofMinutes(15), new SecureRandom());
    r.create(token(1), false);
    r.create(token(1), false);
    r.create(token(2), false);
    r.revokeAll(token(1));
    assertEquals(1, r.size());
  }

  @Test
  void new_nullArguments_rejected() {
    assertThrows(
        NullPointerException.class,
        () -> new SessionRegistry(null, Duration.ofMinutes(1), new SecureRandom()));
  }
}
