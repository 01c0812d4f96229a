package parley.file;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What a file is, from its first bytes: the name and the type the client sent are never trusted. Only the types in
 * {@link #INLINE} are shown in the browser; anything else is served as a download.
 */
final class ContentTypes {

  static final int HEAD_BYTES = 4096;
  static final String OCTET_STREAM = "application/octet-stream";

  static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "audio/mpeg",
    "audio/ogg", "audio/wav", "audio/mp4", "video/mp4", "video/webm", "application/pdf");

  private ContentTypes() {
  }

  /** The type of a file that starts with {@code head} ({@link #HEAD_BYTES} bytes, or the whole file if shorter). */
  static String sniff(byte[] head) {
    if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "image/png";
    }
    if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) {
      return "image/gif";
    }
    if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
      return "image/webp";
    }
    if (ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE")) {
      return "audio/wav";
    }
    if (ascii(head, 0, "%PDF-")) {
      return "application/pdf";
    }
    if (ascii(head, 0, "OggS")) {
      return "audio/ogg";
    }
    if (ascii(head, 4, "ftyp")) {
      return ascii(head, 8, "M4A ") || ascii(head, 8, "M4B ") ? "audio/mp4"
        : ascii(head, 8, "qt  ") ? "video/quicktime" : "video/mp4";
    }
    if (startsWith(head, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
      return new String(head, StandardCharsets.ISO_8859_1).contains("webm") ? "video/webm" : "video/x-matroska";
    }
    if (ascii(head, 0, "ID3") || (head.length > 1 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0)) {
      return "audio/mpeg";
    }
    return text(head);
  }

  /** Markup a browser would run (HTML, SVG) is named as such, so that it is never served inline. */
  private static String text(byte[] head) {
    String text = utf8(head);
    if (text == null) {
      return OCTET_STREAM;
    }
    String start = text.stripLeading().toLowerCase(Locale.ROOT);
    if (start.startsWith("\ufeff")) {
      start = start.substring(1).stripLeading();
    }
    if (start.contains("<svg")) {
      return "image/svg+xml";
    }
    for (String tag : new String[] {"<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<!--", "<?xml"}) {
      if (start.startsWith(tag)) {
        return tag.equals("<?xml") ? "application/xml" : "text/html";
      }
    }
    return "text/plain";
  }

  /** The text, when the bytes are UTF-8 without control characters other than tab, newlines and form feed. */
  private static String utf8(byte[] head) {
    int length = head.length;
    // The head may cut a multi-byte character in two.
    while (length > 0 && head.length == HEAD_BYTES && (head[length - 1] & 0xC0) == 0x80) {
      length--;
    }
    if (length > 0 && head.length == HEAD_BYTES && (head[length - 1] & 0xC0) == 0xC0) {
      length--;
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(head, 0, length)).toString();
      boolean control = text.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f');
      return control ? null : text;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean ascii(byte[] head, int offset, String expected) {
    if (head.length < offset + expected.length()) {
      return false;
    }
    for (int i = 0; i < expected.length(); i++) {
      if (head[offset + i] != (byte) expected.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] head, int offset, int... expected) {
    if (head.length < offset + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((head[offset + i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
