// What a viewer's connection does with the bytes its host sends (core/net/Connection on
// the viewer side), in one object: frames, the fast path's context, PDUs, reassembly.
//
//   const stream = new ViewerStream();
//   socket.onmessage = (e) => { for (const {pdu, header} of stream.push(bytes)) handle(pdu); };
//
// push() throws a ProtocolError for anything that does not decode; the session answers it
// with Goodbye(error.reason, error.message) and closes.

import { DataPriority, SendDataKind } from './Framing.js';
import { FrameStream } from './FrameStream.js';
import { PduDecoder } from './PduDecoder.js';
import { ErrorCode, ProtocolError } from './ProtocolError.js';
import { kBroadcastChannelId, kHostUserId, StreamId } from './PduTypes.js';

export class ViewerStream {
  /** @param {{maxPayloadsInFlight?: number, maxBufferedBytes?: number}} [limits] */
  constructor(limits = {}) {
    this.frames_ = new FrameStream({ acceptFastPath: true });
    this.decoder_ = new PduDecoder(limits);
    this.hostUserId_ = kHostUserId;
    this.shareId_ = 0;
  }

  /** The host's user id, from the Welcome: the source of every fast-path PDU. */
  setHostUserId(userId) {
    this.hostUserId_ = userId;
    this.updateFastPathContext_();
  }

  /** The active share's id (0 while none is): fast-path updates carry no share id. */
  setFastPathShareId(shareId) {
    this.shareId_ = shareId;
    this.updateFastPathContext_();
  }

  /** Fragments held, for whoever shows statistics. */
  get reassembler() { return this.decoder_.reassembler; }

  /**
   * Takes bytes as they came and returns the PDUs they complete, in order; a fragment that
   * does not complete its payload yields nothing.
   * @param {Uint8Array} chunk
   * @returns {{pdu: {context: object, body: object}, header: object}[]}
   */
  push(chunk) {
    this.frames_.push(chunk);
    const out = [];
    for (let frame; (frame = this.frames_.next()) !== null;) {
      const fastPath = frame.header.kind === SendDataKind.FastPath;
      if (!fastPath && frame.header.kind !== SendDataKind.Indication) {
        throw new ProtocolError(null,
          { code: ErrorCode.UnknownType, offset: 7, what: 'Send-Data Request from the host' });
      }
      const pdu = this.decoder_.decodeFrame(frame);
      if (pdu === null)
        continue;
      // What the fast path leaves out is what the MCS header would have said.
      const header = fastPath
        ? { kind: SendDataKind.Indication, initiator: this.hostUserId_,
          channelId: kBroadcastChannelId, priority: DataPriority.High }
        : frame.header;
      out.push({ pdu, header });
    }
    return out;
  }

  updateFastPathContext_() {
    this.decoder_.setFastPathContext({ source: this.hostUserId_, shareId: this.shareId_,
      stream: StreamId.Low });
  }
}
