package dev.parley.gateway.auth;

import dev.parley.consent.model.SubjectToken;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling: the result of authenticating one request. Every variant's {@code toString()} is
 * safe to log (no secrets, no subject tokens).
 */
public sealed interface Principal {
  /**
   * Returns the caller's role; empty for an anonymous caller.
   *
   * @return the role
   */
  Optional<Role> role();

  /**
   * Returns a short label safe for logs and metrics (never a key, session id or token).
   *
   * @return the label
   */
  String label();

  /** A caller that presented no credentials. */
  record Anonymous() implements Principal {
    @Override
    public Optional<Role> role() {
      return Optional.empty();
    }

    @Override
    public String label() {
      return "anonymous";
    }
  }

  /**
   * A partner company acting through one of its API keys.
   *
   * @param partnerId the registered partner (data controller) id
   * @param keyId the public id of the API key used
   */
  record Partner(String partnerId, String keyId) implements Principal {
    /** Validates the fields. */
    public Partner {
      Objects.requireNonNull(partnerId, "partnerId");
      Objects.requireNonNull(keyId, "keyId");
    }

    @Override
    public Optional<Role> role() {
      return Optional.of(Role.PARTNER);
    }

    @Override
    public String label() {
      return "partner:" + partnerId;
    }
  }

  /**
   * A person signed in to the consent center; the session is bound to exactly one subject.
   *
   * @param subject the subject token the session acts for
   * @param csrfToken the session's anti-CSRF token, required on state-changing requests
   */
  record Consumer(SubjectToken subject, String csrfToken) implements Principal {
    /** Validates the fields. */
    public Consumer {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(csrfToken, "csrfToken");
    }

    @Override
    public Optional<Role> role() {
      return Optional.of(Role.CONSUMER);
    }

    @Override
    public String label() {
      return "consumer";
    }

    @Override
    public String toString() {
      return "Consumer[redacted]";
    }
  }

  /**
   * An auditor acting through a read-only API key.
   *
   * @param keyId the public id of the API key used
   */
  record Auditor(String keyId) implements Principal {
    /** Validates the field. */
    public Auditor {
      Objects.requireNonNull(keyId, "keyId");
    }

    @Override
    public Optional<Role> role() {
      return Optional.of(Role.AUDITOR);
    }

    @Override
    public String label() {
      return "auditor";
    }
  }
}
