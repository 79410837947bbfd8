// Who is in the session, the viewer's copy built from the host's roster PDUs: a port of
// core/session/Roster's viewer half, with its bound on participants.

import { FloorState } from '../wire/RosterPdus.js';

/** @typedef {{userId: number, role: number, name: string, floor: number}} Participant */

export class Roster {
  static MAX_PARTICIPANTS = 4096;

  /** @type {Map<number, Participant>} */
  #participants = new Map();

  /**
   * Applies one roster PDU body; false when it is not one or names nobody known (a join
   * beyond MAX_PARTICIPANTS is ignored and also false).
   */
  apply(body) {
    switch (body.type) {
      case 'RosterJoin':
        if (this.#participants.size >= Roster.MAX_PARTICIPANTS && !this.#participants.has(body.userId))
          return false;
        this.#participants.set(body.userId,
          { userId: body.userId, role: body.role, name: body.name, floor: FloorState.None });
        return true;
      case 'RosterLeave':
        return this.#participants.delete(body.userId);
      case 'RosterName':
        return this.#update(body.userId, (p) => { p.name = body.name; });
      case 'RosterRole':
        return this.#update(body.userId, (p) => { p.role = body.role; });
      case 'RosterFloorState':
        return this.#update(body.userId, (p) => { p.floor = body.state; });
      default:
        return false;
    }
  }

  /** @param {number} userId @returns {Participant | undefined} */
  find(userId) { return this.#participants.get(userId); }

  /** Everyone, by user id. @returns {Participant[]} */
  participants() {
    return [...this.#participants.values()].sort((a, b) => a.userId - b.userId).map((p) => ({ ...p }));
  }

  get size() { return this.#participants.size; }
  clear() { this.#participants.clear(); }

  #update(userId, change) {
    const participant = this.#participants.get(userId);
    if (!participant) return false;
    change(participant);
    return true;
  }
}
