package dev.parley.gateway.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A sliding-window rate limit: at most {@code limit} events in any period of {@code window}. Not
 * thread-safe; its owner synchronizes.
 */
final class SlidingWindow {
  private final int limit;
  private final Duration window;
  private final ArrayDeque<Instant> events = new ArrayDeque<>();

  SlidingWindow(int limit, Duration window) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: must be at least 1, got " + limit);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window: must be positive, got " + window);
    }
    this.limit = limit;
    this.window = window;
  }

  /**
   * Returns how long until one more event would be allowed, without counting one.
   *
   * @param now the current time
   * @return empty if an event is allowed now; otherwise the wait
   */
  Optional<Duration> waitFor(Instant now) {
    trim(now);
    if (events.size() < limit) {
      return Optional.empty();
    }
    Duration wait = Duration.between(now, events.peekFirst().plus(window));
    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
  }

  /**
   * Counts one event; call after {@link #waitFor} allowed it.
   *
   * @param now the current time
   */
  void record(Instant now) {
    events.addLast(now);
  }

  /**
   * Returns whether no event inside the window is left at {@code now}.
   *
   * @param now the current time
   * @return true when the window can be forgotten
   */
  boolean idle(Instant now) {
    trim(now);
    return events.isEmpty();
  }

  private void trim(Instant now) {
    Instant oldest = now.minus(window);
    while (!events.isEmpty() && !events.peekFirst().isAfter(oldest)) {
      events.removeFirst();
    }
  }
}
