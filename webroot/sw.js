/*
 * Parley's service worker: push notifications, nothing else (it answers no fetches and caches nothing). Served from
 * the root so that its scope is the whole app. The logic is in sw-notifications.js, where a test can reach it.
 */
importScripts('/sw-notifications.js');

const {notificationFor, openApp} = self.parleyNotifications;

// It holds no caches that an older page could depend on, so a new version may take over at once; claiming the open
// pages lets a notification click navigate them.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));

self.addEventListener('push', event => {
  const {title, options} = notificationFor(event.data ? event.data.text() : '', self.location.origin);
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', event => {
  event.notification.close();
  event.waitUntil(openApp(self.clients, event.notification.data?.url || `${self.location.origin}/`));
});
