// Roster PDUs (docs/protocol.md §11), host → all, a port of core/protocol/RosterPdus.

import { ErrorCode, refuse } from './ProtocolError.js';
import { PduType2 } from './PduTypes.js';
import { kMaxNameBytes, Role } from './HandshakePdus.js';

export const FloorState = Object.freeze({ None: 0, Requesting: 1, Queued: 2, Holding: 3 });

export const RosterJoin = {
  type2: PduType2.RosterJoin,
  read(r) {
    const userId = r.u16();
    const role = r.enum8(Role.Viewer, Role.Host, 'role');
    r.zeros(1, 'roster join pad');
    return { type: 'RosterJoin', userId, role,
      name: r.utf8WithLength16(kMaxNameBytes, 'roster name') };
  },
  write(w, pdu) {
    w.u16(pdu.userId);
    w.u8(pdu.role);
    w.u8(0);
    w.utf8WithLength16(pdu.name, kMaxNameBytes, 'roster name');
  },
};

export const RosterLeave = {
  type2: PduType2.RosterLeave,
  read(r) {
    return { type: 'RosterLeave', userId: r.u16(), reason: r.u16() };
  },
  write(w, pdu) {
    w.u16(pdu.userId);
    w.u16(pdu.reason);
  },
};

export const RosterName = {
  type2: PduType2.RosterName,
  read(r) {
    const userId = r.u16();
    return { type: 'RosterName', userId,
      name: r.utf8WithLength16(kMaxNameBytes, 'roster name') };
  },
  write(w, pdu) {
    w.u16(pdu.userId);
    w.utf8WithLength16(pdu.name, kMaxNameBytes, 'roster name');
  },
};

export const RosterRole = {
  type2: PduType2.RosterRole,
  read(r) {
    const userId = r.u16();
    const role = r.enum8(Role.Viewer, Role.Host, 'role');
    r.zeros(1, 'roster role pad');
    return { type: 'RosterRole', userId, role };
  },
  write(w, pdu) {
    w.u16(pdu.userId);
    w.u8(pdu.role);
    w.u8(0);
  },
};

export const RosterFloorState = {
  type2: PduType2.RosterFloorState,
  read(r) {
    const userId = r.u16();
    const state = r.enum8(FloorState.None, FloorState.Holding, 'floor state');
    const at = r.offset;
    const queuePosition = r.u8();
    if ((state === FloorState.Queued) !== (queuePosition !== 0))
      refuse(ErrorCode.BadValue, at, 'queue position');
    return { type: 'RosterFloorState', userId, state, queuePosition };
  },
  write(w, pdu) {
    w.u16(pdu.userId);
    w.u8(pdu.state);
    if ((pdu.state === FloorState.Queued) !== (pdu.queuePosition !== 0))
      w.fail(ErrorCode.BadValue, 'queue position');
    w.u8(pdu.queuePosition);
  },
};
