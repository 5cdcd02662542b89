package dev.parley.gateway.demo;

/**
 * The demo's size.
 *
 * @param people people in each partner's dataset; half of them are in both
 * @param seed the synthetic population's seed
 */
public record DemoOptions(int people, long seed) {
  /** The default people per partner. */
  public static final int DEFAULT_PEOPLE = 100_000;

  /** The smallest size accepted; much smaller, and most groups would fall under k. */
  public static final int MIN_PEOPLE = 1_000;

  /** The largest size the demo accepts (use {@code parley bench cleanroom} for more). */
  public static final int MAX_PEOPLE = 2_000_000;

  /** The default seed. */
  public static final long DEFAULT_SEED = 20_261_101;

  /**
   * Validates the size.
   *
   * @throws IllegalArgumentException naming the field
   */
  public DemoOptions {
    if (people < MIN_PEOPLE || people > MAX_PEOPLE) {
      throw new IllegalArgumentException(
          "people: must be " + MIN_PEOPLE + "-" + MAX_PEOPLE + ", got " + people);
    }
  }

  /**
   * Returns the default demo of a given size.
   *
   * @param people people per partner
   * @return the options with the default seed
   */
  public static DemoOptions of(int people) {
    return new DemoOptions(people, DEFAULT_SEED);
  }

  /**
   * Returns how many people are in both datasets.
   *
   * @return half of {@link #people()}, rounded down
   */
  public int shared() {
    return people / 2;
  }
}
