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

  private static boolean isPublicV6(byte[] a) {
    if ((a[0] & 0xfe) == 0xfc) {
      return false;                                            // fc00::/7 unique local (fd00:ec2::254 among them)
    }
    if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x01 && (a[2] & 0xff) == 0x0d && (a[3] & 0xff) == 0xb8) {
      return false;                                            // 2001:db8::/32 docs
    }
    boolean zeroPrefix = true;
    for (int i = 0; i < 10; i++) {
      zeroPrefix &= a[i] == 0;
    }
    boolean mapped = zeroPrefix && a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    boolean compatible = zeroPrefix && a[10] == 0 && a[11] == 0;
    boolean nat64 = (a[0] & 0xff) == 0 && (a[1] & 0xff) == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b;
    if (mapped || compatible || nat64) {
      // An IPv4 address in IPv6 clothing is judged as that IPv4 address.
      byte[] v4 = {a[12], a[13], a[14], a[15]};
      try {
        return isPublic(InetAddress.getByAddress(v4));
      } catch (UnknownHostException impossible) {
        return false;
      }
    }
    return true;
  }
}
