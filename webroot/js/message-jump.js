import {api} from './api.js';
import {roomHash} from './message-links.js';

/**
 * Opens a room at one message: the history around it is loaded in place of the room's window (see
 * `Chat.loadAround`), the room opened, the message scrolled into view and marked a moment. From a search result
 * (which knows the message's seq) or a permalink (which names only its id, so its seq is asked of the server
 * first). Only the latest jump shows: one asked for earlier and answered later is dropped.
 */
export class MessageJump {
  constructor({store, chat, messages}) {
    this.store = store;
    this.chat = chat;
    this.messages = messages;
    this.jumps = 0;
  }

  /** Answers whether the message is now shown. */
  async toSeq(roomId, seq) {
    const jump = ++this.jumps;
    const state = this.store.room(roomId);
    if (!state) {
      return false;
    }
    this.open(roomId);
    if (!state.messages.has(seq) && !await this.chat.loadAround(roomId, seq, () => jump === this.jumps)) {
      return false;
    }
    return jump === this.jumps && this.store.currentRoomId === String(roomId) && this.messages.reveal(seq);
  }

  /** Answers whether the message is now shown; false when the room does not have it (or it is too far back). */
  async toId(roomId, messageId) {
    const jump = ++this.jumps;
    if (!this.store.room(roomId)) {
      return false;
    }
    this.open(roomId);
    const seq = await this.findSeq(roomId, messageId);
    return seq !== null && jump === this.jumps && this.toSeq(roomId, seq);
  }

  open(roomId) {
    if (location.hash !== roomHash(roomId)) {
      history.pushState(null, '', roomHash(roomId));
    }
    if (this.store.currentRoomId !== String(roomId)) {
      this.store.setCurrent(String(roomId));
    }
  }

  /** The seq of a message of the room, held or asked of the server; null when the room has no such message. */
  async findSeq(roomId, messageId) {
    const held = this.store.room(roomId).sortedMessages().find(message => message.id === messageId);
    if (held) {
      return held.seq;
    }
    try {
      return (await api.message(roomId, messageId)).message.seq;
    } catch {
      return null;
    }
  }
}
