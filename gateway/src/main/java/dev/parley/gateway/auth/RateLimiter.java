package dev.parley.gateway.auth;

import dev.parley.gateway.server.Problems;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-principal request rate limits: one token bucket per caller (a partner, an auditor key, a
 * consumer's subject, or for anonymous callers the remote address), refilled continuously.
 *
 * <p>A request beyond the bucket gets 429 with {@code Retry-After} and a {@code rate_limited}
 * security event. Bucket keys are SHA-256 digests, never tokens or addresses in clear, and the
 * table is bounded: when it holds more than {@link #MAX_BUCKETS} callers, full (idle) buckets are
 * dropped first, so a flood of new callers cannot exhaust memory.
 */
public final class RateLimiter implements Handler<RoutingContext> {
  /** The most callers tracked at once. */
  public static final int MAX_BUCKETS = 100_000;

  private final Clock clock;
  private final double perSecond;
  private final double burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    private double tokens;
    private long lastNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.lastNanos = now;
    }
  }

  /**
   * Creates a limiter.
   *
   * @param clock the clock (its {@code millis()} drives refills)
   * @param perSecond sustained requests per second per caller
   * @param burst the most requests a caller may make at once
   */
  public RateLimiter(Clock clock, double perSecond, double burst) {
    if (!(perSecond > 0) || !(burst >= 1)) {
      throw new IllegalArgumentException(
          "rate limit: need perSecond > 0 and burst >= 1, got " + perSecond + " and " + burst);
    }
    this.clock = clock;
    this.perSecond = perSecond;
    this.burst = burst;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String key = key(ctx);
    long waitMillis = take(key);
    if (waitMillis == 0) {
      ctx.next();
      return;
    }
    SecurityEvents.of(ctx).record(SecurityEvents.Kind.RATE_LIMITED, ctx);
    ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, (waitMillis + 999) / 1000)));
    Problems.send(
        ctx, 429, "Too Many Requests", "rate limit exceeded for this caller; retry later");
  }

  /**
   * Takes one token from a caller's bucket.
   *
   * @param key the caller's bucket key
   * @return 0 if allowed, else the milliseconds until a token is available
   */
  long take(String key) {
    long now = clock.millis() * 1_000_000L;
    if (buckets.size() > MAX_BUCKETS) {
      evictIdle(now);
    }
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    synchronized (b) {
      double refill = (now - b.lastNanos) / 1e9 * perSecond;
      b.tokens = Math.min(burst, b.tokens + Math.max(0, refill));
      b.lastNanos = Math.max(b.lastNanos, now);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - b.tokens) / perSecond * 1000);
    }
  }

  int size() {
    return buckets.size();
  }

  private void evictIdle(long now) {
    buckets
        .entrySet()
        .removeIf(
            e -> {
              Bucket b = e.getValue();
              synchronized (b) {
                return b.tokens + (now - b.lastNanos) / 1e9 * perSecond >= burst;
              }
            });
    if (buckets.size() > MAX_BUCKETS) {
      buckets.clear(); // Everyone was active: start over rather than grow without bound.
    }
  }

  private static String key(RoutingContext ctx) {
    Principal p = Access.principal(ctx);
    String raw =
        switch (p) {
          case Principal.Partner x -> "p:" + x.partnerId();
          case Principal.Auditor x -> "a:" + x.keyId();
          case Principal.Consumer x -> "c:" + x.subject().toBase64Url();
          case Principal.Anonymous x -> "ip:" + ctx.request().remoteAddress().hostAddress();
        };
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
