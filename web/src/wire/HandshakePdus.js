// The join handshake (docs/protocol.md §5), a port of core/protocol/HandshakePdus: Hello
// (viewer → host), Welcome (host → viewer), Goodbye (either way, the last PDU).

import { ErrorCode, refuse } from './ProtocolError.js';
import { kUnassignedUserId, PduType2 } from './PduTypes.js';

export const Role = Object.freeze({ Viewer: 1, Host: 2 });

/** Hello featureFlags bits; unknown bits are carried and ignored. */
export const HelloFeature = Object.freeze({
  FrameAck: 0x1, // will acknowledge frames
  Input: 0x2, // can send input when granted the floor
  Fragments: 0x4, // reassembles Fragment PDUs
  FastPath: 0x8, // takes fast-path update frames (1.1)
  TileCache: 0x10, // keeps the tile cache (1.1)
});

export const kMaxSessionIdBytes = 64;
export const kMaxNameBytes = 128;
export const kMaxPasscodeBytes = 128;
export const kMaxSoftwareBytes = 64;
export const kMaxHelloCodecs = 32;
export const kMaxGoodbyeMessageBytes = 512;

function readDynamicId(r, what) {
  const at = r.offset;
  const id = r.u16();
  if (id < kUnassignedUserId)
    refuse(ErrorCode.BadValue, at, what);
  return id;
}

export const Hello = {
  type2: PduType2.Hello,
  read(r) {
    const versionMajor = r.u16();
    const versionMinor = r.u16();
    const featureFlags = r.u32();
    const count = r.count(r.u8(), kMaxHelloCodecs, 1, 'Hello codec count');
    const codecIds = Array.from(r.bytes(count));
    return {
      type: 'Hello', versionMajor, versionMinor, featureFlags, codecIds,
      sessionId: r.utf8WithLength16(kMaxSessionIdBytes, 'Hello session id'),
      displayName: r.utf8WithLength16(kMaxNameBytes, 'Hello display name'),
      passcode: r.utf8WithLength16(kMaxPasscodeBytes, 'Hello passcode'),
      software: r.utf8WithLength16(kMaxSoftwareBytes, 'Hello software'),
    };
  },
  write(w, pdu) {
    w.u16(pdu.versionMajor);
    w.u16(pdu.versionMinor);
    w.u32(pdu.featureFlags);
    w.count8(pdu.codecIds.length, kMaxHelloCodecs, 'Hello codec count');
    for (const id of pdu.codecIds)
      w.u8(id);
    w.utf8WithLength16(pdu.sessionId, kMaxSessionIdBytes, 'Hello session id');
    w.utf8WithLength16(pdu.displayName, kMaxNameBytes, 'Hello display name');
    w.utf8WithLength16(pdu.passcode, kMaxPasscodeBytes, 'Hello passcode');
    w.utf8WithLength16(pdu.software, kMaxSoftwareBytes, 'Hello software');
  },
};

export const Welcome = {
  type2: PduType2.Welcome,
  read(r) {
    const versionMajor = r.u16();
    const versionMinor = r.u16();
    const userId = readDynamicId(r, 'Welcome user id');
    const hostUserId = readDynamicId(r, 'Welcome host user id');
    const broadcastChannelId = readDynamicId(r, 'Welcome broadcast channel');
    const userChannelId = readDynamicId(r, 'Welcome user channel');
    const roleAt = r.offset;
    const role = r.u8();
    if (role !== Role.Viewer && role !== Role.Host)
      refuse(ErrorCode.BadValue, roleAt, 'Welcome role');
    r.zeros(1, 'Welcome pad');
    return {
      type: 'Welcome', versionMajor, versionMinor, userId, hostUserId, broadcastChannelId,
      userChannelId, role,
      sessionId: r.utf8WithLength16(kMaxSessionIdBytes, 'Welcome session id'),
      hostName: r.utf8WithLength16(kMaxNameBytes, 'Welcome host name'),
    };
  },
  write(w, pdu) {
    w.u16(pdu.versionMajor);
    w.u16(pdu.versionMinor);
    w.u16(pdu.userId);
    w.u16(pdu.hostUserId);
    w.u16(pdu.broadcastChannelId);
    w.u16(pdu.userChannelId);
    w.u8(pdu.role);
    w.u8(0);
    w.utf8WithLength16(pdu.sessionId, kMaxSessionIdBytes, 'Welcome session id');
    w.utf8WithLength16(pdu.hostName, kMaxNameBytes, 'Welcome host name');
    if ([pdu.userId, pdu.hostUserId, pdu.broadcastChannelId, pdu.userChannelId]
      .some((id) => id < kUnassignedUserId))
      w.fail(ErrorCode.BadValue, 'Welcome id below 1001');
  },
};

export const Goodbye = {
  type2: PduType2.Goodbye,
  read(r) {
    const reason = r.u16();
    return {
      type: 'Goodbye', reason,
      message: r.utf8WithLength16(kMaxGoodbyeMessageBytes, 'Goodbye message'),
    };
  },
  write(w, pdu) {
    w.u16(pdu.reason);
    w.utf8WithLength16(pdu.message, kMaxGoodbyeMessageBytes, 'Goodbye message');
  },
};
