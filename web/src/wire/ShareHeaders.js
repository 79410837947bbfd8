// The T.128 share control header (6 bytes) and share data header (12 more) around every
// ASPDU (docs/protocol.md §3), a port of core/protocol/ShareControlHeader and
// ShareDataHeader.

import { ErrorCode, refuse } from './ProtocolError.js';
import { PduType, StreamId } from './PduTypes.js';

export const kShareControlHeaderBytes = 6;
export const kShareDataHeaderBytes = 12;
/** Bytes of the two headers that uncompressedLength does not count. */
export const kUncountedBytes = 14;
const kVersion1 = 0x10;
const kFlowMarker = 0x8000; // a T.128 FlowPDU; Baton uses FrameAck

/** totalLength(2) | pduType(2) = type | version 1 << 4 | pduSource(2). */
export function readShareControlHeader(r) {
  const start = r.offset;
  const totalLength = r.u16();
  if (totalLength === kFlowMarker)
    refuse(ErrorCode.Unsupported, start, 'T.128 FlowPDU');
  const pduType = r.u16();
  const type = pduType & 0x0F;
  if ((pduType & 0xFFF0) !== kVersion1)
    refuse(ErrorCode.UnknownType, start + 2, 'share control PDU version');
  if (type < PduType.DemandActive || type > PduType.Data)
    refuse(ErrorCode.UnknownType, start + 2, 'share control pduType');
  return { totalLength, type, source: r.u16() };
}

export function writeShareControlHeader(w, { totalLength, type, source }) {
  w.u16(totalLength);
  w.u16(kVersion1 | type);
  w.u16(source);
}

/**
 * shareId(4) | pad1(1) | streamId(1) | uncompressedLength(2) | pduType2(1) |
 * compressedType(1) | compressedLength(2); the fixed fields are checked here, the lengths
 * and pduType2 by the PDU decoder.
 */
export function readShareDataHeader(r) {
  const shareId = r.u32();
  r.zeros(1, 'share data header pad1');
  const streamAt = r.offset;
  const stream = r.u8();
  if (stream !== StreamId.Low && stream !== StreamId.Medium && stream !== StreamId.High)
    refuse(ErrorCode.BadValue, streamAt, 'streamId');
  const uncompressedLength = r.u16();
  const pduType2 = r.u8();
  const compressionAt = r.offset;
  const compressedType = r.u8();
  const compressedLength = r.u16();
  if (compressedType !== 0 || compressedLength !== 0)
    refuse(ErrorCode.Unsupported, compressionAt, 'bulk compression');
  return { shareId, stream, uncompressedLength, pduType2 };
}

export function writeShareDataHeader(w, { shareId, stream, uncompressedLength, pduType2 }) {
  w.u32(shareId);
  w.u8(0);
  w.u8(stream);
  w.u16(uncompressedLength);
  w.u8(pduType2);
  w.u8(0);
  w.u16(0);
}
