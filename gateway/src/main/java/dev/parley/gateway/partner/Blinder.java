package dev.parley.gateway.partner;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.keys.KeyTransparency;
import dev.parley.cleanroom.oprf.BlindedInput;
import dev.parley.cleanroom.oprf.DleqProof;
import dev.parley.cleanroom.oprf.OprfPublicKey;
import dev.parley.cleanroom.oprf.VoprfClient;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonBoolean;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import dev.parley.ledger.note.NoteVerifierKey;
import dev.parley.ledger.receipt.Receipt;
import dev.parley.ledger.receipt.ReceiptVerifier;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Tokenizes identifier hashes through the blinded VOPRF path (RFC 9497, mode 0x01,
 * ristretto255-SHA512), so the server never sees a hash: each hash is blinded locally, the server
 * evaluates the blinded elements ({@code POST /oprf/evaluate}, at most {@value #BATCH} per call),
 * and the batched DLEQ proof is verified against the matching key's public key before the outputs
 * are finalized into tokens (RFC 9497 §3.3.2, "if VerifyProof(...) == false: raise VerifyError").
 *
 * <p>Key transparency: the public key is accepted only if its {@code key.published} ledger entry,
 * fetched with its receipt ({@code GET /ledger/entries/{index}}), verifies under the ledger's
 * verifier key and names exactly that key id and public key; every evaluation must then be under
 * that same key.
 */
final class Blinder {
  /** Blinded elements per evaluation request (the server's limit). */
  static final int BATCH = 10_000;

  private final PartnerClient client;
  private final String keyId;
  private final OprfPublicKey publicKey;
  private final long ledgerIndex;
  private final VoprfClient voprf;
  private final SecureRandom random = new SecureRandom();

  private Blinder(PartnerClient client, String keyId, OprfPublicKey publicKey, long ledgerIndex) {
    this.client = client;
    this.keyId = keyId;
    this.publicKey = publicKey;
    this.ledgerIndex = ledgerIndex;
    this.voprf = new VoprfClient(publicKey);
  }

  /**
   * Finds the active matching key and checks that it is published on the ledger.
   *
   * @param client the partner client
   * @param vkey the ledger's verifier key
   * @return the blinder, pinned to that key
   * @throws IOException if the key is not published as claimed
   * @throws ApiException if the server refused
   */
  static Blinder verified(PartnerClient client, NoteVerifierKey vkey)
      throws IOException, ApiException {
    JsonObject active = null;
    for (JsonValue v : client.get("/oprf/keys").body().getArray("keys").elements()) {
      if (v instanceof JsonObject k
          && k.get("active").orElse(null) instanceof JsonBoolean b
          && b.value()) {
        active = k;
      }
    }
    if (active == null || active.get("ledgerIndex").isEmpty()) {
      throw new IOException("the server has no active matching key published on the ledger");
    }
    String keyId = active.getString("keyId");
    OprfPublicKey pk =
        OprfPublicKey.fromBytes(Base64.getDecoder().decode(active.getString("publicKey")));
    long index = active.getLong("ledgerIndex");
    ReceiptVerifier.Verified published;
    try {
      published =
          ReceiptVerifier.verify(Receipt.parse(client.bytes("/ledger/entries/" + index)), vkey);
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "the receipt of matching key " + keyId + " does not verify: " + e.getMessage(), e);
    }
    if (!KeyTransparency.matches(published.entry(), keyId, pk)) {
      throw new IOException(
          "ledger entry " + index + " does not publish matching key " + keyId + " as served");
    }
    return new Blinder(client, keyId, pk, index);
  }

  /** Returns the pinned key id. */
  String keyId() {
    return keyId;
  }

  /** Returns the ledger index of the pinned key's {@code key.published} entry. */
  long ledgerIndex() {
    return ledgerIndex;
  }

  /**
   * Tokenizes hashes through the server without revealing them.
   *
   * @param hashes the identifier hashes
   * @return one 64-byte token per hash, in order
   * @throws IOException if the server's proof does not verify or it used another key
   * @throws ApiException if the server refused
   */
  List<byte[]> tokens(List<IdentifierHash> hashes) throws IOException, ApiException {
    List<byte[]> out = new ArrayList<>(hashes.size());
    for (int from = 0; from < hashes.size(); from += BATCH) {
      out.addAll(batch(hashes.subList(from, Math.min(hashes.size(), from + BATCH))));
    }
    return out;
  }

  private List<byte[]> batch(List<IdentifierHash> hashes) throws IOException, ApiException {
    List<BlindedInput> blinded = new ArrayList<>(hashes.size());
    JsonArray.Builder elements = JsonArray.builder();
    for (IdentifierHash h : hashes) {
      byte[] input = h.bytes();
      try {
        BlindedInput b = voprf.blind(input, random);
        blinded.add(b);
        elements.add(Base64.getEncoder().encodeToString(b.blindedElement().encode()));
      } finally {
        Arrays.fill(input, (byte) 0);
      }
    }
    JsonObject answer =
        client
            .post(
                "/oprf/evaluate",
                JsonObject.builder()
                    .put("keyId", keyId)
                    .put("blindedElements", elements.build())
                    .build())
            .body();
    if (!keyId.equals(answer.getString("keyId"))
        || answer.getLong("ledgerIndex") != ledgerIndex
        || !Arrays.equals(
            publicKey.toBytes(), Base64.getDecoder().decode(answer.getString("publicKey")))) {
      throw new IOException("the server evaluated under another key than " + keyId);
    }
    List<RistrettoElement> evaluated = new ArrayList<>(hashes.size());
    for (JsonValue v : answer.getArray("evaluatedElements").elements()) {
      if (!(v instanceof JsonString s)) {
        throw new IOException("evaluatedElements: must be base64 strings");
      }
      evaluated.add(RistrettoElement.decode(Base64.getDecoder().decode(s.value())));
    }
    DleqProof proof = DleqProof.fromBytes(Base64.getDecoder().decode(answer.getString("proof")));
    try {
      return voprf.finalizeOutputs(blinded, evaluated, proof);
    } catch (RuntimeException e) {
      throw new IOException("the server's VOPRF proof does not verify: " + e.getMessage(), e);
    }
  }
}
