// Control, synchronize and floor PDUs (docs/protocol.md §7), a port of
// core/protocol/ControlPdus. controlGeneration is the GrantedControl generation the
// sender last saw; the host drops requests about a floor that has since moved on.

import { ErrorCode, refuse } from './ProtocolError.js';
import { PduType2 } from './PduTypes.js';

export const ControlAction = Object.freeze({
  RequestControl: 1, GrantedControl: 2, Detach: 3, Cooperate: 4,
});
export const FloorDecision = Object.freeze({ Granted: 1, Denied: 2, Queued: 3 });
export const FloorDecisionReason = Object.freeze({
  None: 0, HostDenied: 1, ViewOnly: 2, QueueFull: 3, HostBusy: 4, NoSuchUser: 5, Expired: 6,
});
export const FloorRevokeReason = Object.freeze({
  HostRevoked: 1, HostInput: 2, Idle: 3, HolderLeft: 4,
});
export const kMaxFloorQueue = 256;
const kMessageTypeSync = 1;

export const Control = {
  type2: PduType2.Control,
  read(r) {
    const at = r.offset;
    const action = r.u16();
    if (action < ControlAction.RequestControl || action > ControlAction.Cooperate)
      refuse(ErrorCode.UnknownType, at, 'control action');
    return { type: 'Control', action, grantId: r.u16(), controlId: r.u32() };
  },
  write(w, pdu) {
    w.u16(pdu.action);
    w.u16(pdu.grantId);
    w.u32(pdu.controlId);
  },
};

export const Synchronize = {
  type2: PduType2.Synchronize,
  read(r) {
    const at = r.offset;
    if (r.u16() !== kMessageTypeSync)
      refuse(ErrorCode.UnknownType, at, 'synchronize messageType');
    return { type: 'Synchronize', targetUser: r.u16() };
  },
  write(w, pdu) {
    w.u16(kMessageTypeSync);
    w.u16(pdu.targetUser);
  },
};

export const FloorRequest = {
  type2: PduType2.FloorRequest,
  read(r) {
    return { type: 'FloorRequest', requesterId: r.u16(), controlGeneration: r.u32() };
  },
  write(w, pdu) {
    w.u16(pdu.requesterId);
    w.u32(pdu.controlGeneration);
  },
};

export const FloorDecisionPdu = {
  type2: PduType2.FloorDecision,
  read(r) {
    const requesterId = r.u16();
    const decision = r.enum8(FloorDecision.Granted, FloorDecision.Queued, 'floor decision');
    const reason = r.enum8(FloorDecisionReason.None, FloorDecisionReason.Expired,
      'floor decision reason');
    return { type: 'FloorDecision', requesterId, decision, reason,
      controlGeneration: r.u32() };
  },
  write(w, pdu) {
    w.u16(pdu.requesterId);
    w.u8(pdu.decision);
    w.u8(pdu.reason);
    w.u32(pdu.controlGeneration);
  },
};

export const FloorPassTo = {
  type2: PduType2.FloorPassTo,
  read(r) {
    const targetId = r.u16();
    r.zeros(2, 'floor pass-to pad');
    return { type: 'FloorPassTo', targetId, controlGeneration: r.u32() };
  },
  write(w, pdu) {
    w.u16(pdu.targetId);
    w.zeros(2);
    w.u32(pdu.controlGeneration);
  },
};

export const FloorRelease = {
  type2: PduType2.FloorRelease,
  read(r) {
    return { type: 'FloorRelease', controlGeneration: r.u32() };
  },
  write(w, pdu) {
    w.u32(pdu.controlGeneration);
  },
};

export const FloorRevoke = {
  type2: PduType2.FloorRevoke,
  read(r) {
    const holderId = r.u16();
    const reason = r.enum8(FloorRevokeReason.HostRevoked, FloorRevokeReason.HolderLeft,
      'floor revoke reason');
    r.zeros(1, 'floor revoke pad');
    return { type: 'FloorRevoke', holderId, reason, controlGeneration: r.u32() };
  },
  write(w, pdu) {
    w.u16(pdu.holderId);
    w.u8(pdu.reason);
    w.u8(0);
    w.u32(pdu.controlGeneration);
  },
};

export const FloorQueueState = {
  type2: PduType2.FloorQueueState,
  read(r) {
    const holderId = r.u16();
    const controlGeneration = r.u32();
    const count = r.count(r.u16(), kMaxFloorQueue, 2, 'floor queue length');
    const queue = [];
    for (let i = 0; i < count; ++i)
      queue.push(r.u16());
    return { type: 'FloorQueueState', holderId, controlGeneration, queue };
  },
  write(w, pdu) {
    w.u16(pdu.holderId);
    w.u32(pdu.controlGeneration);
    w.count16(pdu.queue.length, kMaxFloorQueue, 'floor queue length');
    for (const id of pdu.queue)
      w.u16(id);
  },
};
