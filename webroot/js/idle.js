const IDLE_AFTER_MS = 5 * 60_000;
/** Seconds; set by browser tests (and by anyone curious) to see idleness without waiting five minutes. */
const IDLE_AFTER_KEY = 'parley.idleAfterSeconds';
const INPUT = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'];

/**
 * Whether the person is away from this page: no keyboard or pointer input and no return to the window or tab for
 * five minutes. A hidden page gets no input, so a page hidden that long is idle too. Input only notes the time;
 * the one timer, when it fires early, waits out the rest, so a moving mouse costs an assignment per event.
 *
 * Event: `change` when `idle` flips.
 */
export class IdleWatch extends EventTarget {
  constructor(afterMs = idleAfterMs()) {
    super();
    this.afterMs = afterMs;
    this.idle = false;
    this.lastInput = Date.now();
    this.timer = null;
    const active = () => this.active();
    INPUT.forEach(type => document.addEventListener(type, active, {capture: true, passive: true}));
    window.addEventListener('focus', active);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        active();
      }
    });
    this.wait(afterMs);
  }

  active() {
    this.lastInput = Date.now();
    if (this.idle) {
      this.flip(false);
      this.wait(this.afterMs);
    }
  }

  wait(ms) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), ms);
  }

  check() {
    const quiet = Date.now() - this.lastInput;
    if (quiet >= this.afterMs) {
      this.flip(true);
    } else {
      this.wait(this.afterMs - quiet);
    }
  }

  flip(idle) {
    this.idle = idle;
    this.dispatchEvent(new Event('change'));
  }
}

function idleAfterMs() {
  try {
    const seconds = Number(localStorage.getItem(IDLE_AFTER_KEY));
    return seconds > 0 ? seconds * 1000 : IDLE_AFTER_MS;
  } catch {
    return IDLE_AFTER_MS;
  }
}
