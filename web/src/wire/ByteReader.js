// The one place that reads protocol bytes, a port of core/protocol/PduReader. Every read
// is bounds-checked; the first failure throws a ProtocolError (where the C++ reader keeps
// a sticky error and reads zeros afterwards, so both refuse at the same place). Integers
// are little-endian (T.128) unless the name says be (TPKT, MCS PER).

import { ErrorCode, refuse } from './ProtocolError.js';
import { decodeUtf8 } from './Utf8.js';

export class ByteReader {
  /** @param {Uint8Array} bytes */
  constructor(bytes) {
    this.bytes_ = bytes;
    this.pos_ = 0;
    this.end_ = bytes.length;
  }

  get offset() { return this.pos_; }
  get remaining() { return this.end_ - this.pos_; }

  require_(count) {
    if (count > this.end_ - this.pos_)
      refuse(ErrorCode.Truncated, this.pos_, '');
  }

  u8() {
    this.require_(1);
    return this.bytes_[this.pos_++];
  }

  u16() {
    this.require_(2);
    const b = this.bytes_;
    const value = b[this.pos_] | (b[this.pos_ + 1] << 8);
    this.pos_ += 2;
    return value;
  }

  u32() {
    this.require_(4);
    const b = this.bytes_;
    const p = this.pos_;
    this.pos_ += 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  i16() { return (this.u16() << 16) >> 16; }
  i32() { return this.u32() | 0; }

  u16be() {
    this.require_(2);
    const value = (this.bytes_[this.pos_] << 8) | this.bytes_[this.pos_ + 1];
    this.pos_ += 2;
    return value;
  }

  /** The next u16 without consuming it (0 when fewer than two bytes remain). */
  peek16() {
    if (this.end_ - this.pos_ < 2)
      return 0;
    return this.bytes_[this.pos_] | (this.bytes_[this.pos_ + 1] << 8);
  }

  /** A view of the next count bytes. */
  bytes(count) {
    this.require_(count);
    const view = this.bytes_.subarray(this.pos_, this.pos_ + count);
    this.pos_ += count;
    return view;
  }

  /** Padding Baton writes as zeros; anything else is refused (encodings stay canonical). */
  zeros(count, what) {
    const start = this.pos_;
    for (const byte of this.bytes(count)) {
      if (byte !== 0)
        refuse(ErrorCode.BadValue, start, what);
    }
  }

  /** count bytes of valid UTF-8, at most maxBytes long. */
  utf8(count, maxBytes, what) {
    if (count > maxBytes)
      refuse(ErrorCode.TooLarge, this.pos_, what);
    const start = this.pos_;
    return decodeUtf8(this.bytes(count), start, what);
  }

  /** A u16 byte length followed by that much UTF-8. */
  utf8WithLength16(maxBytes, what) {
    return this.utf8(this.u16(), maxBytes, what);
  }

  /**
   * An element count read from the wire, checked before anything is sized from it: at
   * most maxCount, and each element needs at least minBytesEach of what remains.
   */
  count(value, maxCount, minBytesEach, what) {
    if (value > maxCount)
      refuse(ErrorCode.TooLarge, this.pos_, what);
    if (minBytesEach > 0 && value > Math.floor(this.remaining / minBytesEach))
      refuse(ErrorCode.Truncated, this.pos_, what);
    return value;
  }

  /** Reads a structure of exactly count bytes with fn; bytes it leaves are a mismatch. */
  within(count, what, fn) {
    this.require_(count);
    const outerEnd = this.end_;
    this.end_ = this.pos_ + count;
    const result = fn(this);
    if (this.pos_ !== this.end_)
      refuse(ErrorCode.LengthMismatch, this.pos_, what);
    this.end_ = outerEnd;
    return result;
  }

  /** A one-byte enumeration whose valid values are first...last. */
  enum8(first, last, what) {
    const at = this.pos_;
    const value = this.u8();
    if (value < first || value > last)
      refuse(ErrorCode.BadValue, at, what);
    return value;
  }

  expectEnd(what) {
    if (this.pos_ !== this.end_)
      refuse(ErrorCode.LengthMismatch, this.pos_, what);
  }
}
