package dev.parley.ledger.tiles;

/**
 * An entry bundle whose bytes do not parse, with the byte offset and entry position of the fault.
 */
public final class BundleFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int offset;
  private final int entry;

  /**
   * Creates the exception.
   *
   * @param offset the byte offset in the bundle where the fault starts
   * @param entry the position of the entry being read (0-based)
   * @param what what is wrong
   */
  public BundleFormatException(int offset, int entry, String what) {
    super("entry bundle: entry " + entry + " at byte offset " + offset + ": " + what);
    this.offset = offset;
    this.entry = entry;
  }

  /**
   * Returns the byte offset of the fault.
   *
   * @return the offset within the bundle
   */
  public int offset() {
    return offset;
  }

  /**
   * Returns the position of the entry being read when the fault was found.
   *
   * @return the 0-based entry position
   */
  public int entry() {
    return entry;
  }
}
