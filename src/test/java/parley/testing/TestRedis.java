package parley.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A redis-server of a test's own on a free port, so that stopping it disturbs nobody else's. It saves nothing:
 * started again, it has forgotten everything, as a Redis without persistence does after a restart.
 */
public final class TestRedis implements AutoCloseable {

  public final int port;
  private Process process;

  private TestRedis(int port) {
    this.port = port;
  }

  public static TestRedis start() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    TestRedis redis = new TestRedis(port);
    redis.startAgain();
    return redis;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Kills it, as a crash would: whatever it held is gone. */
  public void stop() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Starts it again after {@link #stop()}, empty, on the same port; returns once it accepts connections. */
  public void startAgain() throws Exception {
    process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
      "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("redis-server did not start on port " + port);
        }
        Thread.sleep(50);
      }
    }
  }

  /** Makes it refuse every write, as a Redis short of replicas does, while it keeps its data and answers reads; or stop. */
  public void refuseWrites(boolean refuse) throws Exception {
    Process cli = new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "config", "set", "min-replicas-to-write",
      refuse ? "1" : "0").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (cli.waitFor() != 0) {
      throw new IllegalStateException("redis-cli config set failed");
    }
  }

  public void restart() throws Exception {
    stop();
    startAgain();
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroyForcibly();
    }
  }
}
