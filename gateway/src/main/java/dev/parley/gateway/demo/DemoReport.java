package dev.parley.gateway.demo;

import dev.parley.cleanroom.analysis.AnalysisRequest;
import dev.parley.cleanroom.analysis.QueryResult;
import dev.parley.cleanroom.collab.Collaboration;
import dev.parley.cleanroom.dataset.UploadResult;
import java.util.Map;
import java.util.Objects;

/**
 * What one demo run did.
 *
 * @param options the size
 * @param newKeys the API keys created now, by partner id (plaintexts, shown once)
 * @param crm the CRM upload
 * @param audience the audience upload
 * @param people people in the population
 * @param granted people who granted consent
 * @param collaboration the active collaboration
 * @param overlap the overlap, asked by the advertiser
 * @param profile the segment profile, asked by the advertiser
 * @param breakdown the metric breakdown, asked by the publisher
 */
record DemoReport(
    DemoOptions options,
    Map<String, String> newKeys,
    UploadResult crm,
    UploadResult audience,
    long people,
    long granted,
    Collaboration collaboration,
    Released overlap,
    Released profile,
    Released breakdown) {
  /**
   * One released analysis, as stored for its requester.
   *
   * @param partner the requesting partner
   * @param request the request
   * @param result what was released, with its ledger index
   * @param queryId the id under which the clean room stores the result for the requester
   */
  record Released(String partner, AnalysisRequest request, QueryResult result, String queryId) {
    /** Checks that nothing is missing. */
    Released {
      Objects.requireNonNull(partner, "partner");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(queryId, "queryId");
    }
  }

  /** Copies the keys and checks that nothing is missing. */
  DemoReport {
    Objects.requireNonNull(options, "options");
    newKeys = Map.copyOf(newKeys);
    Objects.requireNonNull(crm, "crm");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(collaboration, "collaboration");
    Objects.requireNonNull(overlap, "overlap");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(breakdown, "breakdown");
  }

  /** Never shows the keys. */
  @Override
  public String toString() {
    return "DemoReport[" + options + ", keys redacted]";
  }
}
