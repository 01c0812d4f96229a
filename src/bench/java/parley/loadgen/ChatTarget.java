package parley.loadgen;

import io.vertx.core.Future;

/**
 * A chat server as the load generator drives it: Parley (its REST API and bridge), or the reference server it is
 * compared with. Setup goes through the server's own API, as a client's would.
 */
interface ChatTarget {

  /** Registers someone; answers what they connect with (a token). */
  Future<String> createUser(String name);

  /** A room made by {@code owner} (the first user created); answers its id. */
  Future<String> createRoom(String owner, String name);

  Future<Void> join(String user, String roomId);

  Future<ChatConnection> connect(String user);

  /** The server's process id, for its CPU time and heap; 0 when unknown. */
  long serverPid();
}
