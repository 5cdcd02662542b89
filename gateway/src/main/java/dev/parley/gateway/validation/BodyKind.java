package dev.parley.gateway.validation;

/** How an operation's request body is read and who validates it. */
public enum BodyKind {
  /** The operation takes no body; a request that sends one is refused. */
  NONE,
  /**
   * A JSON body ({@code application/json} or {@code application/*+json}): read here up to the
   * operation's limit, parsed as strict I-JSON and validated against the operation's schema.
   */
  JSON,
  /**
   * A small non-JSON body that the contract validator cannot model (for example {@code
   * application/sparql-query}): its media type, size (by {@code Content-Length}), parameters and
   * headers are checked here; the body itself is read and validated by the route.
   */
  ROUTE,
  /**
   * An upload ({@code text/csv}, {@code application/octet-stream} or {@code multipart/*}): streamed
   * by the route, which validates and limits it; media type, parameters and headers are checked
   * here.
   */
  UPLOAD
}
