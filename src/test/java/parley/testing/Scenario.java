package parley.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Names the browser test running on this thread, so that every {@link Browser} it opens leaves a screenshot of
 * its last state under target/screenshots when it closes: {@code <Class>.<method>-<n>-last.png}.
 */
public final class Scenario implements BeforeEachCallback, AfterEachCallback {

  private static final ThreadLocal<String> NAME = new ThreadLocal<>();
  private static final ThreadLocal<Integer> BROWSERS = ThreadLocal.withInitial(() -> 0);

  @Override
  public void beforeEach(ExtensionContext context) {
    NAME.set(context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName());
    BROWSERS.set(0);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    NAME.remove();
  }

  static String current() {
    return NAME.get();
  }

  static int nextBrowserNumber() {
    BROWSERS.set(BROWSERS.get() + 1);
    return BROWSERS.get();
  }
}
