/**
 * Changing stored messages: `chat.edit`, `chat.delete`, `chat.react`, `poll.vote`, `poll.close`. Each answers the message's resulting state,
 * which goes into the store at once (the room's event with the same state follows and changes nothing more).
 * Failures reject with the ApiError, for the caller to put in words.
 */
export class MessageChanges {
  constructor(store, connection) {
    this.store = store;
    this.connection = connection;
  }

  edit(roomId, messageId, content) {
    return this.apply(roomId, this.connection.request('chat.edit', {messageId, content}));
  }

  remove(roomId, messageId) {
    return this.apply(roomId, this.connection.request('chat.delete', {messageId}));
  }

  react(roomId, messageId, emoji, on) {
    return this.apply(roomId, this.connection.request('chat.react', {messageId, emoji, on}));
  }

  vote(roomId, messageId, optionIds) {
    return this.apply(roomId, this.connection.request('poll.vote', {messageId, optionIds}));
  }

  closePoll(roomId, messageId) {
    return this.apply(roomId, this.connection.request('poll.close', {messageId}));
  }

  async apply(roomId, request) {
    const {message} = await request;
    this.store.addMessages(roomId, [message], {fresh: true});
    return message;
  }
}
