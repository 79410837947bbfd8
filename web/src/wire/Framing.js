// One frame on the wire (docs/protocol.md §2), a port of core/protocol/Framing:
//   TPKT (T.123)          03 00 len_be16            len counts the whole frame
//   X.224 data TPDU       02 F0 80
//   T.125 MCS Send-Data   64|68 initiator_be16 channel_be16 70 PER-length userData
// and the host's fast-path update frames (§2.1): 00 | length (1 or 2 bytes) | pduType2 | body.

import { ByteReader } from './ByteReader.js';
import { ByteWriter } from './ByteWriter.js';
import { ErrorCode, ProtocolError, refuse } from './ProtocolError.js';
import { CloseReason } from './CloseReason.js';

/** MCS Send-Data Request (viewer → host), Indication (host → viewer), or fast path. */
export const SendDataKind = Object.freeze({ FastPath: 0x00, Request: 0x64, Indication: 0x68 });

/** T.125 DataPriority. Baton sends High (the 0x70 byte RDP sends). */
export const DataPriority = Object.freeze({ Top: 0, High: 1, Medium: 2, Low: 3 });

export const kMinUserId = 1001;
export const kTpktHeaderBytes = 4;
export const kX224DataBytes = 3;
export const kMaxUserDataBytes = 0x3FFF;
export const kMinFrameBytes = kTpktHeaderBytes + kX224DataBytes + 6 + 1;
export const kMaxFrameBytes = kTpktHeaderBytes + kX224DataBytes + 6 + 2 + kMaxUserDataBytes;
export const kFastPathHeaderByte = 0x00;
export const kMinFastPathFrameBytes = 3;
export const kMaxFastPathFrameBytes = kMaxFrameBytes;

const kTpktVersion = 0x03;
const kX224Data = [0x02, 0xF0, 0x80];
const kSegmentationBeginEnd = 0x3;

/** Bytes of framing around a payload (14 or 15). */
export function frameOverheadBytes(payloadBytes) {
  return kTpktHeaderBytes + kX224DataBytes + 6 + (payloadBytes < 0x80 ? 1 : 2);
}

/** Bytes of fast-path framing around a payload of pduType2 + body (2 or 3). */
export function fastPathOverheadBytes(payloadBytes) {
  return payloadBytes + 2 < 0x80 ? 2 : 3;
}

function ourMistake(code, what) {
  return new ProtocolError(null, { reason: CloseReason.InternalError, code, what });
}

/** A fast-path frame around payload (pduType2 + body). */
export function encodeFastPathFrame(payload) {
  if (payload.length === 0)
    throw ourMistake(ErrorCode.BadValue, 'fast-path frame without pduType2');
  const length = fastPathOverheadBytes(payload.length) + payload.length;
  if (length > kMaxFastPathFrameBytes)
    throw ourMistake(ErrorCode.TooLarge, 'fast-path frame');
  const w = new ByteWriter(length);
  w.u8(kFastPathHeaderByte);
  if (length < 0x80)
    w.u8(length);
  else
    w.u16be(0x8000 | length);
  w.bytes(payload);
  return w.take();
}

/**
 * One TPKT frame. header: {kind, initiator, channelId, priority = DataPriority.High}.
 * @returns {Uint8Array}
 */
export function encodeFrame(header, payload) {
  const { kind, initiator, channelId, priority = DataPriority.High } = header;
  if (kind === SendDataKind.FastPath)
    return encodeFastPathFrame(payload);
  if (!(initiator >= kMinUserId && initiator <= 0xFFFF))
    throw ourMistake(ErrorCode.BadValue, 'MCS initiator below 1001');
  if (payload.length > kMaxUserDataBytes)
    throw ourMistake(ErrorCode.TooLarge, 'MCS userData');
  if (kind !== SendDataKind.Request && kind !== SendDataKind.Indication)
    throw ourMistake(ErrorCode.BadValue, 'MCS PDU kind');
  const w = new ByteWriter(frameOverheadBytes(payload.length) + payload.length);
  w.u8(kTpktVersion);
  w.u8(0);
  w.u16be(frameOverheadBytes(payload.length) + payload.length);
  for (const byte of kX224Data)
    w.u8(byte);
  w.u8(kind);
  w.u16be(initiator - kMinUserId);
  w.u16be(channelId);
  w.u8(((priority & 0x3) << 6) | (kSegmentationBeginEnd << 4));
  if (payload.length < 0x80)
    w.u8(payload.length);
  else
    w.u16be(0x8000 | payload.length);
  w.bytes(payload);
  return w.take();
}

