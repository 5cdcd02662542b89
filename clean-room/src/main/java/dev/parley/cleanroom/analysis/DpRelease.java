package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.analysis.DpPlan.Statistic;
import dev.parley.cleanroom.analysis.DpPlan.ValueSource;
import dev.parley.cleanroom.dp.NoisyValue;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.cleanroom.engine.AggregateKind;
import dev.parley.cleanroom.engine.AggregateResult;
import dev.parley.cleanroom.engine.ResultRow;
import dev.parley.ledger.jcs.JsonNumber;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds noise to an engine result and thresholds on the noisy counts: the differentially private
 * release of a {@link DpPlan}.
 *
 * <p>Per group: the subject count gets noise first; the group is released only if the noisy count
 * is at least k. That decision reads only noisy values, so it is post-processing and leaks nothing
 * beyond the noisy counts (for groups that exist in both neighbouring datasets; a group that only
 * one subject holds exists in one of them, whence the {@code selectionDelta} of {@link
 * ReleasePrivacy}). A released group's sums and value counts then get noise; SUM cells are the
 * noisy sums and AVG cells noisy sum / noisy count, clamped to the metric bounds (null if the noisy
 * count is below 1). Each cell carries its scale and a 95% interval.
 *
 * <p>The suppressed count is never the exact one (released + suppressed would give away the exact
 * number of groups): without groups it is 1 − released; with groups it is max(0, noisy number of
 * groups − released rows).
 */
final class DpRelease {
  /** Coverage of each part of a mean's interval: 97.5%, so both hold with ≥ 95%. */
  static final Rational HALF_OF_FIVE_PERCENT = Rational.of(39, 40);

  private DpRelease() {}

  /**
   * The noisy release.
   *
   * @param rows the released rows, each with its noise
   * @param suppressedRows the noisy estimate of withheld groups
   * @param statistics how many statistics shared the cost
   * @param selectionDelta for a grouped query, the bound on releasing a one-subject group
   */
  record Released(
      List<OutputRow> rows,
      long suppressedRows,
      int statistics,
      Optional<Rational> selectionDelta) {}

  /**
   * Releases an engine result (computed with {@link DpPlan#aggregation}) with noise.
   *
   * @param p the DP plan
   * @param result the engine's exact result: every group, unthresholded
   * @return the noisy rows and suppressed count
   * @throws ArithmeticException if a true sum is beyond ±2^53 (cannot be released exactly)
   */
  static Released release(DpPlan p, AggregateResult result) {
    long k = p.plan.minSubjects();
    Statistic subjects = p.subjects();
    List<OutputRow> rows = new ArrayList<>();
    for (ResultRow r : result.rows()) {
      NoisyValue count = subjects.noise().release(r.subjects());
      if (count.value() < k) {
        continue;
      }
      Map<Integer, NoisyValue> drawn = new HashMap<>();
      List<Double> values = new ArrayList<>();
      List<CellNoise> cells = new ArrayList<>();
      for (ValueSource v : p.values) {
        NoisyValue sum = drawn.computeIfAbsent(v.sum(), s -> draw(p, s, r, v.exact()));
        Statistic sumStat = p.statistics.get(v.sum());
        if (v.kind() == AggregateKind.SUM) {
          values.add((double) sum.value());
          cells.add(cell(sumStat, Optional.empty(), sum));
          continue;
        }
        NoisyValue n = drawn.computeIfAbsent(v.count(), s -> draw(p, s, r, true));
        Statistic countStat = p.statistics.get(v.count());
        long hs = sumStat.noise().halfWidth(HALF_OF_FIVE_PERCENT);
        long hn = countStat.noise().halfWidth(HALF_OF_FIVE_PERCENT);
        values.add(n.value() < 1 ? null : clamp((double) sum.value() / n.value(), v));
        double[] interval = meanInterval(sum.value(), hs, n.value(), hn, v);
        cells.add(cell(sumStat, Optional.of(countStat), interval[0], interval[1]));
      }
      CellNoise subjectCell = cell(subjects, Optional.empty(), count);
      rows.add(
          new OutputRow(
              r.group(), count.value(), values, Optional.of(new RowNoise(subjectCell, cells))));
    }
    long suppressed;
    Optional<Statistic> groups = p.groups();
    if (groups.isPresent()) {
      long noisyGroups = groups.get().noise().release(result.rows().size()).value();
      suppressed = Math.max(0, noisyGroups - rows.size());
    } else {
      suppressed = rows.isEmpty() ? 1 : 0;
    }
    return new Released(rows, suppressed, p.statistics.size(), p.selectionDelta);
  }

  private static NoisyValue draw(DpPlan p, int statistic, ResultRow row, boolean exact) {
    Statistic s = p.statistics.get(statistic);
    Double v = row.values().get(s.engineIndex());
    double d = v == null ? 0 : v;
    if (!(Math.abs(d) <= JsonNumber.MAX_SAFE_INTEGER)) {
      throw new ArithmeticException("a group's sum is beyond 2^53 and cannot be released exactly");
    }
    // Exact sums are integers already; a DECIMAL sum is rounded (its sensitivity allows for it).
    long trueValue = exact ? (long) d : Math.round(d);
    return s.noise().release(trueValue);
  }

  /**
   * The interval of sum/count over the 97.5% boxes of both, with the count at least 1 (a mean
   * exists only over at least one value), clipped to the bounds, where every mean lies.
   */
  static double[] meanInterval(long sum, long hs, long count, long hn, ValueSource v) {
    long nLow = Math.max(1, count - hn);
    long nHigh = count + hn;
    if (nHigh < 1) {
      return new double[] {v.lower(), v.upper()};
    }
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (long s : new long[] {sum - hs, sum + hs}) {
      for (long n : new long[] {nLow, nHigh}) {
        double q = (double) s / n;
        low = Math.min(low, q);
        high = Math.max(high, q);
      }
    }
    return new double[] {clamp(low, v), Math.max(clamp(low, v), clamp(high, v))};
  }

  private static double clamp(double x, ValueSource v) {
    return Math.max(v.lower(), Math.min(v.upper(), x));
  }

  /** The cell of a count or sum: its own 95% interval (integers below 2^53, exact as doubles). */
  private static CellNoise cell(Statistic s, Optional<Statistic> denominator, NoisyValue v) {
    return cell(s, denominator, (double) v.interval95().low(), (double) v.interval95().high());
  }

  private static CellNoise cell(
      Statistic s, Optional<Statistic> denominator, double low, double high) {
    return new CellNoise(
        s.noise().mechanism(),
        s.noise().scale(),
        denominator.map(d -> d.noise().scale()),
        low,
        high);
  }
}
