package dev.parley.ledger.note;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The character and line rules of signed notes; see {@link Note} for the spec text. */
final class NoteSyntax {
  private static final byte[] LINE_PREFIX =
      NoteSignature.LINE_PREFIX.getBytes(StandardCharsets.UTF_8);

  private NoteSyntax() {}

  /** A parsed signature line and its 1-based line number. */
  record SignatureLine(int number, NoteSignature signature) {}

  /**
   * Checks a text to be signed.
   *
   * @throws IllegalArgumentException naming the line of the first offending character
   */
  static void checkText(String text) {
    if (text.isEmpty() || text.charAt(text.length() - 1) != '\n') {
      throw new IllegalArgumentException("text: must end with a newline (U+000A)");
    }
    int line = 1;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (c == '\n') {
        line++;
      } else if (c < 0x20) {
        throw new IllegalArgumentException(
            "text: line "
                + line
                + ": control character "
                + KeyNames.codePoint(c)
                + " (only newline is allowed)");
      } else if (c <= 0xffff && Character.isSurrogate((char) c)) {
        throw new IllegalArgumentException(
            "text: line "
                + line
                + ": unpaired surrogate "
                + KeyNames.codePoint(c)
                + " is not valid UTF-8");
      }
      i += Character.charCount(c);
    }
  }

  /**
   * Checks that an encoded note is well-formed UTF-8 (RFC 3629: shortest form, no surrogates, at
   * most U+10FFFF) without control characters other than newline.
   *
   * @throws MalformedNoteException naming the line and byte offset
   */
  static void checkEncoded(byte[] note) {
    // "Signed notes MUST be valid UTF-8 and MUST NOT contain any ASCII control characters (those
    // below U+0020) other than newline."
    int line = 1;
    int i = 0;
    while (i < note.length) {
      int b = note[i] & 0xff;
      if (b < 0x80) {
        if (b == '\n') {
          line++;
        } else if (b < 0x20) {
          throw new MalformedNoteException(
              line, "control character " + KeyNames.codePoint(b) + " at byte offset " + i);
        }
        i++;
        continue;
      }
      int length;
      int min;
      int cp;
      if (b >= 0xc2 && b <= 0xdf) {
        length = 2;
        min = 0x80;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        length = 3;
        min = 0x800;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        length = 4;
        min = 0x10000;
        cp = b & 0x07;
      } else {
        throw invalidUtf8(line, i);
      }
      if (i + length > note.length) {
        throw invalidUtf8(line, i);
      }
      for (int k = 1; k < length; k++) {
        int c = note[i + k] & 0xff;
        if ((c & 0xc0) != 0x80) {
          throw invalidUtf8(line, i);
        }
        cp = cp << 6 | (c & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        throw invalidUtf8(line, i);
      }
      i += length;
    }
  }

  private static MalformedNoteException invalidUtf8(int line, int offset) {
    return new MalformedNoteException(line, "invalid UTF-8 at byte offset " + offset);
  }

  /** Returns the 1-based line that contains the byte at {@code offset}. */
  static int lineAt(byte[] note, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < note.length; i++) {
      if (note[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * Parses the signature block: one or more lines {@code — <name> <base64>}, each ending in a
   * newline, from {@code start} to the end of the note.
   *
   * @throws MalformedNoteException naming the first bad line
   */
  static List<SignatureLine> signatureLines(byte[] note, int start, int max) {
    int number = lineAt(note, start);
    if (start >= note.length) {
      throw new MalformedNoteException(number, "no signature line after the blank line");
    }
    if (note[note.length - 1] != '\n') {
      throw new MalformedNoteException(
          lineAt(note, note.length - 1), "the last signature line does not end with a newline");
    }
    List<SignatureLine> lines = new ArrayList<>();
    int lineStart = start;
    while (lineStart < note.length) {
      int lineEnd = lineStart;
      while (note[lineEnd] != '\n') {
        lineEnd++;
      }
      // "Verifiers SHOULD apply a maximum limit to the number of signatures in a note".
      if (lines.size() == max) {
        throw new MalformedNoteException(number, "more than " + max + " signatures");
      }
      lines.add(new SignatureLine(number, signatureLine(note, lineStart, lineEnd, number)));
      lineStart = lineEnd + 1;
      number++;
    }
    return lines;
  }

  private static NoteSignature signatureLine(byte[] note, int from, int to, int number) {
    if (to - from < LINE_PREFIX.length
        || !java.util.Arrays.equals(
            note, from, from + LINE_PREFIX.length, LINE_PREFIX, 0, LINE_PREFIX.length)) {
      throw new MalformedNoteException(
          number, "expected a signature line \"\u2014 <key name> <base64 signature>\"");
    }
    String rest =
        new String(
            note,
            from + LINE_PREFIX.length,
            to - from - LINE_PREFIX.length,
            StandardCharsets.UTF_8);
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new MalformedNoteException(
          number, "expected a space between the key name and the signature");
    }
    String name = rest.substring(0, space);
    Optional<String> problem = KeyNames.problem(name);
    if (problem.isPresent()) {
      throw new MalformedNoteException(number, "key name \"" + name + "\" " + problem.get());
    }
    String encoded = rest.substring(space + 1);
    if (encoded.isEmpty()) {
      throw new MalformedNoteException(number, "no signature after the key name");
    }
    byte[] raw;
    try {
      raw = Base64Codec.decodeCanonical(encoded);
    } catch (IllegalArgumentException e) {
      throw new MalformedNoteException(number, "signature " + e.getMessage());
    }
    if (raw.length < 5) {
      throw new MalformedNoteException(
          number,
          "signature must be a 4-byte key ID and at least 1 signature byte, got "
              + raw.length
              + " bytes");
    }
    return new NoteSignature(
        name, KeyId.fromBytes(raw, 0), java.util.Arrays.copyOfRange(raw, 4, raw.length));
  }
}
