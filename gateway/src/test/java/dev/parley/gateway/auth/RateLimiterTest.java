package dev.parley.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong millis = new AtomicLong(1_000_000);
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(millis.get());
        }
      };

  @Test
  void take_burstThenRefill_matchesTokenBucketModel() {
    RateLimiter r = new RateLimiter(clock, 10, 5);
    for (int i = 0; i < 5; i++) {
      assertEquals(0, r.take("a"), "burst request " + i);
    }
    long wait = r.take("a");
    assertEquals(100, wait, "one token takes 1/10 s");
    assertEquals(0, r.take("b"), "callers are independent");
    millis.addAndGet(100);
    assertEquals(0, r.take("a"));
    assertTrue(r.take("a") > 0);
    millis.addAndGet(10_000);
    for (int i = 0; i < 5; i++) {
      assertEquals(0, r.take("a"), "refilled only up to the burst, request " + i);
    }
    assertTrue(r.take("a") > 0);
  }

  @Test
  void take_manyCallers_tableStaysBounded() {
    RateLimiter r = new RateLimiter(clock, 1000, 2);
    for (int i = 0; i < RateLimiter.MAX_BUCKETS + 10; i++) {
      r.take("k" + i);
    }
    millis.addAndGet(1000);
    r.take("last");
    assertTrue(r.size() <= RateLimiter.MAX_BUCKETS, "size " + r.size());
  }

  @Test
  void new_badLimits_refusedWithValues() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(clock, 0, 5));
    assertTrue(e.getMessage().contains("got 0.0 and 5.0"), e.getMessage());
  }
}
