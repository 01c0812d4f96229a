package parley.push;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayName("Which addresses the server may post a push to")
class PublicAddressesTest {

  private static List<String> refusedAmong(List<String> addresses) {
    return addresses.stream().filter(address -> !PublicAddresses.isPublic(parse(address))).toList();
  }

  private static InetAddress parse(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  @Test
  @DisplayName("rejects loopback, private, link-local (metadata), carrier-grade NAT, reserved and multicast addresses, in either family")
  void rejectsTheInside() {
    List<String> inside = List.of("127.0.0.1", "127.5.6.7", "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "172.16.0.1",
      "172.31.255.254", "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.254", "192.0.0.8",
      "192.0.2.10", "198.18.0.1", "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.1.2.3", "240.0.0.1", "255.255.255.255",
      "::", "::1", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1", "2001:db8::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
      "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::a00:1", "fec0::1");
    assertEquals(inside, refusedAmong(inside));
  }

  @Test
  @DisplayName("rejects 6to4 and Teredo addresses, whatever IPv4 address they carry")
  void rejectsTunnels() {
    // 6to4 carries an IPv4 address in its bits 16-47; Teredo a server's in bits 32-63 and its client's inverted in the last 32.
    List<String> tunnels = List.of("2002:7f00:1::1", "2002:a9fe:a9fe::1", "2002:a00:1::", "2002:808:808::1",
      "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:0:4136:e378:8000:63bf:80ff:fffe", "2001:0:a00:1::1", "2001::1");
    assertEquals(tunnels, refusedAmong(tunnels));
  }

  @Test
  @DisplayName("rejects the IPv4-compatible and IPv4-translated forms, and NAT64 outside its well-known /96, whatever IPv4 address they carry")
  void rejectsOtherEmbeddings() {
    List<String> embedded = List.of("::8.8.8.8", "::10.0.0.1", "::ffff:0:127.0.0.1", "::ffff:0:169.254.169.254", "::ffff:0:8.8.8.8",
      "64:ff9b:1::a00:1", "64:ff9b:1::808:808", "64:ff9b:1:7f00:0:100:808:808", "64:ff9b:0:0:1::808:808");
    assertEquals(embedded, refusedAmong(embedded));
  }

  @Test
  @DisplayName("rejects IPv4-mapped and NAT64 well-known-prefix addresses that carry an inside IPv4 address")
  void rejectsInsideIpv4InIpv6() throws UnknownHostException {
    List<String> inside = List.of("64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::c0a8:101", "64:ff9b::6440:1", "64:ff9b::");
    assertEquals(inside, refusedAmong(inside));
    // A resolver may hand a mapped address over as IPv6 rather than as the IPv4 address it is.
    for (String v4 : List.of("127.0.0.1", "10.0.0.1", "169.254.169.254", "0.0.0.0")) {
      assertEquals(false, PublicAddresses.isPublic(mapped(v4)), "::ffff:" + v4);
    }
    assertEquals(true, PublicAddresses.isPublic(mapped("8.8.8.8")));
  }

  private static Inet6Address mapped(String v4) throws UnknownHostException {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    System.arraycopy(InetAddress.getByName(v4).getAddress(), 0, bytes, 12, 4);
    return Inet6Address.getByAddress(null, bytes, -1);
  }

  @Test
  @DisplayName("allows public addresses, including those next to the refused ranges")
  void allowsThePublicInternet() {
    List<String> outside = List.of("8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
      "169.253.255.255", "192.0.3.1", "198.17.255.255", "198.20.0.1", "203.0.114.1", "223.255.255.255", "2606:4700:4700::1111",
      "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2001:200::1", "2003::1", "2001:4860:4860::8888");
    assertEquals(List.of(), refusedAmong(outside));
  }
}
