package dev.parley.gateway.partner;

import dev.parley.cleanroom.dataset.MultipartUploads;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.note.NoteVerifierKey;
import dev.parley.ledger.receipt.Receipt;
import dev.parley.ledger.receipt.ReceiptVerifier;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a completed upload on the partner's side: the version's digest must be SHA-256 over the
 * digests of the parts the partner sent ({@link MultipartUploads#digestOfParts}), and its ledger
 * entry, fetched with its receipt and verified under the ledger's verifier key, must be the {@code
 * dataset.uploaded} entry of the same dataset, version, row count and digest.
 */
final class VersionCheck {
  private VersionCheck() {}

  /**
   * Verifies a completed upload.
   *
   * @param client the partner client
   * @param result the server's answer to {@code complete}
   * @param partDigests the parts' SHA-256 digests, in part order (empty: not checked)
   * @param vkey the ledger's verifier key
   * @throws IOException naming what does not match
   * @throws ApiException if the server refused the receipt
   */
  static void verify(
      PartnerClient client, JsonObject result, List<byte[]> partDigests, NoteVerifierKey vkey)
      throws IOException, ApiException {
    String digest = result.getString("digest");
    if (!partDigests.isEmpty()) {
      String expected = HexFormat.of().formatHex(MultipartUploads.digestOfParts(partDigests));
      if (!expected.equals(digest)) {
        throw new IOException(
            "the version's digest "
                + digest
                + " is not the SHA-256 of the parts' digests ("
                + expected
                + ")");
      }
    }
    long index = result.getLong("ledgerIndex");
    ReceiptVerifier.Verified entry;
    try {
      entry = ReceiptVerifier.verify(Receipt.parse(client.bytes("/ledger/entries/" + index)), vkey);
    } catch (IllegalArgumentException e) {
      throw new IOException("the receipt of ledger entry " + index + " does not verify", e);
    }
    JsonObject body = entry.entry().body();
    if (entry.entry().type() != EntryType.DATASET_UPLOADED
        || !body.getString("digest").equals(digest)
        || !body.getString("dataset").equals(result.getString("dataset"))
        || body.getLong("version") != result.getLong("version")
        || body.getLong("rows") != result.getLong("rows")) {
      throw new IOException("ledger entry " + index + " does not record this version");
    }
  }
}
