/**
 * The one place that says what a draft is: a room's unsent message as the composer holds it, kept across room
 * switches and reloads. `text` as typed; `replyTo` the quote (see quotes.js) of the message it answers, or null;
 * `files` the uploaded files it carries, as `POST /api/files` answered them (the draft restores their chips). Files
 * still uploading are not in it yet: they join the draft of their room once up.
 */
export const EMPTY_DRAFT = Object.freeze({text: '', replyTo: null, files: []});

// The server removes a file nobody attached within 24 hours of its upload: a draft lets go of it a little before.
const FILE_KEPT_MS = 23 * 60 * 60 * 1000;

export function isEmptyDraft(draft) {
  return !draft.text.trim() && !draft.replyTo && !draft.files.length;
}

/** A room's draft by its id, kept in a StorageArea (see user-storage.js); an empty draft is not kept at all. */
export class Drafts {
  constructor(area) {
    this.area = area;
  }

  get(roomId) {
    const kept = this.area.get(roomId);
    if (!kept) {
      return EMPTY_DRAFT;
    }
    const files = (kept.files ?? []).filter(file => Date.now() - file.keptSince < FILE_KEPT_MS);
    return {...EMPTY_DRAFT, ...kept, files};
  }

  put(roomId, {text, replyTo, files}) {
    const since = new Map(this.get(roomId).files.map(file => [file.id, file.keptSince]));
    const draft = {text, replyTo: replyTo ?? null,
      files: (files ?? []).map(file => ({...file, keptSince: since.get(file.id) ?? file.keptSince ?? Date.now()}))};
    if (isEmptyDraft(draft)) {
      this.area.remove(roomId);
    } else {
      this.area.set(roomId, draft);
    }
  }
}
