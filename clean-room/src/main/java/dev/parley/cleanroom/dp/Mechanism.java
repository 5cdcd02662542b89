package dev.parley.cleanroom.dp;

import java.util.Arrays;

/**
 * The noise mechanisms Parley offers, with the names used in the ledger's {@code privacy} object.
 */
public enum Mechanism {
  /** Discrete Laplace noise; pure ε-differential privacy, costs ε. */
  LAPLACE("laplace"),
  /** Discrete Gaussian noise; ρ-zero-concentrated differential privacy, costs ρ. */
  GAUSSIAN("gaussian");

  private final String wireName;

  Mechanism(String wireName) {
    this.wireName = wireName;
  }

  /**
   * Returns the name used in JSON.
   *
   * @return {@code laplace} or {@code gaussian}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the mechanism with a JSON name.
   *
   * @param name {@code laplace} or {@code gaussian}
   * @return the mechanism
   * @throws IllegalArgumentException naming the accepted values if {@code name} is unknown
   */
  public static Mechanism fromWireName(String name) {
    return Arrays.stream(values())
        .filter(m -> m.wireName.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown mechanism \"" + name + "\" (expected laplace or gaussian)"));
  }
}
