/** How much of the original a reply quotes, as the server cuts it (characters, not UTF-16 units). */
export const QUOTE_LENGTH = 140;

/** A message with files but no text is quoted by its first file's name. */
function previewText(message) {
  return message.content === '' && message.attachments?.length ? `\u{1F4CE} ${message.attachments[0].name}` : message.content;
}

/** The quote a reply to `message` carries: {id, seq, author, preview, deleted}, as the server builds it. */
export function quoteOf(message) {
  return {
    id: message.id,
    seq: message.seq,
    author: message.author,
    preview: message.deleted ? '' : [...previewText(message)].slice(0, QUOTE_LENGTH).join(''),
    deleted: Boolean(message.deleted),
  };
}

/**
 * The server does not send replies again when the message they quote changes: the replies held here take the
 * original's new state themselves (replaced, not changed in place, so their rows are rebuilt).
 */
export function patchQuotes(state, original) {
  const quote = quoteOf(original);
  let patched = false;
  for (const [seq, message] of state.messages) {
    const old = message.replyTo;
    if (old && old.id === original.id && (old.preview !== quote.preview || old.deleted !== quote.deleted
      || old.author?.displayName !== quote.author.displayName)) {
      state.messages.set(seq, {...message, replyTo: {...old, ...quote}});
      patched = true;
    }
  }
  if (patched) {
    state.sorted = null;
  }
  return patched;
}

/**
 * A reply as it should show: when the original is held, its quote comes from that copy, so a reply that arrives
 * after a change of the original (events can arrive out of order) does not bring back the old text.
 */
export function withHeldQuote(state, message) {
  const original = message.replyTo && state.messages.get(message.replyTo.seq);
  return original && original.id === message.replyTo.id ? {...message, replyTo: {...message.replyTo, ...quoteOf(original)}} : message;
}
