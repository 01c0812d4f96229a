import {newClientMsgId} from './client-msg-id.js';
import {wordsFor} from './errors.js';

/** Pauses before sending again a message the server answered `unavailable`. */
const RETRY_UNAVAILABLE_MS = [250, 1000, 3000];
/** The connection failed, not the server: the message waits for the next open, with the same clientMsgId. */
const NOT_ANSWERED = new Set(['offline', 'disconnected', 'timeout']);

/**
 * Messages on their way out. Each shows at once as pending; it becomes the stored message when that arrives (the
 * store matches them by clientMsgId), or stays as failed, with the reason in words, until retried.
 *
 * They go one at a time, in the order written, each after the server answered the one before: requests in flight
 * together may be stored in another order. With `waitForConnection`, one written or cut off while the connection is
 * down waits as pending (`queued`) and goes by itself once it is back; only a refusal by the server makes it fail.
 * `saved` (a StorageArea, see user-storage.js) keeps those still to go across a reload.
 */
export class Outbox {
  /** `onPrivateAnswer(roomId, clientMsgId, command, text)` shows what a slash command answered to the sender alone. */
  constructor(store, connection, onPrivateAnswer, {waitForConnection = false, saved = null} = {}) {
    this.store = store;
    this.connection = connection;
    this.onPrivateAnswer = onPrivateAnswer;
    this.waitForConnection = waitForConnection;
    this.saved = saved;
    this.queue = [];
    this.pumping = false;
    connection.addEventListener('open', () => this.pump());
    this.restore();
  }

  /**
   * `replyTo`: the quote of the message answered (shown on the pending row), or null. `attachments`: the files
   * uploaded for it, as `POST /api/files` answered them (the pending row shows them already).
   */
  send(roomId, content, replyTo = null, attachments = []) {
    this.enqueue(roomId, {clientMsgId: newClientMsgId(), content, replyTo, attachments, state: 'sending', error: null,
      createdAt: new Date().toISOString()});
  }

  /** Sends again with the same clientMsgId, so a message that did reach the server is not stored twice. */
  retry(roomId, clientMsgId) {
    const pending = this.store.room(roomId)?.pending.get(clientMsgId);
    if (pending?.state === 'failed') {
      this.enqueue(roomId, pending);
    }
  }

  enqueue(roomId, pending) {
    const waiting = {...pending, state: this.waitForConnection && !this.connection.busOpen() ? 'queued' : 'sending', error: null};
    this.store.setPending(roomId, waiting);
    this.queue.push({roomId, clientMsgId: pending.clientMsgId});
    this.saved?.set(pending.clientMsgId, {roomId, pending: waiting});
    this.pump();
  }

  /** What a reload left waiting, in the order written; for rooms one is no longer in, nothing. */
  restore() {
    const kept = (this.saved?.values() ?? []).sort((a, b) => a.pending.createdAt.localeCompare(b.pending.createdAt));
    for (const {roomId, pending} of kept) {
      if (this.store.room(roomId)) {
        this.enqueue(roomId, pending);
      } else {
        this.saved.remove(pending.clientMsgId);
      }
    }
  }

  async pump() {
    if (this.pumping) {
      return;
    }
    this.pumping = true;
    try {
      // busOpen, not the state: while a socket closes, a request fails at once, and this loop must not spin on it.
      while (this.queue.length && (this.connection.busOpen() || !this.waitForConnection)) {
        const {roomId, clientMsgId} = this.queue[0];
        // Gone already: a sync brought the stored message, or the room went.
        const pending = this.store.room(roomId)?.pending.get(clientMsgId);
        if (pending && !await this.deliver(roomId, pending)) {
          continue;
        }
        this.queue.shift();
        this.saved?.remove(clientMsgId);
      }
    } finally {
      this.pumping = false;
    }
  }

  /**
   * `unavailable` means the request reached no service that could answer (say, a node of a cluster that just died):
   * the same request, with its clientMsgId, is tried again a few times before the message shows as failed.
   */
  async sendPatiently(request) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.connection.request('chat.send', request);
      } catch (error) {
        if (error.slug !== 'unavailable' || attempt >= RETRY_UNAVAILABLE_MS.length) {
          throw error;
        }
        await new Promise(resolve => setTimeout(resolve, RETRY_UNAVAILABLE_MS[attempt]));
      }
    }
  }

  /** Answers false when the message is to go again later: it had no answer and waits for the connection. */
  async deliver(roomId, pending) {
    if (pending.state !== 'sending') {
      // Only when it changes: a row drawn again for nothing is rebuilt.
      this.show(roomId, pending, 'sending');
    }
    try {
      const reply = await this.sendPatiently(requestFor(roomId, pending));
      if (reply.ephemeral) {
        this.store.dropPending(roomId, pending.clientMsgId);
        this.onPrivateAnswer(roomId, pending.clientMsgId, reply.command, reply.text);
      } else {
        this.store.addMessages(roomId, [reply.message], {fresh: true});
      }
      return true;
    } catch (error) {
      if (this.waitForConnection && NOT_ANSWERED.has(error.slug)) {
        this.show(roomId, pending, 'queued');
        return false;
      }
      this.show(roomId, pending, 'failed', wordsFor(error));
      return true;
    }
  }

  show(roomId, pending, state, error = null) {
    if (this.store.room(roomId)?.pending.has(pending.clientMsgId)) {
      this.store.setPending(roomId, {...pending, state, error});
    }
  }
}

function requestFor(roomId, pending) {
  const request = {roomId, clientMsgId: pending.clientMsgId};
  if (pending.content || !pending.attachments.length) {
    request.content = pending.content;
  }
  if (pending.replyTo) {
    request.replyTo = pending.replyTo.id;
  }
  if (pending.attachments.length) {
    request.attachments = pending.attachments.map(file => file.id);
  }
  return request;
}
