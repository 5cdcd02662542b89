package dev.parley.gateway.signin;

/**
 * A one-time sign-in code: a fixed number of decimal digits. {@link #toString()} is redacted; the
 * digits leave only through {@link #digits()}, into the sign-in mail.
 */
public final class OneTimeCode {
  private final String digits;

  private OneTimeCode(String digits) {
    this.digits = digits;
  }

  /**
   * Formats a uniformly drawn number as a zero-padded code, without data-dependent branches or
   * table lookups (each digit is {@code '0' + n % 10}).
   *
   * @param number 0 to 10^length - 1
   * @param length the number of digits, 1-9
   * @return the code
   */
  static OneTimeCode fromNumber(int number, int length) {
    if (length < 1 || length > 9) {
      throw new IllegalArgumentException("length: must be 1-9, got " + length);
    }
    char[] out = new char[length];
    int n = number;
    for (int i = length - 1; i >= 0; i--) {
      out[i] = (char) ('0' + n % 10);
      n /= 10;
    }
    if (number < 0 || n != 0) {
      throw new IllegalArgumentException("number: out of range for " + length + " digits");
    }
    return new OneTimeCode(new String(out));
  }

  /**
   * Checks the shape of a presented code (not its value).
   *
   * @param code the presented code
   * @param length the expected number of digits
   * @throws IllegalArgumentException naming the field if it is not {@code length} ASCII digits
   */
  static void requireWellFormed(String code, int length) {
    if (code == null
        || code.length() != length
        || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("code: must be " + length + " digits");
    }
  }

  /**
   * Returns the digits, for the sign-in mail.
   *
   * @return the code
   */
  public String digits() {
    return digits;
  }

  @Override
  public String toString() {
    return "OneTimeCode[redacted]";
  }
}
