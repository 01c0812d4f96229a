import {newClientMsgId} from './client-msg-id.js';
import {wordsFor} from './errors.js';

/** Pauses before sending again a message the server answered `unavailable`. */
const RETRY_UNAVAILABLE_MS = [250, 1000, 3000];

/**
 * Messages on their way out. Each shows at once as pending; it becomes the stored message when that arrives (the
 * store matches them by clientMsgId), or stays as failed, with the reason in words, until retried.
 */
export class Outbox {
  /** `onPrivateAnswer(roomId, clientMsgId, command, text)` shows what a slash command answered to the sender alone. */
  constructor(store, connection, onPrivateAnswer) {
    this.store = store;
    this.connection = connection;
    this.onPrivateAnswer = onPrivateAnswer;
  }

  /**
   * `replyTo`: the quote of the message answered (shown on the pending row), or null. `attachments`: the files
   * uploaded for it, as `POST /api/files` answered them (the pending row shows them already).
   */
  send(roomId, content, replyTo = null, attachments = []) {
    const pending = {clientMsgId: newClientMsgId(), content, replyTo, attachments, state: 'sending', error: null,
      createdAt: new Date().toISOString()};
    this.store.setPending(roomId, pending);
    this.deliver(roomId, pending);
  }

  /** Sends again with the same clientMsgId, so a message that did reach the server is not stored twice. */
  retry(roomId, clientMsgId) {
    const pending = this.store.room(roomId)?.pending.get(clientMsgId);
    if (pending) {
      const again = {...pending, state: 'sending', error: null};
      this.store.setPending(roomId, again);
      this.deliver(roomId, again);
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

  async deliver(roomId, pending) {
    try {
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
      const reply = await this.sendPatiently(request);
      if (reply.ephemeral) {
        this.store.dropPending(roomId, pending.clientMsgId);
        this.onPrivateAnswer(roomId, pending.clientMsgId, reply.command, reply.text);
      } else {
        this.store.addMessages(roomId, [reply.message], {fresh: true});
      }
    } catch (error) {
      const state = this.store.room(roomId);
      if (state && state.pending.has(pending.clientMsgId)) {
        this.store.setPending(roomId, {...pending, state: 'failed', error: wordsFor(error)});
      }
    }
  }
}
