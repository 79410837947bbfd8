// Turns typed PDUs into ASPDUs and frames, a port of what a viewer needs of
// core/protocol/PduEncoder: everything a viewer sends fits one frame (a ConfirmActive of
// three sets, at most 256 input events), so nothing here fragments.

import { ByteWriter } from './ByteWriter.js';
import { CloseReason } from './CloseReason.js';
import { DataPriority, encodeFrame, kMaxUserDataBytes } from './Framing.js';
import { kCodecs } from './PduCodecs.js';
import { ErrorCode, ProtocolError } from './ProtocolError.js';
import { PduType } from './PduTypes.js';
import {
  kShareControlHeaderBytes, kShareDataHeaderBytes, kUncountedBytes, writeShareControlHeader,
  writeShareDataHeader,
} from './ShareHeaders.js';

function ourMistake(code, offset, what) {
  return new ProtocolError(null, { reason: CloseReason.InternalError, code, offset, what });
}

function codecOf(body) {
  const codec = kCodecs[body.type];
  if (codec === undefined)
    throw ourMistake(ErrorCode.BadValue, 0, `PDU type ${body.type}`);
  return codec;
}

/** A data PDU's body alone, what a fast-path frame or a Fragment carries after pduType2. */
export function encodeDataBody(body) {
  const codec = codecOf(body);
  if (codec.type2 === undefined)
    throw ourMistake(ErrorCode.BadValue, 0, `${body.type} is not a data PDU`);
  const w = new ByteWriter();
  codec.write(w, body);
  return { pduType2: codec.type2, bytes: w.take() };
}

/**
 * One ASPDU: share control header [+ share data header] + body.
 * @param {{context: {source: number, shareId: number, stream: number}, body: object}} pdu
 * @returns {Uint8Array}
 */
export function encodePdu({ context, body }) {
  const codec = codecOf(body);
  const bodyWriter = new ByteWriter();
  codec.write(bodyWriter, body);
  const bodyBytes = bodyWriter.take();
  const isData = codec.type2 !== undefined;
  const total = (isData ? kShareControlHeaderBytes + kShareDataHeaderBytes
    : kShareControlHeaderBytes) + bodyBytes.length;
  if (total > kMaxUserDataBytes)
    throw ourMistake(ErrorCode.TooLarge, total, 'PDU larger than a frame');
  const w = new ByteWriter(total);
  writeShareControlHeader(w, { totalLength: total, type: isData ? PduType.Data : codec.pduType,
    source: context.source });
  if (isData) {
    writeShareDataHeader(w, { shareId: context.shareId, stream: context.stream,
      uncompressedLength: total - kUncountedBytes, pduType2: codec.type2 });
  }
  w.bytes(bodyBytes);
  return w.take();
}

/** One whole TPKT frame carrying pdu; initiator = pdu.context.source, priority High. */
export function encodePduFrame(kind, channelId, pdu) {
  return encodeFrame({ kind, initiator: pdu.context.source, channelId,
    priority: DataPriority.High }, encodePdu(pdu));
}
