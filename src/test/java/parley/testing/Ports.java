package parley.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for cluster members. They are taken below Linux's ephemeral range (32768 and up): when a member dies,
 * the others keep connecting to its ports, and a connection to a dead port inside that range can be given the very
 * same port as its own source and connect to itself, which Hazelcast and the event bus take for a live member.
 */
public final class Ports {

  private static final int LOWEST = 20_000;
  private static final int BELOW = 32_000;

  private Ports() {
  }

  public static int freeForClusterMember() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, BELOW);
      try (ServerSocket socket = new ServerSocket(port)) {
        socket.setReuseAddress(true);
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port between " + LOWEST + " and " + BELOW);
  }
}
