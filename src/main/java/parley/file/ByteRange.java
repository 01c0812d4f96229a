package parley.file;

import parley.bus.ApiError;

/** One {@code Range: bytes=…} of a file: first byte and length. Several ranges are not served; the whole file is. */
record ByteRange(long start, long length) {

  /**
   * The range asked for, or null to serve the whole file (no header, or one this server does not serve);
   * {@code range_not_satisfiable} when it starts past the end.
   */
  static ByteRange parse(String header, long size) {
    if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
      return null;
    }
    String spec = header.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      String first = spec.substring(0, dash).trim();
      String last = spec.substring(dash + 1).trim();
      if (first.isEmpty()) {
        long suffix = Long.parseLong(last);
        if (suffix <= 0 || size == 0) {
          throw ApiError.RANGE_NOT_SATISFIABLE.exception();
        }
        return new ByteRange(Math.max(0, size - suffix), Math.min(suffix, size));
      }
      long start = Long.parseLong(first);
      long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
      if (start >= size) {
        throw ApiError.RANGE_NOT_SATISFIABLE.exception();
      }
      return end < start ? null : new ByteRange(start, end - start + 1);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  String contentRange(long size) {
    return "bytes " + start + "-" + (start + length - 1) + "/" + size;
  }
}
