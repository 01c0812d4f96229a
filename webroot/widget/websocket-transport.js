const decoder = new TextDecoder();

/**
 * What the event-bus client needs of SockJS (`onopen`, `onmessage`, `onclose`, `send`, `close`), over a plain
 * WebSocket to the bridge's raw endpoint, `/eventbus/websocket`. The widget connects this way because SockJS, on a
 * page of another origin, asks `/eventbus/info` with credentials, which only `Access-Control-Allow-Credentials`
 * would let through; a WebSocket needs no CORS at all, and the server checks its Origin and token. The server sends
 * each frame as UTF-8 in a binary message; the client wants text.
 */
export class WebSocketTransport {
  constructor(url) {
    const address = new URL(url);
    address.protocol = address.protocol === 'https:' ? 'wss:' : 'ws:';
    address.pathname = `${address.pathname.replace(/\/$/, '')}/websocket`;
    this.socket = new WebSocket(address);
    this.socket.binaryType = 'arraybuffer';
    this.socket.onopen = () => this.onopen?.();
    this.socket.onclose = event => this.onclose?.(event);
    this.socket.onmessage = event => this.onmessage?.({
      data: typeof event.data === 'string' ? event.data : decoder.decode(event.data),
    });
  }

  send(text) {
    this.socket.send(text);
  }

  close() {
    this.socket.close();
  }
}
