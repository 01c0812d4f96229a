import {eventBusWith} from '../vendor/vertx-eventbus-1.0.0.module.js';
import {api, useToken} from '../js/api.js';
import {Chat} from '../js/chat.js';
import {Connection} from '../js/connection.js';
import {wordsFor} from '../js/errors.js';
import {Store} from '../js/store.js';
import {el} from '../js/dom.js';
import {hostConfig} from './host-config.js';
import {mountSession} from './session-views.js';
import {HostToken} from './host-token.js';
import {WebSocketTransport} from './websocket-transport.js';
import {WidgetFrame} from './widget-frame.js';

const WidgetEventBus = eventBusWith(WebSocketTransport);

let started = false;

/**
 * The widget on a host page, run by widget.js with Parley's origin. It signs in with the host's token (REST as
 * Bearer, the bridge as `?token=`, never a cookie) and then is the web app's chat logic with views of its own:
 * the same Store, Chat, Connection, sync and unread counting, so the same guarantees. When the server turns the token
 * down, the host's getToken is asked again and the same person carries on where they were.
 */
export async function startWidget(origin) {
  // A page that includes widget.js twice runs this module once, and gets one widget.
  if (started) {
    return;
  }
  started = true;
  const config = await hostConfig();
  const token = new HostToken(() => config.getToken());
  useToken(origin, token);
  if (!document.body) {
    await new Promise(resolve => document.addEventListener('DOMContentLoaded', resolve, {once: true}));
  }
  const frame = new WidgetFrame(origin);
  const widget = {origin, token, frame, session: null};
  token.addEventListener('renewed', () => handOver(widget));
  document.addEventListener('visibilitychange', () => widget.session?.store.setPageVisible(document.visibilityState === 'visible'));
  await signIn(widget);
}

async function signIn(widget) {
  const {frame} = widget;
  frame.show('Chat', el('p', {className: 'panel-message'}, 'Signing in…'));
  let me = null;
  let rooms = null;
  try {
    me = await api.me();
    rooms = me && await api.rooms();
  } catch (error) {
    showProblem(widget, wordsFor(error));
    return;
  }
  if (!me) {
    showProblem(widget, 'Chat could not sign you in.');
    return;
  }
  const store = new Store();
  store.me = me;
  store.setRooms(rooms);
  const connection = new Connection(() => `${widget.origin}/eventbus?token=${encodeURIComponent(widget.token.value)}`,
    {eventBus: WidgetEventBus});
  const chat = new Chat(store, connection);
  const session = {store, connection, chat};
  session.unmount = mountSession(frame, session);
  widget.session = session;
  chat.addEventListener('signed-out', () => signedInAgain(widget, session));
  chat.start();
  // For the browser tests and for a look from the host page's console.
  frame.host.parley = Object.freeze({store, connection, chat, token: widget.token});
}

/** The token stopped working: the host is asked for another, and the same person carries on (with a catch-up sync). */
async function signedInAgain(widget, session) {
  let me;
  try {
    me = await api.me();
  } catch {
    me = null;
  }
  if (me && me.id === session.store.me.id && widget.session === session) {
    session.chat.resume();
  } else if (widget.session === session) {
    // Someone else, or nobody: this session's views go, and a new sign-in starts from scratch.
    session.unmount();
    widget.session = null;
    await signIn(widget);
  }
}

/**
 * A new token from the host: an open connection takes it over (`auth.token`), so that it follows the new token's
 * session and permissions without reconnecting; one waiting to retry tries it at once. A connection that refuses it
 * keeps its own: whoever the new token names is the REST side's to find out (signedInAgain).
 */
function handOver(widget) {
  const connection = widget.session?.connection;
  if (connection?.busOpen()) {
    connection.request('auth.token', {token: widget.token.value})
      .catch(error => console.warn('Parley widget: the connection kept its token:', error.slug ?? error));
  } else {
    connection?.reconnectNow();
  }
}

function showProblem(widget, text) {
  const {frame} = widget;
  const retry = el('button', {type: 'button', className: 'button primary'}, 'Try again');
  retry.addEventListener('click', () => {
    retry.disabled = true;
    signIn(widget);
  });
  frame.show('Chat', el('div', {className: 'panel-message'}, el('p', {role: 'alert'}, text), retry));
  frame.setUnread(0);
}
