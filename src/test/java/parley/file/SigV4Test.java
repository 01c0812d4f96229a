package parley.file;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static parley.file.SigV4.EMPTY_PAYLOAD_SHA256;

/**
 * The examples of the Amazon S3 API Reference, "Signature Calculations for the Authorization Header: Transferring
 * Payload in a Single Chunk (AWS Signature Version 4)" (docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html):
 * the canonical request and the signatures AWS prints for them.
 */
@DisplayName("AWS Signature Version 4")
class SigV4Test {

  private static final SigV4 EXAMPLE_KEY = new SigV4("us-east-1", "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  private static final String HOST = "examplebucket.s3.amazonaws.com";
  private static final Instant TIME = Instant.parse("2013-05-24T00:00:00Z");

  @Test
  @DisplayName("GET Object with a Range: the canonical request and the signature are AWS's")
  void getObject() {
    String canonical = SigV4.canonicalRequest("GET", "/test.txt", Map.of(),
      SigV4.signedHeaders(HOST, Map.of("Range", "bytes=0-9"), EMPTY_PAYLOAD_SHA256, TIME), EMPTY_PAYLOAD_SHA256);
    assertEquals("""
      GET
      /test.txt

      host:examplebucket.s3.amazonaws.com
      range:bytes=0-9
      x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
      x-amz-date:20130524T000000Z

      host;range;x-amz-content-sha256;x-amz-date
      e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", canonical);
    assertEquals("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972", SigV4.sha256Hex(canonical));
    assertEquals("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
      EXAMPLE_KEY.authorization("GET", HOST, "/test.txt", Map.of(), Map.of("Range", "bytes=0-9"), EMPTY_PAYLOAD_SHA256, TIME));
  }

  @Test
  @DisplayName("PUT Object: a '$' in the key is encoded, extra headers are signed in order, the payload hash is signed")
  void putObject() {
    String payloadHash = SigV4.sha256Hex("Welcome to Amazon S3.");
    assertEquals("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072", payloadHash);
    String authorization = EXAMPLE_KEY.authorization("PUT", HOST, "/test$file.text", Map.of(),
      Map.of("Date", "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class", "REDUCED_REDUNDANCY"), payloadHash, TIME);
    assertEquals("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
      + "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, "
      + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd", authorization);
  }

  @Test
  @DisplayName("query parameters are signed sorted by name, one without a value as 'name='")
  void bucketQueries() {
    assertEquals("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
      signature(EXAMPLE_KEY.authorization("GET", HOST, "/", Map.of("lifecycle", ""), Map.of(), EMPTY_PAYLOAD_SHA256, TIME)));
    assertEquals("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
      signature(EXAMPLE_KEY.authorization("GET", HOST, "/", Map.of("prefix", "J", "max-keys", "2"), Map.of(),
        EMPTY_PAYLOAD_SHA256, TIME)));
  }

  @Test
  @DisplayName("a path is encoded segment by segment, every byte but A-Z a-z 0-9 - . _ ~, its slashes kept")
  void encodesPaths() {
    assertEquals("/parley/photos/%C3%A9t%C3%A9%202013/a%2Bb%20%281%29~x_y-z.jpg",
      SigV4.encodePath("/parley/photos/été 2013/a+b (1)~x_y-z.jpg"));
    assertEquals("/b/%2A%25%3D%3F%26", SigV4.encodePath("/b/*%=?&"));
  }

  @Test
  @DisplayName("the signature changes with the secret key, the payload hash and the Range signed")
  void signatureDependsOnInputs() {
    String base = EXAMPLE_KEY.authorization("GET", HOST, "/test.txt", Map.of(), Map.of("Range", "bytes=0-9"),
      EMPTY_PAYLOAD_SHA256, TIME);
    SigV4 otherSecret = new SigV4("us-east-1", "AKIAIOSFODNN7EXAMPLE", "another secret");
    for (String other : new String[] {
      otherSecret.authorization("GET", HOST, "/test.txt", Map.of(), Map.of("Range", "bytes=0-9"), EMPTY_PAYLOAD_SHA256, TIME),
      EXAMPLE_KEY.authorization("GET", HOST, "/test.txt", Map.of(), Map.of("Range", "bytes=0-8"), EMPTY_PAYLOAD_SHA256, TIME),
      EXAMPLE_KEY.authorization("GET", HOST, "/test.txt", Map.of(), Map.of("Range", "bytes=0-9"), SigV4.sha256Hex("x"), TIME)}) {
      assertNotEquals(signature(base), signature(other), other);
    }
  }

  private static String signature(String authorization) {
    return authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
  }
}
