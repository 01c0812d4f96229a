package parley.push;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether the server may connect to an address for a user: only the public internet. A push endpoint is a URL a
 * browser hands us, so without this check anyone could make the server post to its own loopback, the private
 * network around it, or a cloud's metadata service (169.254.169.254, fd00:ec2::254).
 */
final class PublicAddresses {

  private PublicAddresses() {
  }

  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
      || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return isPublicV4(bytes);
    }
    if (address instanceof Inet6Address) {
      return isPublicV6(bytes);
    }
    return false;
  }

  private static boolean isPublicV4(byte[] a) {
    int first = a[0] & 0xff;
    int second = a[1] & 0xff;
    return !(first == 0                                        // "this network"
      || first == 100 && (second & 0xc0) == 64                // 100.64.0.0/10, carrier-grade NAT
      || first == 192 && second == 0 && (a[2] & 0xff) <= 2     // 192.0.0.0/24 protocol assignments, 192.0.2.0/24 docs
      || first == 198 && (second == 18 || second == 19)        // 198.18.0.0/15 benchmarking
      || first == 198 && second == 51 && (a[2] & 0xff) == 100  // 198.51.100.0/24 docs
      || first == 203 && second == 0 && (a[2] & 0xff) == 113   // 203.0.113.0/24 docs
      || first >= 240);                                        // reserved, and the broadcast address
  }

  /**
   * IPv6 that carries an IPv4 address is judged by it only where the IPv4 address is what one reaches: IPv4-mapped
   * (the socket talks IPv4) and NAT64's well-known prefix (an IPv6-only host's DNS64 hands these out for every
   * IPv4-only name, a push service's too). The other forms are refused outright, as no push service lives there:
   * the IPv4-compatible and IPv4-translated forms are deprecated or translator-internal, and a 6to4 or Teredo address,
   * or NAT64 outside the well-known /96 (local-use 64:ff9b:1::/48 puts the IPv4 where its network's prefix length
   * says), would be judged by an IPv4 address whose place or meaning the address does not tell.
   */
  private static boolean isPublicV6(byte[] a) {
    if ((a[0] & 0xfe) == 0xfc) {
      return false;                                            // fc00::/7 unique local (fd00:ec2::254 among them)
    }
    if (startsWith(a, 0x20, 0x01, 0x0d, 0xb8)) {
      return false;                                            // 2001:db8::/32 docs
    }
    if (startsWith(a, 0x20, 0x02) || startsWith(a, 0x20, 0x01, 0x00, 0x00)) {
      return false;                                            // 2002::/16 6to4, 2001::/32 Teredo
    }
    if (startsWith(a, 0x00, 0x64, 0xff, 0x9b)) {
      return zeros(a, 4, 12) && isPublicV4In(a);               // 64:ff9b::/96 NAT64 judged; the rest of 64:ff9b::/32 refused
    }
    if (zeros(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
      return isPublicV4In(a);                                  // ::ffff:0:0/96 IPv4-mapped, judged
    }
    if (zeros(a, 0, 8) && (a[8] & 0xff) == 0xff && (a[9] & 0xff) == 0xff && zeros(a, 10, 12)) {
      return false;                                            // ::ffff:0:0:0/96 IPv4-translated (RFC 2765)
    }
    return !zeros(a, 0, 12);                                   // ::/96 IPv4-compatible, :: and ::1 among them
  }

  private static boolean isPublicV4In(byte[] a) {
    try {
      return isPublic(InetAddress.getByAddress(new byte[] {a[12], a[13], a[14], a[15]}));
    } catch (UnknownHostException impossible) {
      return false;
    }
  }

  private static boolean startsWith(byte[] a, int... prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if ((a[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean zeros(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
