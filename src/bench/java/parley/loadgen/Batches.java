package parley.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Runs {@code count} asynchronous steps with at most {@code parallel} under way, answering their results in order. */
final class Batches {

  private Batches() {
  }

  static <T> Future<List<T>> run(int count, int parallel, IntFunction<Future<T>> step) {
    List<T> results = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(count, null)));
    Promise<List<T>> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    if (count == 0) {
      return Future.succeededFuture(results);
    }
    Runnable[] start = new Runnable[1];
    start[0] = () -> {
      int index = next.getAndIncrement();
      if (index >= count) {
        return;
      }
      step.apply(index).onComplete(result -> {
        if (result.failed()) {
          done.tryFail(new IllegalStateException("step " + index + " failed: " + result.cause().getMessage(), result.cause()));
          return;
        }
        results.set(index, result.result());
        if (finished.incrementAndGet() == count) {
          done.tryComplete(results);
        } else {
          start[0].run();
        }
      });
    };
    for (int i = 0; i < Math.min(parallel, count); i++) {
      start[0].run();
    }
    return done.future();
  }
}
