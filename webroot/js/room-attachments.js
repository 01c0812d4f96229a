import {Attachments} from './uploads.js';

/**
 * The files of each room's next message: one Attachments per room, so that a file still uploading when one switches
 * rooms keeps going and stays with the room it was picked in. A room's first use starts from the files its draft
 * kept (`keptFiles(roomId)`). Event: `change` (detail: {roomId}) whenever a room's files change.
 */
export class RoomAttachments extends EventTarget {
  constructor(maxBytes, keptFiles) {
    super();
    this.maxBytes = maxBytes;
    this.keptFiles = keptFiles;
    this.rooms = new Map();
  }

  of(roomId) {
    let attachments = this.rooms.get(roomId);
    if (!attachments) {
      attachments = new Attachments(this.maxBytes);
      attachments.restore(this.keptFiles(roomId));
      attachments.addEventListener('change', () => this.dispatchEvent(new CustomEvent('change', {detail: {roomId}})));
      this.rooms.set(roomId, attachments);
    }
    return attachments;
  }

  /** Whether the room has files picked in this page, uploaded or not. */
  has(roomId) {
    return this.rooms.has(roomId);
  }
}
