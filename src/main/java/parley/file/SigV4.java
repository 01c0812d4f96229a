package parley.file;

import parley.service.Sha256;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * AWS Signature Version 4 for S3, sent in the {@code Authorization} header. A pure function of the request and the
 * key: the caller sends {@code Host}, {@code x-amz-date} ({@link #amzDate}) and {@code x-amz-content-sha256} (the
 * payload hash) with the values signed here.
 */
final class SigV4 {

  static final String EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
    .withZone(ZoneOffset.UTC);

  private final String region;
  private final String accessKey;
  private final String secretKey;

  SigV4(String region, String accessKey, String secretKey) {
    this.region = region;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  static String amzDate(Instant time) {
    return AMZ_DATE.format(time);
  }

  static Instant parseAmzDate(String amzDate) {
    return Instant.from(AMZ_DATE.parse(amzDate));
  }

  /**
   * The {@code Authorization} header value. {@code path} is not yet encoded; {@code headers} are the further headers
   * to sign (such as {@code Range}), by any case of name.
   */
  String authorization(String method, String host, String path, Map<String, String> query, Map<String, String> headers,
                       String payloadHash, Instant time) {
    Map<String, String> signed = signedHeaders(host, headers, payloadHash, time);
    String names = String.join(";", signed.keySet());
    String date = amzDate(time).substring(0, 8);
    String scope = scope(time);
    String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate(time), scope,
      sha256Hex(canonicalRequest(method, path, query, signed, payloadHash)));
    byte[] dateKey = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
    byte[] signingKey = hmac(hmac(hmac(dateKey, region), "s3"), "aws4_request");
    String signature = HexFormat.of().formatHex(hmac(signingKey, stringToSign));
    return "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + names
      + ", Signature=" + signature;
  }

  /** {@code <yyyyMMdd>/<region>/s3/aws4_request}: what a signature is valid for. */
  String scope(Instant time) {
    return amzDate(time).substring(0, 8) + "/" + region + "/s3/aws4_request";
  }

  static Map<String, String> signedHeaders(String host, Map<String, String> headers, String payloadHash, Instant time) {
    Map<String, String> signed = new TreeMap<>();
    headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value.strip().replaceAll(" +", " ")));
    signed.put("host", host);
    signed.put("x-amz-content-sha256", payloadHash);
    signed.put("x-amz-date", amzDate(time));
    return signed;
  }

  static String canonicalRequest(String method, String path, Map<String, String> query, Map<String, String> signed,
                                 String payloadHash) {
    Map<String, String> encodedQuery = new TreeMap<>();
    query.forEach((name, value) -> encodedQuery.put(encode(name), encode(value)));
    String canonicalQuery = encodedQuery.entrySet().stream()
      .map(parameter -> parameter.getKey() + "=" + parameter.getValue())
      .collect(Collectors.joining("&"));
    String canonicalHeaders = signed.entrySet().stream()
      .map(header -> header.getKey() + ":" + header.getValue() + "\n")
      .collect(Collectors.joining());
    return String.join("\n", method, encodePath(path), canonicalQuery, canonicalHeaders,
      String.join(";", signed.keySet()), payloadHash);
  }

  /** Each segment URI-encoded once, the slashes between them kept: as S3 wants the path both sent and signed. */
  static String encodePath(String path) {
    return Arrays.stream(path.split("/", -1)).map(SigV4::encode).collect(Collectors.joining("/"));
  }

  /** RFC 3986 percent-encoding of every UTF-8 byte except the unreserved {@code A-Z a-z 0-9 - . _ ~}. */
  static String encode(String value) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        encoded.append(c);
      } else {
        encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return encoded.toString();
  }

  static String sha256Hex(String text) {
    return Sha256.hex(text);
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
