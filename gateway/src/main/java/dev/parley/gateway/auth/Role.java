package dev.parley.gateway.auth;

/**
 * A kind of caller the gateway recognises. Administrators are not a role: administration happens
 * only through the local command line ({@code parley keys ...}) on the server's data directory.
 */
public enum Role {
  /** A registered partner company, authenticated by an API key bound to its partner id. */
  PARTNER,
  /** A person, authenticated by a short-lived session bound to one subject token. */
  CONSUMER,
  /** An auditor, authenticated by a read-only API key. */
  AUDITOR
}
