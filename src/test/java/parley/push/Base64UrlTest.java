package parley.push;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

@DisplayName("base64url as browsers and push services write it")
class Base64UrlTest {

  @Test
  @DisplayName("decodes padded and unpadded input to the same bytes")
  void decodesPaddedAndUnpadded() {
    byte[] unpadded = Base64Url.decode("BTBZMqHH6r4Tts7J_aSIgg");
    byte[] padded = Base64Url.decode("BTBZMqHH6r4Tts7J_aSIgg==");

    assertEquals(16, unpadded.length);
    assertArrayEquals(unpadded, padded);
  }

  @Test
  @DisplayName("encodes without padding, in the url-safe alphabet")
  void encodesUnpadded() {
    String encoded = Base64Url.encode(new byte[] {(byte) 0xfb, (byte) 0xff});

    assertEquals("-_8", encoded);
    assertFalse(encoded.contains("="));
  }

  @Test
  @DisplayName("rejects the standard alphabet's + and / without echoing the text, which may be a secret")
  void rejectsStandardAlphabet() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
      () -> Base64Url.decode("secret+key/AA"));

    assertEquals("not base64url (13 characters)", refused.getMessage());
  }
}
