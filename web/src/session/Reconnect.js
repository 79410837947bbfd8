// When the page joins again after its session ended, and how long it waits first. A
// connection that broke (network, host restarted, a busy host's refusal) is retried with a
// growing delay; an end someone meant — the host ended the share or removed this viewer,
// a wrong passcode, a session that is not there, a viewer that misbehaved or left — is
// final: retrying would only repeat it (or, for passcodes, feed the attempt limiter).

import { CloseReason } from '../wire/CloseReason.js';

const RETRIED = new Set([
  CloseReason.ConnectionLost, CloseReason.Timeout, CloseReason.HostBusy, CloseReason.TooSlow,
]);

/** @param {{reason: number, origin: string}} info the session's CloseInfo */
export function shouldReconnect(info) {
  return info.origin === 'transport' || RETRIED.has(info.reason);
}

/** Delays of 1, 2, 4 … 30 s, back to 1 s once a join succeeded. */
export class Backoff {
  static FIRST_MS = 1000;
  static MAX_MS = 30000;
  #nextMs = Backoff.FIRST_MS;

  /** The delay before the next try; each call doubles the one after. */
  next() {
    const delay = this.#nextMs;
    this.#nextMs = Math.min(this.#nextMs * 2, Backoff.MAX_MS);
    return delay;
  }

  reset() { this.#nextMs = Backoff.FIRST_MS; }
}
