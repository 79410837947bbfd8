// Puts Fragment PDUs back together (docs/protocol.md §8.6), a port of
// core/protocol/PduReassembler, with bounded memory: a payload grows only by the chunks
// that arrive (never by what totalLength claims), and the limits cap what one peer can make
// the viewer hold. Any inconsistency is a ProtocolError.

import { ErrorCode, ProtocolError } from './ProtocolError.js';

export class Reassembler {
  constructor({ maxPayloadsInFlight = 4, maxBufferedBytes = 16 * 1024 * 1024 } = {}) {
    this.maxPayloadsInFlight_ = maxPayloadsInFlight;
    this.maxBufferedBytes_ = maxBufferedBytes;
    this.partials_ = [];
    this.bufferedBytes_ = 0;
  }

  get bufferedBytes() { return this.bufferedBytes_; }
  get payloadsInFlight() { return this.partials_.length; }

  /**
   * Adds one fragment sent by source: the whole inner body when this one completes it,
   * null while more are needed.
   * @returns {{pduType2: number, shareId: number, body: Uint8Array}|null}
   */
  add(source, shareId, fragment) {
    let slot = this.partials_.findIndex(
      (p) => p.source === source && p.payloadId === fragment.payloadId);
    if (fragment.index === 0) {
      if (slot !== -1)
        throw refusal(ErrorCode.BadValue, 'fragment payload id already in use');
      if (this.partials_.length >= this.maxPayloadsInFlight_)
        throw refusal(ErrorCode.TooLarge, 'fragmented payloads in flight');
      this.partials_.push({ source, payloadId: fragment.payloadId,
        pduType2: fragment.innerPduType2, count: fragment.count, nextIndex: 0, shareId,
        totalLength: fragment.totalLength, chunks: [], size: 0 });
      slot = this.partials_.length - 1;
    } else if (slot === -1) {
      throw refusal(ErrorCode.BadValue, 'fragment of a payload never begun');
    }
    const partial = this.partials_[slot];

    if (fragment.index !== partial.nextIndex || fragment.count !== partial.count ||
      fragment.innerPduType2 !== partial.pduType2 ||
      fragment.totalLength !== partial.totalLength || shareId !== partial.shareId)
      throw refusal(ErrorCode.BadValue, 'fragment out of sequence');
    if (fragment.chunk.length > partial.totalLength - partial.size)
      throw refusal(ErrorCode.LengthMismatch, 'fragments exceed totalLength');
    if (fragment.chunk.length > this.maxBufferedBytes_ - this.bufferedBytes_)
      throw refusal(ErrorCode.TooLarge, 'reassembly memory');

    partial.chunks.push(fragment.chunk);
    partial.size += fragment.chunk.length;
    this.bufferedBytes_ += fragment.chunk.length;
    ++partial.nextIndex;
    if (partial.nextIndex < partial.count)
      return null;
    if (partial.size !== partial.totalLength)
      throw refusal(ErrorCode.LengthMismatch, 'fragments short of totalLength');

    const body = new Uint8Array(partial.size);
    let offset = 0;
    for (const chunk of partial.chunks) {
      body.set(chunk, offset);
      offset += chunk.length;
    }
    this.bufferedBytes_ -= partial.size;
    this.partials_.splice(slot, 1);
    return { pduType2: partial.pduType2, shareId: partial.shareId, body };
  }

  /** Forgets everything (a share was deactivated, a sender left). */
  clear() {
    this.partials_ = [];
    this.bufferedBytes_ = 0;
  }
}

function refusal(code, what) {
  return new ProtocolError(null, { code, offset: 0, what });
}
