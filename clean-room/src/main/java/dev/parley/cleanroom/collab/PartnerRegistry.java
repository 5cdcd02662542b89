package dev.parley.cleanroom.collab;

import dev.parley.consent.store.ConsentStore;

/** Tells which partner ids are registered (only registered partners can be members). */
@FunctionalInterface
public interface PartnerRegistry {
  /**
   * Tells whether a partner is registered.
   *
   * @param partnerId the partner id
   * @return true if registered
   */
  boolean isRegistered(String partnerId);

  /**
   * The partners registered in a consent store.
   *
   * @param store the store
   * @return a registry backed by {@link ConsentStore#partner(String)}
   */
  static PartnerRegistry of(ConsentStore store) {
    return id -> store.partner(id).isPresent();
  }
}
