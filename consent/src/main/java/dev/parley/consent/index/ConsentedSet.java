package dev.parley.consent.index;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The subjects with active consent for one purpose with every one of a list of partners, as of a
 * ledger size S at an instant: the answer of {@link ConsentIndex#consentedSet}, tokens packed end
 * to end (no object per token).
 *
 * <p>It also says how long it stays true, so that a caller may keep it: with the index unchanged
 * ({@link ConsentIndex#version()} equal), the set is the same for a later ledger size if no indexed
 * decision had a ledger index of S or more when it was read ({@link #settled()}), and for a later
 * instant before the earliest expiry among the decisions that admitted its tokens ({@link
 * #expiresAt()}); see {@link #holdsFor}. Immutable; {@link #toString()} never shows tokens.
 */
public final class ConsentedSet {
  private final List<String> partners;
  private final int purposeBit;
  private final long ledgerSize;
  private final Instant now;
  private final long version;
  private final boolean settled;
  private final long expiresAtMillis;
  private final int tokenLength;
  private final byte[] packed;
  private final int size;

  ConsentedSet(
      List<String> partners,
      int purposeBit,
      long ledgerSize,
      Instant now,
      long version,
      boolean settled,
      long expiresAtMillis,
      int tokenLength,
      byte[] packed,
      int size) {
    this.partners = List.copyOf(partners);
    this.purposeBit = purposeBit;
    this.ledgerSize = ledgerSize;
    this.now = Objects.requireNonNull(now, "now");
    this.version = version;
    this.settled = settled;
    this.expiresAtMillis = expiresAtMillis;
    this.tokenLength = tokenLength;
    this.packed = packed;
    this.size = size;
  }

  /**
   * Returns the number of tokens.
   *
   * @return the count
   */
  public int size() {
    return size;
  }

  /**
   * Returns the length of every token in the set.
   *
   * @return bytes per token
   */
  public int tokenLength() {
    return tokenLength;
  }

  /**
   * Copies token {@code i} into {@code dst} at {@code offset}.
   *
   * @param i the token's position, 0 to {@code size() - 1}
   * @param dst the destination, with {@link #tokenLength()} bytes from {@code offset}
   * @param offset where to copy to
   * @throws IndexOutOfBoundsException if {@code i} or the destination range is out of bounds
   */
  public void copyToken(int i, byte[] dst, int offset) {
    Objects.checkIndex(i, size);
    System.arraycopy(packed, i * tokenLength, dst, offset, tokenLength);
  }

  /**
   * Returns the partners whose consent every token has, as asked.
   *
   * @return the partners
   */
  public List<String> partners() {
    return partners;
  }

  /**
   * Returns the ledger size S the decisions were read as of.
   *
   * @return S
   */
  public long ledgerSize() {
    return ledgerSize;
  }

  /**
   * Returns the instant expiry was judged at.
   *
   * @return the instant
   */
  public Instant now() {
    return now;
  }

  /**
   * Returns the index version the set was read at.
   *
   * @return the version
   */
  public long version() {
    return version;
  }

  /**
   * Tells whether every decision indexed at read time had a ledger index below S.
   *
   * @return true if later ledger sizes give the same answer while the index is unchanged
   */
  public boolean settled() {
    return settled;
  }

  /**
   * Returns the earliest expiry among the decisions in force that admitted the set's tokens.
   *
   * @return the instant from which the set is too large, or empty if none of them expires
   */
  public Optional<Instant> expiresAt() {
    return expiresAtMillis == Long.MAX_VALUE
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(expiresAtMillis));
  }

  /**
   * Tells whether this set is also the answer for the same partners and purpose at another ledger
   * size and instant, given the index's current version (see {@link Validity#holdsFor}).
   *
   * @param otherLedgerSize the other S
   * @param otherNow the other instant
   * @param currentVersion {@link ConsentIndex#version()} now
   * @return true if the answer would be the same set
   */
  public boolean holdsFor(long otherLedgerSize, Instant otherNow, long currentVersion) {
    return validity().holdsFor(otherLedgerSize, otherNow, currentVersion);
  }

  /**
   * Tells whether this set answers the question for these partners (in any order) and purpose.
   *
   * @param otherPartners the partners
   * @param otherPurposeBit the purpose's bit
   * @return true if the question is the same
   */
  public boolean answers(List<String> otherPartners, int otherPurposeBit) {
    return validity().answers(otherPartners, otherPurposeBit);
  }

  /**
   * Returns what tells how long this set stays true, without its tokens (for a caller that keeps
   * the tokens elsewhere).
   *
   * @return the validity
   */
  public Validity validity() {
    return new Validity(
        partners, purposeBit, ledgerSize, now.toEpochMilli(), version, settled, expiresAtMillis);
  }

  /**
   * The question a {@link ConsentedSet} answers and how long its answer stays true.
   *
   * @param partners the partners asked about
   * @param purposeBit the purpose's bit
   * @param ledgerSize the ledger size S the decisions were read as of
   * @param nowMillis the instant expiry was judged at, in epoch milliseconds
   * @param version the index version the set was read at
   * @param settled whether every decision indexed then had a ledger index below S
   * @param expiresAtMillis the earliest expiry among the decisions that admitted tokens, epoch
   *     milliseconds, {@code Long.MAX_VALUE} if none expires
   */
  public record Validity(
      List<String> partners,
      int purposeBit,
      long ledgerSize,
      long nowMillis,
      long version,
      boolean settled,
      long expiresAtMillis) {
    /** Copies the partners. */
    public Validity {
      partners = List.copyOf(partners);
    }

    /**
     * Tells whether the set is also the answer at another ledger size and instant: the index must
     * be unchanged; a larger S gives the same answer only if the set was settled (no decision at or
     * after S was indexed, and none has been since as the version is unchanged); a later instant
     * gives the same answer until the earliest expiry of an admitting decision (those excluded stay
     * excluded as time passes), an earlier one never.
     *
     * @param otherLedgerSize the other S
     * @param otherNow the other instant
     * @param currentVersion {@link ConsentIndex#version()} now
     * @return true if the answer would be the same set
     */
    public boolean holdsFor(long otherLedgerSize, Instant otherNow, long currentVersion) {
      if (currentVersion != version) {
        return false;
      }
      if (otherLedgerSize != ledgerSize && !(settled && otherLedgerSize > ledgerSize)) {
        return false;
      }
      long millis = otherNow.toEpochMilli();
      return millis >= nowMillis && millis < expiresAtMillis;
    }

    /**
     * Tells whether the set answers the question for these partners (in any order) and purpose.
     *
     * @param otherPartners the partners
     * @param otherPurposeBit the purpose's bit
     * @return true if the question is the same
     */
    public boolean answers(List<String> otherPartners, int otherPurposeBit) {
      return otherPurposeBit == purposeBit
          && partners.containsAll(otherPartners)
          && otherPartners.containsAll(partners);
    }
  }

  @Override
  public String toString() {
    return "ConsentedSet[" + size + " tokens, partners " + partners + ", S " + ledgerSize + "]";
  }
}
