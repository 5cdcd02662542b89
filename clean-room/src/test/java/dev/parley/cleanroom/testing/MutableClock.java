package dev.parley.cleanroom.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that tests set and move by hand; safe to share between threads.
 *
 * <p>Instants given as text are ISO-8601 in UTC, as {@link Instant#parse} reads them (for example
 * {@code 2026-11-23T10:00:00Z}). The zone is fixed: {@link #withZone} refuses any change.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;

  /**
   * Creates the clock.
   *
   * @param start the first instant
   */
  public MutableClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /**
   * Creates the clock from text.
   *
   * @param start the first instant, such as {@code 2026-11-23T10:00:00Z}
   * @throws java.time.format.DateTimeParseException if {@code start} is not an ISO-8601 instant
   */
  public MutableClock(String start) {
    this(Instant.parse(start));
  }

  /**
   * Sets the clock to an instant, earlier or later than now.
   *
   * @param instant the new time
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /**
   * Sets the clock to an instant given as text, earlier or later than now.
   *
   * @param instant the new time, such as {@code 2026-12-01T00:00:00Z}
   * @throws java.time.format.DateTimeParseException if {@code instant} is not an ISO-8601 instant
   */
  public void set(String instant) {
    set(Instant.parse(instant));
  }

  /**
   * Moves the clock by a duration (backward when it is negative).
   *
   * @param d how far
   */
  public void advance(Duration d) {
    Objects.requireNonNull(d, "d");
    now.updateAndGet(t -> t.plus(d));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock stays in UTC");
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
