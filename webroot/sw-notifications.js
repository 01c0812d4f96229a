/*
 * What the service worker (sw.js) does with a push and with a click on its notification, as plain functions of
 * their inputs, so that a page can run them too (PushInBrowserTest does, with a fake `clients`). A classic script
 * that sets `self.parleyNotifications`, not a module: importScripts works in the service workers of every browser
 * with Web Push, `register(…, {type: 'module'})` not in Firefox before 147 (its 140 ESR included).
 */
self.parleyNotifications = (() => {
  const ICON = '/icons/parley-192.png';
  const FALLBACK_TITLE = 'Parley';
  const FALLBACK_BODY = 'Something new is waiting for you.';

  /**
   * The notification for a push, from its data as text (the server's JSON payload, already decrypted):
   * `{title, options}` for `registration.showNotification`. Data that is missing or not understood still shows
   * something, since a push that shows nothing is what browsers punish (userVisibleOnly).
   */
  function notificationFor(text, origin) {
    const payload = parsed(text);
    const title = nonEmpty(payload.title) || FALLBACK_TITLE;
    const body = typeof payload.body === 'string' ? payload.body : (nonEmpty(payload.title) ? '' : FALLBACK_BODY);
    return {
      title,
      options: {
        body,
        icon: ICON,
        badge: ICON,
        // The same item sent twice (a retry) replaces its notification instead of stacking a second one.
        tag: nonEmpty(payload.tag) || '',
        data: {url: appUrl(payload.url, origin)},
      },
    };
  }

  /** An absolute URL of this app to open; anything else (another site, garbage) becomes the app's start page. */
  function appUrl(url, origin) {
    if (typeof url === 'string' && url) {
      try {
        const target = new URL(url, origin);
        if (target.origin === origin) {
          return target.href;
        }
      } catch {
        // not a URL: the start page below
      }
    }
    return `${origin}/`;
  }

  /** The app's window to reuse, among a worker's window clients: the focused one, else a visible one, else any. */
  function appWindow(windows, origin) {
    const app = windows.filter(client => {
      const url = new URL(client.url);
      return url.origin === origin && (url.pathname === '/' || url.pathname === '/index.html');
    });
    return app.find(client => client.focused) || app.find(client => client.visibilityState === 'visible') || app[0] || null;
  }

  /** After a click: the app's open window, focused and showing `url`, or a new window there. */
  async function openApp(clients, url) {
    const origin = new URL(url).origin;
    const windows = await clients.matchAll({type: 'window', includeUncontrolled: true});
    const app = appWindow(windows, origin);
    if (!app) {
      return clients.openWindow(url);
    }
    // Focus first: a worker may bring a window forward only in the moments right after the click.
    const focused = await app.focus().catch(() => app);
    if (focused.url === url) {
      return focused;
    }
    try {
      // The app routes on the fragment (#/room/5), so this is a same-document navigation: no reload.
      return (await focused.navigate(url)) || focused;
    } catch {
      // navigate() refuses a window this worker does not control (one opened with Shift+Reload, say).
      return clients.openWindow(url);
    }
  }

  function parsed(text) {
    try {
      const value = JSON.parse(text);
      return value && typeof value === 'object' ? value : {};
    } catch {
      return {};
    }
  }

  function nonEmpty(value) {
    return typeof value === 'string' && value.trim() ? value : null;
  }

  return Object.freeze({notificationFor, appUrl, appWindow, openApp});
})();
