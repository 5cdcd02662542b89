package dev.parley.cleanroom.oprf;

/** A protocol variant of RFC 9497 §3.1, identified by a one-byte value. */
public enum OprfMode {
  /** modeOPRF = 0x00: the client learns F(skS, input); the server learns nothing. */
  OPRF(0x00),
  /** modeVOPRF = 0x01: as OPRF, plus a DLEQ proof that the server used the key behind pkS. */
  VOPRF(0x01);

  private final int id;

  OprfMode(int id) {
    this.id = id;
  }

  /**
   * Returns the mode's one-byte identifier.
   *
   * @return 0x00 or 0x01
   */
  public int id() {
    return id;
  }
}
