package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.engine.AnalyticEngine;
import dev.parley.cleanroom.engine.DuckDbEngine;
import dev.parley.consent.index.ConsentedSet;
import dev.parley.consent.purpose.Purpose;
import dev.parley.consent.store.ConsentStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The consented subjects of queries as engine token sets, each kept for the next queries while it
 * provably stays the same answer.
 *
 * <p>For a question (purpose, partners, ledger size S, instant now) the consent index is read once
 * ({@link ConsentStore#consentedSet}: the subjects with active consent for the purpose with every
 * partner among the decisions below S) and the tokens loaded into a token set. The set is kept, at
 * most {@value #KEPT} questions (purpose, partners) at a time, and reused by a later query only if
 * {@link ConsentedSet.Validity#holdsFor} says the index would give the same answer at its S and
 * now: the consent index has not changed since (every decision and erasure changes its version), a
 * larger S adds no decision, and no admitting decision has expired. Otherwise the index is read
 * again and the old set is dropped once no running query uses it. A kept set lives in the engine's
 * memory only (see {@link DuckDbEngine}); tokens never leave the engine and the index. Thread-safe.
 */
final class ConsentedSubjects {
  /** Questions whose token sets are kept at a time. */
  static final int KEPT = 4;

  private record Key(Purpose purpose, List<String> partners) {}

  /** A loaded token set and what it answers; guarded by the owner's lock. */
  private static final class Kept {
    final String name;
    final ConsentedSet.Validity validity;
    int users;
    boolean retired;

    Kept(String name, ConsentedSet.Validity validity) {
      this.name = name;
      this.validity = validity;
    }
  }

  private final AnalyticEngine engine;
  private final ConsentStore consent;
  private final String prefix;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<Key, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);
  private long loads;

  ConsentedSubjects(AnalyticEngine engine, ConsentStore consent) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.consent = Objects.requireNonNull(consent, "consent");
    byte[] r = new byte[6];
    new SecureRandom().nextBytes(r);
    this.prefix = "consented_" + HexFormat.of().formatHex(r) + "_";
  }

  /**
   * Runs a body over the token set of the subjects consented by every partner as of a question.
   *
   * @param partners the partners, at least one
   * @param asOf the purpose, S and now
   * @param body given the token set's name; must not keep it
   * @param <T> the body's result
   * @return the body's result
   */
  <T> T with(List<String> partners, ConsentAsOf asOf, Function<String, T> body) {
    Key key = new Key(asOf.purpose(), List.copyOf(new TreeSet<>(partners)));
    Kept set = reuse(key, asOf);
    if (set == null) {
      set = load(key, asOf);
    }
    try {
      return body.apply(set.name);
    } finally {
      release(set);
    }
  }

  /** How many times the consent index was read and a token set loaded (for tests). */
  synchronized long loads() {
    return loads;
  }

  /** The names of the token sets kept or in use now (for tests). */
  synchronized List<String> names() {
    List<String> out = new ArrayList<>();
    kept.values().forEach(k -> out.add(k.name));
    return out;
  }

  private synchronized Kept reuse(Key key, ConsentAsOf asOf) {
    Kept k = kept.get(key);
    long version = consent.index().version();
    if (k == null || !k.validity.holdsFor(asOf.ledgerSize(), asOf.now(), version)) {
      return null;
    }
    k.users++;
    return k;
  }

  private Kept load(Key key, ConsentAsOf asOf) {
    ConsentedSet set =
        consent.consentedSet(
            key.partners(),
            asOf.purpose(),
            asOf.ledgerSize(),
            asOf.now(),
            DuckDbEngine.TOKEN_LENGTH);
    String name = prefix + sequence.incrementAndGet();
    engine.createTokenSet(name, tokens(set));
    Kept k = new Kept(name, set.validity());
    List<Kept> drop = new ArrayList<>();
    synchronized (this) {
      loads++;
      k.users = 1;
      Kept old = kept.put(key, k);
      if (old != null) {
        retire(old, drop);
      }
      Iterator<Kept> eldest = kept.values().iterator();
      while (kept.size() > KEPT) {
        Kept e = eldest.next();
        eldest.remove();
        retire(e, drop);
      }
    }
    drop.forEach(d -> engine.dropTokenSet(d.name));
    return k;
  }

  private void release(Kept k) {
    boolean drop;
    synchronized (this) {
      k.users--;
      drop = k.retired && k.users == 0;
    }
    if (drop) {
      engine.dropTokenSet(k.name);
    }
  }

  /** Marks a set no longer kept; it is dropped now if unused, else by its last user. */
  private static void retire(Kept k, List<Kept> drop) {
    k.retired = true;
    if (k.users == 0) {
      drop.add(k);
    }
  }

  /** Iterates over copies of a set's tokens. */
  private static Iterator<byte[]> tokens(ConsentedSet set) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < set.size();
      }

      @Override
      public byte[] next() {
        if (next >= set.size()) {
          throw new NoSuchElementException();
        }
        byte[] token = new byte[set.tokenLength()];
        set.copyToken(next++, token, 0);
        return token;
      }
    };
  }
}
