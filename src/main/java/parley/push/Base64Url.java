package parley.push;

import java.util.Base64;

/** The base64url of Web Push (RFC 4648 section 5): keys and tokens travel in it, unpadded. */
public final class Base64Url {

  private Base64Url() {
  }

  /** Unpadded base64url, as browsers and push services expect it. */
  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Decodes base64url with or without {@code =} padding (browsers send it unpadded, some libraries pad).
   *
   * @throws IllegalArgumentException if {@code text} is not base64url; the message never repeats the text,
   *   which may be a secret
   */
  public static byte[] decode(String text) {
    if (text == null) {
      throw new IllegalArgumentException("base64url text is missing");
    }
    try {
      return Base64.getUrlDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64url (" + text.length() + " characters)");
    }
  }
}
