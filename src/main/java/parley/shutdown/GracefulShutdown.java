package parley.shutdown;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import parley.db.EmbeddedDatabase;
import parley.log.LogFormat;

import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What SIGTERM runs (how Heroku, Render and Kubernetes stop a process), in the order that loses nothing: the node
 * is marked {@link Draining}, and goes on serving for the drain (SHUTDOWN_DRAIN_SECONDS) while load balancers see
 * its readiness fail and send new clients elsewhere; the verticles stop in the reverse order of their start, so the HTTP verticle goes
 * first (no new connections, the requests it has answered, bridge clients told to reconnect) while every service
 * is still there to answer, and the services follow, each finishing its work and giving back its pool connections;
 * then Vert.x closes; and only then does the embedded PostgreSQL stop, when no session of the pool is left for it
 * to cut off.
 */
public final class GracefulShutdown {

  /** Beyond the grace: for the services, Vert.x and PostgreSQL to stop once the HTTP verticle has. */
  private static final Duration AFTER_GRACE = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final Duration drain;
  private final Duration grace;
  /** Newest first: the order they are stopped in. */
  private final Deque<String> deployments = new ConcurrentLinkedDeque<>();
  private volatile EmbeddedDatabase database;

  public GracefulShutdown(Vertx vertx, Duration drain, Duration grace) {
    this.vertx = vertx;
    this.drain = drain;
    this.grace = grace;
  }

  /** Called in the order of the start; the last deployed stops first. */
  public void deployed(String deploymentId) {
    deployments.push(deploymentId);
  }

  /** The embedded PostgreSQL, stopped after everything else; until it is given, there is none to stop. */
  public void stopsLast(EmbeddedDatabase embedded) {
    database = embedded;
  }

  /** Blocking, for the JVM's shutdown hook. Logs go to stderr: java.util.logging closes its handlers in a hook of its own. */
  public void run() {
    long started = System.currentTimeMillis();
    long deadline = started + drain.plus(grace).plus(AFTER_GRACE).toMillis();
    Draining.of(vertx).begin();
    try {
      if (!drain.isZero()) {
        say(System.Logger.Level.INFO, "Parley is stopping: not ready, still serving for " + drain.toSeconds() + " s");
        Thread.sleep(drain.toMillis());
      }
      say(System.Logger.Level.INFO, "Parley is stopping: finishing the requests it has (at most " + grace.toSeconds() + " s)");
      for (String deployment : List.copyOf(deployments)) {
        await(vertx.undeploy(deployment).otherwiseEmpty(), deadline);
      }
      await(vertx.close(), deadline);
    } catch (TimeoutException e) {
      say(System.Logger.Level.WARNING, "Parley did not stop within " + (deadline - started) / 1000 + " s; stopping what is left");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RejectedExecutionException alreadyClosed) {
      // Vert.x was closed before (a start that failed): none of it is left to stop.
    } finally {
      stopDatabase();
    }
    say(System.Logger.Level.INFO, "Parley stopped in " + (System.currentTimeMillis() - started) + " ms");
  }

  private static void await(Future<?> step, long deadline) throws TimeoutException {
    step.await(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
  }

  private void stopDatabase() {
    EmbeddedDatabase embedded = database;
    if (embedded == null) {
      return;
    }
    try {
      embedded.close();
    } catch (Exception e) {
      say(System.Logger.Level.WARNING, "The embedded PostgreSQL did not stop cleanly: " + e.getMessage());
    }
  }

  private static void say(System.Logger.Level level, String message) {
    LogFormat.printDirect(level, GracefulShutdown.class, message);
  }
}
