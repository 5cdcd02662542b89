package dev.parley.consent.store;

import dev.parley.consent.commitment.SaltStore;
import dev.parley.consent.commitment.SubjectCommitment;
import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.SubjectToken;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The store's use of the salt file: each subject's salted commitment ({@link SubjectCommitment}),
 * with the salt created on first use and destroyed on erasure. Salt bytes are wiped from memory as
 * soon as the commitment is computed.
 *
 * <p>Thread-safe: {@link SaltStore} and its token table are not, and reads (history, export, the
 * commitment) run concurrently with writes, so every access to the file is serialized on this
 * object. Changes additionally run under the store's writer lock.
 */
final class SubjectSalts implements Closeable {
  private final SaltStore salts;

  private SubjectSalts(SaltStore salts) {
    this.salts = salts;
  }

  /** Opens or creates the salt file. */
  static SubjectSalts open(Path file) throws IOException {
    return new SubjectSalts(SaltStore.open(file, new SecureRandom()));
  }

  /** The salt file itself, for the start-up index rebuild. */
  synchronized SaltStore file() {
    return salts;
  }

  /**
   * Returns each decision's subject commitment, creating salts for new subjects and flushing them
   * to disk before returning.
   *
   * @throws ConsentStoreException if the salt file cannot be written (nothing was recorded)
   */
  synchronized List<String> commitments(List<ConsentDecision> decisions) {
    List<String> out = new ArrayList<>(decisions.size());
    try {
      for (ConsentDecision d : decisions) {
        byte[] salt = salts.saltOrCreate(d.subject());
        out.add(SubjectCommitment.hex(salt, d.subject()));
        Arrays.fill(salt, (byte) 0);
      }
      salts.flush();
    } catch (IOException e) {
      throw new ConsentStoreException("salt store failed; nothing was recorded", e);
    }
    return out;
  }

  /** Returns the subject's commitment, if it has a salt (it is known and not erased). */
  synchronized Optional<String> commitmentOf(SubjectToken subject) {
    try {
      Optional<byte[]> salt = salts.salt(subject);
      Optional<String> c = salt.map(s -> SubjectCommitment.hex(s, subject));
      salt.ifPresent(s -> Arrays.fill(s, (byte) 0));
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Overwrites the subject's salt slot with zeros and forces it to disk.
   *
   * @throws ConsentStoreException if the file cannot be written
   */
  synchronized void destroy(SubjectToken subject) {
    try {
      salts.erase(subject);
    } catch (IOException e) {
      throw new ConsentStoreException("records removed but the salt could not be destroyed", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    salts.close();
  }
}
