// Turns frames into typed PDUs, a port of core/protocol/PduDecoder. decodePdu() and
// decodeDataBody() are stateless; a PduDecoder keeps the reassembly state for Fragment
// PDUs and the fast path's context, so use one per connection.
//
// Refused, with a ProtocolError: truncation, lengths that disagree (share control
// totalLength, uncompressedLength, every count and inner length), sizes beyond
// docs/protocol.md's limits, unknown pduType / pduType2 / sub-types, non-zero padding,
// bytes left over. Nothing is sized from a length before it is checked against the bytes
// that are there.

import { ByteReader } from './ByteReader.js';
import { kMaxUserDataBytes, SendDataKind } from './Framing.js';
import { kControlCodecs, kDataCodecs } from './PduCodecs.js';
import { ErrorCode, ProtocolError, refuse } from './ProtocolError.js';
import { isFastPathType, kHostUserId, PduType, PduType2, StreamId } from './PduTypes.js';
import { Reassembler } from './Reassembler.js';
import {
  kShareControlHeaderBytes, kUncountedBytes, readShareControlHeader, readShareDataHeader,
} from './ShareHeaders.js';

const kPduTypeOffset = 2;
const kUncompressedLengthOffset = kShareControlHeaderBytes + 6;

// typeOffset: where pduType2 sits, for the error of an unknown one.
function readDataBody(r, pduType2, typeOffset) {
  const codec = kDataCodecs.get(pduType2);
  if (codec === undefined)
    refuse(ErrorCode.UnknownType, typeOffset, 'pduType2');
  if (!(codec instanceof Map))
    return codec.read(r);
  // Update and Pointer bodies start with a u16 sub-type.
  const sub = codec.get(r.peek16());
  if (sub === undefined) {
    refuse(r.remaining < 2 ? ErrorCode.Truncated : ErrorCode.UnknownType, r.offset,
      pduType2 === PduType2.Update ? 'updateType' : 'pointer messageType');
  }
  return sub.read(r);
}

/**
 * Decodes exactly one ASPDU. A Fragment PDU decodes as one ({type: 'Fragment'}).
 * @returns {{context: {source: number, shareId: number, stream: number}, body: object}}
 */
export function decodePdu(aspdu) {
  if (aspdu.length > kMaxUserDataBytes)
    refuse(ErrorCode.TooLarge, 0, 'PDU larger than a frame');
  const r = new ByteReader(aspdu);
  const control = readShareControlHeader(r);
  if (control.totalLength !== aspdu.length)
    refuse(ErrorCode.LengthMismatch, 0, 'share control totalLength');
  const context = { source: control.source, shareId: 0, stream: StreamId.Medium };
  let body;
  if (control.type === PduType.Data) {
    const data = readShareDataHeader(r);
    if (data.uncompressedLength !== aspdu.length - kUncountedBytes)
      refuse(ErrorCode.LengthMismatch, kUncompressedLengthOffset, 'uncompressedLength');
    context.shareId = data.shareId;
    context.stream = data.stream;
    body = readDataBody(r, data.pduType2, r.offset - 4);
  } else {
    const codec = kControlCodecs.get(control.type);
    if (codec === undefined)
      refuse(ErrorCode.Unsupported, kPduTypeOffset, 'share control pduType');
    body = codec.read(r);
  }
  r.expectEnd('bytes after the PDU body');
  return { context, body };
}

/** Decodes the body of a data PDU of type pduType2 (what a reassembled payload is). */
export function decodeDataBody(pduType2, body) {
  const r = new ByteReader(body);
  const decoded = readDataBody(r, pduType2, 0);
  r.expectEnd('bytes after the PDU body');
  return decoded;
}

export class PduDecoder {
  /** @param {{maxPayloadsInFlight?: number, maxBufferedBytes?: number}} [limits] */
  constructor(limits = {}) {
    this.reassembler = new Reassembler(limits);
    this.fastPathContext_ = { source: kHostUserId, shareId: 0, stream: StreamId.Low };
  }

  /** What a fast-path frame leaves out: the host's user id, the active share id, the stream. */
  setFastPathContext(context) { this.fastPathContext_ = { ...context }; }
  get fastPathContext() { return { ...this.fastPathContext_ }; }

  /**
   * Decodes a frame's PDU. For a TPKT frame pduSource must equal the MCS initiator; a
   * fast-path frame's PDU gets the fast-path context and must be of a fast-path type.
   * Fragments are reassembled: null for one that does not complete its payload; the one
   * that does yields the whole inner PDU with the context of its last fragment.
   */
  decodeFrame(frame) {
    const fastPath = frame.header.kind === SendDataKind.FastPath;
    const pdu = fastPath ? this.decodeFastPath_(frame.payload) : decodePdu(frame.payload);
    if (!fastPath && pdu.context.source !== frame.header.initiator)
      refuse(ErrorCode.BadValue, 4, 'pduSource differs from MCS initiator');
    const fragment = pdu.body;
    if (fragment.type !== 'Fragment')
      return pdu;
    if (fastPath && (!isFastPathType(fragment.innerPduType2) ||
      fragment.innerPduType2 === PduType2.Fragment))
      refuse(ErrorCode.Unsupported, 0, 'PDU type not carried on the fast path');
    const completed = this.reassembler.add(pdu.context.source, pdu.context.shareId, fragment);
    if (completed === null)
      return null;
    return { context: pdu.context, body: decodeDataBody(completed.pduType2, completed.body) };
  }

  decodeFastPath_(payload) {
    if (payload.length === 0)
      refuse(ErrorCode.Truncated, 0, 'fast-path pduType2');
    if (!isFastPathType(payload[0]))
      refuse(ErrorCode.Unsupported, 0, 'PDU type not carried on the fast path');
    try {
      return { context: { ...this.fastPathContext_ },
        body: decodeDataBody(payload[0], payload.subarray(1)) };
    } catch (error) {
      throw error instanceof ProtocolError ? error.shifted(1) : error;
    }
  }
}
