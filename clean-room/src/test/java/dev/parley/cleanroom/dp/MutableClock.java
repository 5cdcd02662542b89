package dev.parley.cleanroom.dp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that tests move by hand. */
final class MutableClock extends Clock {
  private volatile Instant now;

  MutableClock(String instant) {
    this.now = Instant.parse(instant);
  }

  void set(String instant) {
    now = Instant.parse(instant);
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("fixed to UTC");
  }

  @Override
  public Instant instant() {
    return now;
  }
}
