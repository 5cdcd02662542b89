package dev.parley.cleanroom.analysis;

/**
 * The match rate an overlap releases: matched subjects as a whole percentage of the requester's
 * consented subjects, rounded down, with every rate above {@value #CAP}% reported as {@code
 * ">85%"}. Near-total overlap would otherwise tell the requester that almost each of its customers
 * is also the other partner's, which is close to learning individual memberships.
 */
public final class MatchRate {
  /** The highest rate reported exactly. */
  public static final int CAP = 85;

  private MatchRate() {}

  /**
   * Returns the bucket of a match rate.
   *
   * @param matched the matched consented subjects (at most {@code base})
   * @param base the requester's consented subjects
   * @return {@code "N%"} with N = floor(100 * matched / base) for rates up to 85%, else {@code
   *     ">85%"}
   * @throws IllegalArgumentException if the counts are negative or {@code matched > base}
   */
  public static String bucket(long matched, long base) {
    if (matched < 0 || base < 0 || matched > base) {
      throw new IllegalArgumentException(
          "match rate needs 0 <= matched <= base, got " + matched + " of " + base);
    }
    if (base == 0) {
      return "0%";
    }
    // Compare exactly: matched / base > 85/100 <=> 100 * matched > 85 * base (no overflow below
    // 2^56 subjects).
    if (Math.multiplyExact(matched, 100L) > Math.multiplyExact(base, (long) CAP)) {
      return ">" + CAP + "%";
    }
    return Math.multiplyExact(matched, 100L) / base + "%";
  }
}