function decodeFastPath(bytes) {
  const r = new ByteReader(bytes);
  r.u8();
  const first = r.u8();
  let length = first;
  if (first & 0x80) {
    length = ((first & 0x7F) << 8) | r.u8();
    // Up to 128 bytes the frame fits the one-byte form (its header one byte shorter).
    if (length <= 0x80)
      refuse(ErrorCode.BadValue, 1, 'fast-path length not in its shortest form');
  }
  if (length !== bytes.length)
    refuse(ErrorCode.LengthMismatch, 1, 'fast-path length');
  if (r.remaining === 0)
    refuse(ErrorCode.Truncated, r.offset, 'fast-path pduType2');
  return {
    header: { kind: SendDataKind.FastPath, initiator: 0, channelId: 0, priority: 0 },
    payload: r.bytes(r.remaining),
  };
}

/**
 * Decodes exactly one whole frame; a fast-path frame only when acceptFastPath.
 * @returns {{header: {kind: number, initiator: number, channelId: number, priority: number},
 *            payload: Uint8Array}} payload: a view into bytes
 */
export function decodeFrame(bytes, acceptFastPath = false) {
  if (acceptFastPath && bytes.length > 0 && bytes[0] === kFastPathHeaderByte)
    return decodeFastPath(bytes);
  const r = new ByteReader(bytes);
  if (r.u8() !== kTpktVersion)
    refuse(ErrorCode.UnknownType, 0, 'TPKT version');
  r.zeros(1, 'TPKT reserved');
  if (r.u16be() !== bytes.length)
    refuse(ErrorCode.LengthMismatch, 2, 'TPKT length');
  for (const expected of kX224Data) {
    if (r.u8() !== expected)
      refuse(ErrorCode.UnknownType, r.offset - 1, 'X.224 data TPDU');
  }
  const kind = r.u8();
  if (kind !== SendDataKind.Request && kind !== SendDataKind.Indication)
    refuse(ErrorCode.UnknownType, r.offset - 1, 'MCS PDU (not Send-Data)');
  const initiator = r.u16be();
  if (initiator > 0xFFFF - kMinUserId)
    refuse(ErrorCode.BadValue, r.offset - 2, 'MCS initiator');
  const channelId = r.u16be();
  const flags = r.u8();
  if (((flags >> 4) & 0x3) !== kSegmentationBeginEnd)
    refuse(ErrorCode.Unsupported, r.offset - 1, 'MCS segmentation');
  if ((flags & 0x0F) !== 0)
    refuse(ErrorCode.BadValue, r.offset - 1, 'MCS padding bits');

  const lengthAt = r.offset;
  const first = r.u8();
  let userDataLength = first;
  if ((first & 0xC0) === 0xC0) {
    refuse(ErrorCode.Unsupported, lengthAt, 'PER fragmented length');
  } else if (first & 0x80) {
    userDataLength = ((first & 0x3F) << 8) | r.u8();
    if (userDataLength < 0x80)
      refuse(ErrorCode.BadValue, lengthAt, 'PER length not in its shortest form');
  }
  if (userDataLength !== r.remaining)
    refuse(ErrorCode.LengthMismatch, lengthAt, 'MCS userData length');
  return {
    header: { kind, initiator: initiator + kMinUserId, channelId, priority: flags >> 6 },
    payload: r.bytes(userDataLength),
  };
}
