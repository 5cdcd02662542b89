package dev.parley.cleanroom.dp;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/**
 * When a collaboration's privacy budget is renewed.
 *
 * <p>Renewal is not free: every renewal lets the same people be queried again, so over k periods
 * the total privacy loss can reach k times the budget (see {@code docs/privacy.md}).
 */
public enum RefreshPolicy {
  /** Never renewed: the budget is a lifetime budget. */
  NONE("none"),
  /** Renewed at 00:00 UTC on the first day of each calendar month. */
  CALENDAR_MONTHLY("calendar-monthly");

  private final String wireName;

  RefreshPolicy(String wireName) {
    this.wireName = wireName;
  }

  /**
   * Returns the name used in JSON.
   *
   * @return {@code none} or {@code calendar-monthly}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the budget period that contains an instant.
   *
   * @param time the instant
   * @return the UTC calendar month for {@link #CALENDAR_MONTHLY}, empty (one everlasting period)
   *     for {@link #NONE}
   */
  public Optional<YearMonth> periodOf(Instant time) {
    return switch (this) {
      case NONE -> Optional.empty();
      case CALENDAR_MONTHLY -> Optional.of(YearMonth.from(time.atOffset(ZoneOffset.UTC)));
    };
  }

  /**
   * Returns the policy with a JSON name.
   *
   * @param name {@code none} or {@code calendar-monthly}
   * @return the policy
   * @throws IllegalArgumentException naming the accepted values if {@code name} is unknown
   */
  public static RefreshPolicy fromWireName(String name) {
    return Arrays.stream(values())
        .filter(p -> p.wireName.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown refresh policy \"" + name + "\" (expected none or calendar-monthly)"));
  }
}
