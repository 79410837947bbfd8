// When a viewer acknowledges the frames it presents (docs/protocol.md §16.2): a port of
// core/viewer/AckPacer, decision for decision, since the host's window and its catch-up
// are tuned to it. FrameAck is cumulative: a sparse stream (typing) is acknowledged frame
// by frame at once, a dense one (scrolling, video) at most every MIN_INTERVAL_MS, every
// MAX_HELD_FRAMES frames or every MAX_HELD_BYTES received. An acknowledgement says how long
// it was held so that the host's round-trip figure leaves that out. Times are in
// milliseconds on any monotonic clock (performance.now() in the page).

/** @typedef {{frameId: number, heldMs: number}} Ack */

export class AckPacer {
  static MAX_HELD_FRAMES = 4;
  static MIN_INTERVAL_MS = 100;
  static MAX_HELD_BYTES = 256 * 1024;

  /** @type {number | null} */
  #lastSentMs = null;
  #bytesAtLastSent = 0;
  #bytesReceived = 0;
  #heldFrames = 0;
  #heldFrameId = 0;
  #heldSinceMs = 0;

  /**
   * frameId was presented at nowMs, with bytesReceived bytes received on the connection so
   * far: the acknowledgement to send now, if one is due; otherwise it is held until dueAtMs().
   * @param {number} frameId
   * @param {number} nowMs
   * @param {number} bytesReceived
   * @returns {Ack | null}
   */
  presented(frameId, nowMs, bytesReceived) {
    ++this.#heldFrames;
    this.#heldFrameId = frameId;
    this.#heldSinceMs = nowMs;
    this.#bytesReceived = bytesReceived;
    if (
      this.#heldFrames >= AckPacer.MAX_HELD_FRAMES ||
      bytesReceived - this.#bytesAtLastSent >= AckPacer.MAX_HELD_BYTES ||
      this.#lastSentMs === null ||
      nowMs - this.#lastSentMs >= AckPacer.MIN_INTERVAL_MS
    ) {
      return this.#take(nowMs);
    }
    return null;
  }

  /** When the held acknowledgement is due; null while none is held. */
  dueAtMs() {
    if (this.#heldFrames === 0) return null;
    return /** @type {number} */ (this.#lastSentMs) + AckPacer.MIN_INTERVAL_MS;
  }

  /**
   * The held acknowledgement, sent now (the timer for dueAtMs() fired); null if none.
   * @param {number} nowMs
   * @returns {Ack | null}
   */
  release(nowMs) {
    if (this.#heldFrames === 0) return null;
    return this.#take(nowMs);
  }

  /** @param {number} nowMs @returns {Ack} */
  #take(nowMs) {
    // Whole milliseconds, as the C++ clock gives them, capped to the PDU's 16 bits.
    const heldMs = Math.min(Math.max(Math.round(nowMs - this.#heldSinceMs), 0), 0xffff);
    this.#lastSentMs = nowMs;
    this.#bytesAtLastSent = this.#bytesReceived;
    this.#heldFrames = 0;
    return { frameId: this.#heldFrameId, heldMs };
  }
}
