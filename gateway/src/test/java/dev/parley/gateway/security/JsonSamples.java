package dev.parley.gateway.security;

import java.util.Map;

/**
 * One valid request per JSON operation of the contract, the seeds of {@link JsonApiFuzzTest}: its
 * path parameters and its body. A JSON operation added to the contract without a sample here fails
 * the fuzz test.
 *
 * @param parameters path parameter values by name
 * @param body a body that matches the operation's schema
 */
record JsonSamples(Map<String, String> parameters, String body) {
  static final String SUBJECT = Gateway.token(9).toBase64Url();

  static final String RULES =
      "{\"aggregates\":[\"count-distinct-subjects\"],\"datasets\":[{\"partner\":\"acme\","
          + "\"dataset\":\"customers\",\"dimensions\":[\"region\"],\"metrics\":[]}],"
          + "\"dp\":null,\"joinOn\":\"token\",\"minAggregationThreshold\":50}";

  /** The samples by operationId. */
  static final Map<String, JsonSamples> BY_OPERATION =
      Map.of(
          "recordConsentDecision",
          new JsonSamples(
              Map.of("subject", SUBJECT),
              "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"given\","
                  + "\"expiresAt\":\"2099-01-01T00:00:00Z\"}"),
          "importTcfStrings",
          new JsonSamples(
              Map.of(),
              "{\"validityDays\":30,\"records\":[{\"subject\":\""
                  + SUBJECT
                  + "\",\"tcString\":\"CQe-IKAQe-IKAAHABBENBQEgAP_gAAAAACiQF5wAQF5gAAAA\"}]}"),
          "evaluateBlinded",
          new JsonSamples(
              Map.of(), "{\"blindedElements\":[\"4gvNxoqRhbS7e8UMAR6yJ8hzCi4mGs2aGRhWbi/WHHY=\"]}"),
          "startSignIn",
          new JsonSamples(Map.of(), "{\"email\":\"fuzz@example.com\"}"),
          "verifySignIn",
          new JsonSamples(
              Map.of(), "{\"challenge\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"code\":\"123456\"}"),
          "beginUpload",
          new JsonSamples(
              Map.of(),
              "{\"dataset\":\"customers\",\"schema\":{\"identifiers\":[{\"name\":\"email\","
                  + "\"type\":\"EMAIL_SHA256\"}],\"dimensions\":[{\"name\":\"region\","
                  + "\"allowed\":[\"north\",\"south\"]}],\"metrics\":[]},"
                  + "\"uploadKey\":\"fuzz-1\",\"maxRejected\":0}"),
          "createCollaboration",
          new JsonSamples(
              Map.of(),
              "{\"id\":\"fuzz-collab\",\"members\":[\"acme\",\"globex\"],"
                  + "\"purpose\":\"measurement\",\"rules\":"
                  + RULES
                  + "}"),
          "approveCollaboration",
          new JsonSamples(
              Map.of("collaboration", "fuzz-collab"), "{\"rulesHash\":\"" + "0".repeat(64) + "\"}"),
          "runQuery",
          new JsonSamples(
              Map.of("collaboration", "fuzz-collab"),
              "{\"type\":\"overlap\",\"datasets\":[{\"partner\":\"acme\","
                  + "\"dataset\":\"customers\"}]}"));
}
