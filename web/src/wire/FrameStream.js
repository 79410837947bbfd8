// Cuts the host's byte stream (whatever chunks the WebSocket delivers) into frames, a
// port of core/protocol/FrameDecoder:
//
//   stream.push(chunk);
//   for (let frame; (frame = stream.next()); ) handle(frame);
//
// A header is checked as soon as its bytes arrive, so a bad or oversized length is
// refused before its frame is waited for. The first error is thrown and then thrown again
// by every later call (the stream cannot be resynchronised). Memory is bounded: at most
// kMaxPendingBytes may wait undecoded; drain next() after every push().

import {
  decodeFrame, kFastPathHeaderByte, kMaxFastPathFrameBytes, kMaxFrameBytes,
  kMinFastPathFrameBytes, kMinFrameBytes, kTpktHeaderBytes,
} from './Framing.js';
import { ErrorCode, ProtocolError } from './ProtocolError.js';

export const kMaxPendingBytes = 1 << 20;

export class FrameStream {
  /** @param {{acceptFastPath?: boolean}} [options] a viewer takes its host's fast path */
  constructor({ acceptFastPath = true } = {}) {
    this.acceptFastPath_ = acceptFastPath;
    this.buffer_ = new Uint8Array(0);
    this.start_ = 0; // first undecoded byte in buffer_
    this.end_ = 0; // one past the last byte pushed
    this.streamOffset_ = 0; // stream offset of buffer_[start_]
    /** @type {ProtocolError|null} */
    this.error_ = null;
  }

  get pendingBytes() { return this.end_ - this.start_; }
  /** True when no partial frame waits (a clean place for the peer to have stopped). */
  get idle() { return this.pendingBytes === 0; }
  get error() { return this.error_; }

  /** @param {Uint8Array} chunk */
  push(chunk) {
    this.throwIfFailed_();
    if (chunk.length > kMaxPendingBytes - this.pendingBytes) {
      this.fail_(new ProtocolError(null, { code: ErrorCode.TooLarge,
        offset: this.streamOffset_ + this.pendingBytes, what: 'undecoded bytes' }));
    }
    const pending = this.pendingBytes;
    if (this.end_ + chunk.length > this.buffer_.length) {
      // Compact (and grow only when what waits needs it) before appending.
      const needed = pending + chunk.length;
      const target = needed > this.buffer_.length
        ? new Uint8Array(Math.min(kMaxPendingBytes, Math.max(needed, this.buffer_.length * 2)))
        : this.buffer_;
      if (target === this.buffer_)
        target.copyWithin(0, this.start_, this.end_);
      else
        target.set(this.buffer_.subarray(this.start_, this.end_));
      this.buffer_ = target;
      this.start_ = 0;
      this.end_ = pending;
    }
    this.buffer_.set(chunk, this.end_);
    this.end_ += chunk.length;
  }

  /**
   * The next whole frame, or null when more bytes are needed. Its payload has a buffer of
   * its own, so views into it stay valid.
   */
  next() {
    this.throwIfFailed_();
    if (this.pendingBytes === 0)
      return null;
    const pending = this.buffer_.subarray(this.start_, this.end_);
    const fastPath = this.acceptFastPath_ && pending[0] === kFastPathHeaderByte;
    const length = fastPath ? this.fastPathLength_(pending) : this.tpktLength_(pending);
    if (length === null || pending.length < length)
      return null;
    let frame;
    try {
      frame = decodeFrame(pending.slice(0, length), this.acceptFastPath_);
    } catch (error) {
      if (!(error instanceof ProtocolError))
        throw error;
      this.fail_(error.shifted(this.streamOffset_));
    }
    this.start_ += length;
    this.streamOffset_ += length;
    if (this.start_ === this.end_)
      this.start_ = this.end_ = 0;
    return frame;
  }

  fastPathLength_(pending) {
    if (pending.length < 2)
      return null;
    let length = pending[1];
    if (length & 0x80) {
      if (pending.length < 3)
        return null;
      length = ((length & 0x7F) << 8) | pending[2];
    }
    return this.inRange_(length, kMinFastPathFrameBytes, kMaxFastPathFrameBytes, 1,
      'fast-path length below minimum', 'fast-path length');
  }

  tpktLength_(pending) {
    if (pending.length < kTpktHeaderBytes)
      return null;
    if (pending[0] !== 0x03 || pending[1] !== 0x00) {
      this.fail_(new ProtocolError(null, { code: ErrorCode.UnknownType,
        offset: this.streamOffset_, what: 'TPKT header' }));
    }
    const length = (pending[2] << 8) | pending[3];
    return this.inRange_(length, kMinFrameBytes, kMaxFrameBytes, 2, 'TPKT length below minimum',
      'TPKT length');
  }

  inRange_(length, min, max, at, tooShort, tooLong) {
    if (length < min) {
      this.fail_(new ProtocolError(null, { code: ErrorCode.LengthMismatch,
        offset: this.streamOffset_ + at, what: tooShort }));
    }
    if (length > max) {
      this.fail_(new ProtocolError(null, { code: ErrorCode.TooLarge,
        offset: this.streamOffset_ + at, what: tooLong }));
    }
    return length;
  }

  fail_(error) {
    this.error_ = error;
    this.buffer_ = new Uint8Array(0);
    this.start_ = this.end_ = 0;
    throw error;
  }

  throwIfFailed_() {
    if (this.error_)
      throw this.error_;
  }
}
