package parley.file;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/** File names as uploaded (sanitised) and as served (RFC 6266 {@code Content-Disposition}). */
final class FileNames {

  static final int MAX_LENGTH = 200;
  private static final String FALLBACK = "file";

  private FileNames() {
  }

  /**
   * The last path part of what the client sent, without control, format or bidi-override characters, trimmed of
   * spaces and dots, at most {@link #MAX_LENGTH} characters (keeping the extension), never empty.
   */
  static String sanitize(String raw) {
    String name = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFC);
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    StringBuilder kept = new StringBuilder();
    name.codePoints().filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT
      && Character.getType(c) != Character.SURROGATE && Character.getType(c) != Character.PRIVATE_USE)
      .forEach(kept::appendCodePoint);
    name = kept.toString().strip().replaceAll("^[.\\s]+|[.\\s]+$", "");
    if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
      int dot = name.lastIndexOf('.');
      String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
      name = truncate(name.substring(0, name.length() - extension.length()), MAX_LENGTH - extension.length()) + extension;
    }
    return name.isEmpty() ? FALLBACK : name;
  }

  /** {@code inline} or {@code attachment}, with an ASCII fallback name and the exact one as {@code filename*}. */
  static String contentDisposition(boolean inline, String name) {
    StringBuilder ascii = new StringBuilder();
    name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  private static String truncate(String text, int codePoints) {
    return text.substring(0, text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length()))));
  }
}
