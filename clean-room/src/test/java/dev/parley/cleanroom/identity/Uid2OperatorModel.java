package dev.parley.cleanroom.identity;

/**
 * A test-only model of how the UID2 operator service normalizes emails, written from its observed
 * behaviour, to show that {@link Normalizer} agrees with it on every input Parley accepts.
 *
 * <p>Behaviour modelled: ASCII A-Z are lowercased; every space before the first '@' is dropped;
 * after it, trailing spaces are dropped and inner ones kept; a second '@', an empty domain or an
 * empty (effective) local part make the input invalid; for the domain {@code gmail.com} the local
 * part loses every '.' and everything from the first '+'.
 */
final class Uid2OperatorModel {
  private Uid2OperatorModel() {}

  /** Returns the normalized email, or null where the operator rejects it. */
  static String normalizeEmail(String email) {
    StringBuilder local = new StringBuilder();
    StringBuilder gmailLocal = new StringBuilder();
    StringBuilder domain = new StringBuilder();
    StringBuilder pendingSpaces = new StringBuilder();
    boolean inDomain = false;
    boolean afterPlus = false;
    for (int i = 0; i < email.length(); i++) {
      char given = email.charAt(i);
      char c = given >= 'A' && given <= 'Z' ? (char) (given + 32) : given;
      if (!inDomain) {
        if (c == ' ') {
          continue;
        }
        if (c == '@') {
          inDomain = true;
          continue;
        }
        local.append(c);
        if (c == '+') {
          afterPlus = true;
        } else if (c != '.' && !afterPlus) {
          gmailLocal.append(c);
        }
      } else if (c == '@') {
        return null;
      } else if (c == ' ') {
        pendingSpaces.append(c);
      } else {
        domain.append(pendingSpaces).append(c);
        pendingSpaces.setLength(0);
      }
    }
    if (domain.isEmpty()) {
      return null;
    }
    StringBuilder chosen = domain.toString().equals("gmail.com") ? gmailLocal : local;
    return chosen.isEmpty() ? null : chosen + "@" + domain;
  }
}
