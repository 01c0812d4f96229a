const NAME = 'ParleyWidget';

/**
 * The host page's `window.ParleyWidget = {getToken}`, set before widget.js runs or at any time after: until it is
 * set, a setter on `window` waits for it, and then gives way to the object itself, as if it had always been there.
 */
export function hostConfig() {
  const given = window[NAME];
  if (usable(given)) {
    return Promise.resolve(given);
  }
  return new Promise(resolve => {
    let held = given;
    Object.defineProperty(window, NAME, {
      configurable: true,
      enumerable: true,
      get: () => held,
      set: value => {
        held = value;
        if (usable(value)) {
          Object.defineProperty(window, NAME, {configurable: true, enumerable: true, writable: true, value});
          resolve(value);
        }
      },
    });
  });
}

function usable(config) {
  return typeof config?.getToken === 'function';
}
