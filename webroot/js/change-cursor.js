/**
 * Where a room's sync continues: the highest change number such that every change up to it has been seen. Changes
 * heard live beyond a missing one are kept "ahead" until the missing one arrives (live, or from a sync), so a hole
 * is never skipped over.
 */
export class ChangeCursor {
  constructor(value = 0) {
    this.value = value;
    this.ahead = new Set();
  }

  /** Whether change `number` is already reflected here. */
  covers(number) {
    return number <= this.value || this.ahead.has(number);
  }

  /** A live event's change number. */
  see(number) {
    if (!this.covers(number)) {
      this.ahead.add(number);
      this.absorb();
    }
  }

  /** Every change up to `number` is known (a sync reply's cursor); never goes backwards. */
  advanceTo(number) {
    if (number > this.value) {
      this.value = number;
      this.absorb();
    }
  }

  /** A change number above the cursor was seen while one below it was not. */
  get hasGap() {
    return this.ahead.size > 0;
  }

  absorb() {
    for (const number of this.ahead) {
      if (number <= this.value) {
        this.ahead.delete(number);
      }
    }
    while (this.ahead.delete(this.value + 1)) {
      this.value++;
    }
  }
}
