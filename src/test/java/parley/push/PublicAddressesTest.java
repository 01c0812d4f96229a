package parley.push;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
  @DisplayName("allows public addresses, including those next to the refused ranges")
  void allowsThePublicInternet() {
    List<String> outside = List.of("8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
      "169.253.255.255", "192.0.3.1", "198.17.255.255", "198.20.0.1", "203.0.114.1", "223.255.255.255", "2606:4700:4700::1111",
      "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808");
    assertEquals(List.of(), refusedAmong(outside));
  }
}
