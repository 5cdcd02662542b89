package dev.parley.gateway.signin;

import dev.parley.gateway.signin.mail.OutgoingMail;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** The sign-in mail: who receives it and what it says. Pure functions, no I/O. */
public final class SignInMail {
  /** The subject line; the code is only in the body, so it does not show in inbox listings. */
  public static final String SUBJECT = "Your Parley sign-in code";

  /**
   * RFC 5322 section 3.4.1 addr-spec restricted to a dot-atom local part (section 3.2.3 atext and
   * '.') and a host-name domain: the form every relay delivers the same way. Quoted local parts,
   * comments and display names are refused so that the address a code is mailed to is exactly the
   * address whose token the code signs in to.
   */
  private static final Pattern DELIVERABLE =
      Pattern.compile(
          "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
              + "@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private SignInMail() {}

  /**
   * Returns the address to mail the code to: the input without leading and trailing spaces (the
   * first UID2 normalization step), if it is a plain deliverable address.
   *
   * @param raw the address as typed (already accepted by UID2 normalization)
   * @return the delivery address
   * @throws IllegalArgumentException naming the field (never echoing the address) otherwise
   */
  public static String deliveryAddress(String raw) {
    int start = 0;
    int end = raw.length();
    while (start < end && raw.charAt(start) == ' ') {
      start++;
    }
    while (end > start && raw.charAt(end - 1) == ' ') {
      end--;
    }
    String address = raw.substring(start, end);
    int at = address.indexOf('@');
    if (!DELIVERABLE.matcher(address).matches() || at > 64 || address.length() - at - 1 > 253) {
      throw new IllegalArgumentException(
          "email: a sign-in code can only be sent to a plain address: letters, digits and"
              + " !#$%&'*+/=?^_`{|}~.- before '@' and a domain name with a dot after it");
    }
    return address;
  }

  /**
   * Composes the mail carrying a code.
   *
   * @param from the sender address
   * @param to the delivery address
   * @param code the one-time code
   * @param expiresAt when the code stops working
   * @return the mail
   */
  public static OutgoingMail compose(String from, String to, OneTimeCode code, Instant expiresAt) {
    String text =
        "Your Parley sign-in code is:\n"
            + "\n"
            + "    "
            + code.digits()
            + "\n"
            + "\n"
            + "It works once, until "
            + TIME.format(expiresAt)
            + " ("
            + SignInChallenges.TTL.toMinutes()
            + " minutes after you asked for it).\n"
            + "Type it into the Parley consent center; nobody from Parley will ever ask you\n"
            + "for it.\n"
            + "\n"
            + "If you did not ask to sign in, ignore this mail: nothing happens without the code.\n";
    return new OutgoingMail(from, to, SUBJECT, text);
  }
}
