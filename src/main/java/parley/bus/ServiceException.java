package parley.bus;

/** A failure with a known meaning, carried through future chains until it becomes a reply or an HTTP answer. */
public final class ServiceException extends RuntimeException {

  public final ApiError error;

  public ServiceException(ApiError error) {
    super(error.slug, null, false, false);
    this.error = error;
  }
}
