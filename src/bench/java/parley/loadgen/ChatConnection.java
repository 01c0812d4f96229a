package parley.loadgen;

import io.vertx.core.Future;

/** One live connection: rooms it receives, messages it sends, each acknowledged once stored. */
interface ChatConnection {

  /** What arrives: a room's message with its sequence number in the room and its text. */
  interface Listener {
    void message(String roomId, long seq, String content);
  }

  void listen(Listener listener);

  /** Receives the room's messages; completes once every message stored afterwards is sure to arrive. */
  Future<Void> join(String roomId);

  /** Completes when the server acknowledges the message, after storing it. */
  Future<Void> send(String roomId, String content);

  /** Keeps the connection alive (and, in Parley, its presence). */
  void heartbeat();

  Future<Void> close();
}
