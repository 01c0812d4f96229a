const MUTED_KEY = 'parley.muted';
const QUIET_BETWEEN_MS = 1500;
// Two soft sine notes, a fifth apart: short enough not to annoy, distinct enough to notice.
const NOTES = [{hz: 880, at: 0}, {hz: 1318.5, at: 0.11}];
const NOTE_SECONDS = 0.16;
const VOLUME = 0.12;

/**
 * The notification chime, synthesised with the Web Audio API (no sound file to fetch), and the mute setting,
 * kept in localStorage so it survives reloads. `chimes` counts the chimes asked for while not muted.
 */
export class Sound extends EventTarget {
  constructor(storage = safeStorage()) {
    super();
    this.storage = storage;
    this.muted = storage?.getItem(MUTED_KEY) === 'true';
    this.context = null;
    this.lastChimeAt = 0;
    this.chimes = 0;
  }

  setMuted(muted) {
    this.muted = muted;
    try {
      this.storage?.setItem(MUTED_KEY, String(muted));
    } catch {
      // Storage full or forbidden: the setting lasts for this page only.
    }
    this.dispatchEvent(new Event('change'));
  }

  /** Browsers only let a page start audio after the person has interacted with it; call this from such an event. */
  unlock() {
    const context = this.audioContext();
    if (context && context.state === 'suspended') {
      context.resume().catch(() => {});
    }
  }

  chime() {
    const now = Date.now();
    if (this.muted || now - this.lastChimeAt < QUIET_BETWEEN_MS) {
      return;
    }
    this.lastChimeAt = now;
    this.chimes++;
    // Only a context created by unlock() may play; one made now would just be refused (and warned about).
    const context = this.context;
    if (!context || context.state !== 'running') {
      return;
    }
    const start = context.currentTime;
    for (const note of NOTES) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = note.hz;
      gain.gain.setValueAtTime(0.0001, start + note.at);
      gain.gain.exponentialRampToValueAtTime(VOLUME, start + note.at + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + note.at + NOTE_SECONDS);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + note.at);
      oscillator.stop(start + note.at + NOTE_SECONDS + 0.02);
    }
  }

  audioContext() {
    if (!this.context && typeof AudioContext === 'function') {
      try {
        this.context = new AudioContext();
      } catch {
        return null;
      }
    }
    return this.context;
  }
}

function safeStorage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
