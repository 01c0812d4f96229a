package parley.identity;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One {@code T} (a token verifier, a sign-in client) per identity provider, made when first needed and kept by the
 * event loop that owns it. A provider is its settings whole, so a tenant whose settings changed gets a new one; the
 * old is forgotten with the rest once too many were made.
 */
public final class PerProvider<T> {

  private static final int MAX_KEPT = 1_000;

  private final Map<IdentityProvider, T> made = new HashMap<>();
  private final Function<IdentityProvider, T> make;

  public PerProvider(Function<IdentityProvider, T> make) {
    this.make = make;
  }

  public T of(IdentityProvider provider) {
    T known = made.get(provider);
    if (known != null) {
      return known;
    }
    if (made.size() >= MAX_KEPT) {
      made.clear();
    }
    T fresh = make.apply(provider);
    made.put(provider, fresh);
    return fresh;
  }
}
