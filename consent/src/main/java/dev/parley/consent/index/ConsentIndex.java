package dev.parley.consent.index;

import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentRecord;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.purpose.Purpose;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory index behind the clean room's bulk question "which of these tokens have active
 * consent for (partner, purpose) as of ledger size S?", answering a million tokens in well under a
 * second.
 *
 * <p>Every committed decision is one event {@code (partner, purpose mask, given?, ledger index,
 * expiry)} in primitive arrays, linked newest-first per subject; subjects are found through a
 * {@link TokenTable}. Events must be added in ledger order (the store's single writer guarantees
 * it), so the first event of a subject's list that names the partner and purpose and has {@code
 * ledgerIndex < S} is the decision in force as of ledger size {@code S}. The consent is active if
 * that decision is {@code given} and not yet expired ({@code now < expires}).
 *
 * <p>Thread-safe: questions share a read lock; additions and erasures take the write lock, so a
 * change is visible to every question that starts after {@link #add} returns.
 */
public final class ConsentIndex {
  private static final long NO_EXPIRY = Long.MAX_VALUE;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final TokenTable subjects;
  private final Map<String, Short> partners = new HashMap<>();
  private int[] head;
  private short[] evPartner;
  private short[] evMask;
  private boolean[] evGiven;
  private long[] evLedger;
  private long[] evExpiry;
  private int[] evNext;
  private int events;
  private long version;
  private long maxLedgerIndex = -1;

  /**
   * Creates an empty index.
   *
   * @param expectedSubjects a sizing hint
   */
  public ConsentIndex(int expectedSubjects) {
    subjects = new TokenTable(expectedSubjects);
    head = new int[Math.max(16, expectedSubjects)];
    Arrays.fill(head, -1);
    int ev = Math.max(16, expectedSubjects * 2);
    evPartner = new short[ev];
    evMask = new short[ev];
    evGiven = new boolean[ev];
    evLedger = new long[ev];
    evExpiry = new long[ev];
    evNext = new int[ev];
  }

  /**
   * Adds a committed record; records must arrive in ledger order.
   *
   * @param record the record
   */
  public void add(ConsentRecord record) {
    ConsentDecision d = record.decision();
    add(
        d.subject(),
        d.partner(),
        d.purposeMask(),
        d.status(),
        record.ledgerIndex(),
        d.expires().orElse(null));
  }

  /**
   * Adds a committed decision; decisions must arrive in ledger order.
   *
   * @param subject the subject
   * @param partner the partner id
   * @param purposeMask the purposes as {@link Purpose#bit()} flags
   * @param status the decision
   * @param ledgerIndex its ledger index
   * @param expires its expiry, or null
   */
  public void add(
      SubjectToken subject,
      String partner,
      int purposeMask,
      ConsentStatus status,
      long ledgerIndex,
      Instant expires) {
    lock.writeLock().lock();
    try {
      int sid = subjects.getOrAdd(subject);
      if (sid >= head.length) {
        int old = head.length;
        head = Arrays.copyOf(head, Math.max(sid + 1, old * 2));
        Arrays.fill(head, old, head.length, -1);
      }
      if (events == evNext.length) {
        grow();
      }
      int e = events++;
      evPartner[e] = partnerIndex(partner);
      evMask[e] = (short) purposeMask;
      evGiven[e] = status == ConsentStatus.GIVEN;
      evLedger[e] = ledgerIndex;
      evExpiry[e] = expires == null ? NO_EXPIRY : expires.toEpochMilli();
      evNext[e] = head[sid];
      head[sid] = e;
      maxLedgerIndex = Math.max(maxLedgerIndex, ledgerIndex);
      version++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Forgets a subject entirely (erasure).
   *
   * @param subject the subject
   */
  public void erase(SubjectToken subject) {
    lock.writeLock().lock();
    try {
      int sid = subjects.remove(subject);
      if (sid >= 0) {
        head[sid] = -1;
      }
      version++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Answers the bulk question.
   *
   * @param tokens the tokens asked about
   * @param partner the partner id
   * @param purpose the purpose
   * @param ledgerSize only decisions with ledger index below this count
   * @param now the instant at which expiry is judged
   * @return bit {@code i} set iff {@code tokens.get(i)} has active consent
   */
  public BitSet activeConsent(
      List<SubjectToken> tokens, String partner, Purpose purpose, long ledgerSize, Instant now) {
    BitSet out = new BitSet(tokens.size());
    long nowMillis = now.toEpochMilli();
    int bit = purpose.bit();
    lock.readLock().lock();
    try {
      Short p = partners.get(partner);
      if (p == null) {
        return out;
      }
      short pi = p;
      for (int i = 0; i < tokens.size(); i++) {
        int sid = subjects.get(tokens.get(i));
        if (sid < 0) {
          continue;
        }
        for (int e = head[sid]; e >= 0; e = evNext[e]) {
          if (evPartner[e] == pi && (evMask[e] & bit) != 0 && evLedger[e] < ledgerSize) {
            if (evGiven[e] && nowMillis < evExpiry[e]) {
              out.set(i);
            }
            break;
          }
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Answers the bulk question the other way round: which subjects have active consent for a purpose
   * with every one of several partners, as of ledger size S at an instant. One pass over the
   * indexed subjects, with exactly the semantics of {@link #activeConsent} applied per partner (the
   * decision in force is the newest event naming the partner and purpose with ledger index below S;
   * it is active iff given and {@code now < expires}); a token counts iff it is active for each
   * partner. Only tokens of {@code tokenLength} bytes are returned (others could not match what the
   * caller holds).
   *
   * @param partnerIds the partner ids, at least one
   * @param purpose the purpose
   * @param ledgerSize only decisions with ledger index below this count
   * @param now the instant at which expiry is judged
   * @param tokenLength the length of the tokens wanted, 1 to {@value SubjectToken#MAX_BYTES}
   * @return the set, with what it needs to tell how long it stays true
   * @throws IllegalArgumentException if there is no partner or the length is out of range
   */
  public ConsentedSet consentedSet(
      List<String> partnerIds, Purpose purpose, long ledgerSize, Instant now, int tokenLength) {
    if (partnerIds.isEmpty()) {
      throw new IllegalArgumentException("partners: at least one partner is needed");
    }
    if (tokenLength < 1 || tokenLength > SubjectToken.MAX_BYTES) {
      throw new IllegalArgumentException(
          "tokenLength: must be 1-" + SubjectToken.MAX_BYTES + ", got " + tokenLength);
    }
    long nowMillis = now.toEpochMilli();
    int bit = purpose.bit();
    lock.readLock().lock();
    try {
      short[] wanted = new short[partnerIds.size()];
      boolean known = true;
      for (int i = 0; i < wanted.length; i++) {
        Short p = partners.get(partnerIds.get(i));
        known &= p != null;
        wanted[i] = p == null ? -1 : p;
      }
      byte[] packed = new byte[0];
      int size = 0;
      long earliest = NO_EXPIRY;
      int limit = known ? Math.min(subjects.idLimit(), head.length) : 0;
      for (int sid = 0; sid < limit; sid++) {
        if (head[sid] < 0) {
          continue;
        }
        long expiry = activeForAll(head[sid], wanted, bit, ledgerSize, nowMillis);
        if (expiry == EXPIRED) {
          continue;
        }
        if ((size + 1) * tokenLength > packed.length) {
          packed = Arrays.copyOf(packed, Math.max(64 * tokenLength, packed.length * 2));
        }
        if (subjects.copyKey(sid, packed, size * tokenLength, tokenLength)) {
          size++;
          earliest = Math.min(earliest, expiry);
        }
      }
      return new ConsentedSet(
          partnerIds,
          bit,
          ledgerSize,
          now,
          version,
          maxLedgerIndex < ledgerSize,
          earliest,
          tokenLength,
          packed,
          size);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** What {@link #activeForAll} returns for a subject without active consent for every partner. */
  private static final long EXPIRED = Long.MIN_VALUE;

  /**
   * Returns the earliest expiry (or {@link #NO_EXPIRY}) of a subject's decisions in force for each
   * partner if each is active, else {@link #EXPIRED}.
   */
  private long activeForAll(int first, short[] wanted, int bit, long ledgerSize, long nowMillis) {
    long earliest = NO_EXPIRY;
    for (short pi : wanted) {
      int e = first;
      while (e >= 0
          && (evPartner[e] != pi || (evMask[e] & bit) == 0 || evLedger[e] >= ledgerSize)) {
        e = evNext[e];
      }
      if (e < 0 || !evGiven[e] || nowMillis >= evExpiry[e]) {
        return EXPIRED;
      }
      earliest = Math.min(earliest, evExpiry[e]);
    }
    return earliest;
  }

  /**
   * Returns the index's version: it changes with every addition and erasure.
   *
   * @return the version
   */
  public long version() {
    lock.readLock().lock();
    try {
      return version;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Returns whether a subject has any indexed decision.
   *
   * @param subject the subject
   * @return true if indexed
   */
  public boolean contains(SubjectToken subject) {
    lock.readLock().lock();
    try {
      return subjects.get(subject) >= 0;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Returns the number of subjects indexed.
   *
   * @return the count
   */
  public int subjects() {
    lock.readLock().lock();
    try {
      return subjects.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Returns the number of events indexed (erased subjects' events included).
   *
   * @return the count
   */
  public int events() {
    lock.readLock().lock();
    try {
      return events;
    } finally {
      lock.readLock().unlock();
    }
  }

  private short partnerIndex(String partner) {
    Short p = partners.get(partner);
    if (p == null) {
      if (partners.size() >= Short.MAX_VALUE) {
        throw new IllegalStateException("index: more than 32767 partners");
      }
      p = (short) partners.size();
      partners.put(partner, p);
    }
    return p;
  }

  private void grow() {
    int cap = evNext.length * 2;
    evPartner = Arrays.copyOf(evPartner, cap);
    evMask = Arrays.copyOf(evMask, cap);
    evGiven = Arrays.copyOf(evGiven, cap);
    evLedger = Arrays.copyOf(evLedger, cap);
    evExpiry = Arrays.copyOf(evExpiry, cap);
    evNext = Arrays.copyOf(evNext, cap);
  }
}
