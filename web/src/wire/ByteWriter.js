// The one place that writes protocol bytes, a port of core/protocol/PduWriter:
// little-endian unless the name says be. A value the protocol cannot carry (a name too
// long, more elements than a count allows) throws a ProtocolError with reason
// InternalError instead of writing bytes a conforming decoder would refuse: it is this
// side's mistake, not the peer's. So does a number outside its field's range (what C++'s
// integer types rule out): a fraction, NaN or -1 is never written as something else.

import { CloseReason } from './CloseReason.js';
import { ErrorCode, ProtocolError } from './ProtocolError.js';
import { encodeUtf8 } from './Utf8.js';

export class ByteWriter {
  constructor(capacity = 64) {
    this.buffer_ = new Uint8Array(capacity);
    this.size_ = 0;
  }

  get size() { return this.size_; }

  reserve_(count) {
    if (this.size_ + count <= this.buffer_.length)
      return;
    const grown = new Uint8Array(Math.max(this.buffer_.length * 2, this.size_ + count));
    grown.set(this.buffer_.subarray(0, this.size_));
    this.buffer_ = grown;
  }

  /** value, unless it is not an integer in [min, max]. */
  checked_(value, min, max) {
    if (!Number.isInteger(value) || value < min || value > max)
      this.fail(ErrorCode.BadValue, `${value} outside ${min}...${max}`);
    return value;
  }

  u8(value) {
    this.checked_(value, 0, 0xFF);
    this.reserve_(1);
    this.buffer_[this.size_++] = value & 0xFF;
  }

  u16(value) {
    this.checked_(value, 0, 0xFFFF);
    this.reserve_(2);
    this.buffer_[this.size_++] = value & 0xFF;
    this.buffer_[this.size_++] = (value >>> 8) & 0xFF;
  }

  u32(value) {
    this.checked_(value, 0, 0xFFFFFFFF);
    this.reserve_(4);
    for (let shift = 0; shift < 32; shift += 8)
      this.buffer_[this.size_++] = (value >>> shift) & 0xFF;
  }

  i16(value) { this.u16(this.checked_(value, -0x8000, 0x7FFF) & 0xFFFF); }
  i32(value) { this.u32(this.checked_(value, -0x80000000, 0x7FFFFFFF) >>> 0); }

  u16be(value) {
    this.checked_(value, 0, 0xFFFF);
    this.reserve_(2);
    this.buffer_[this.size_++] = (value >>> 8) & 0xFF;
    this.buffer_[this.size_++] = value & 0xFF;
  }

  bytes(data) {
    this.reserve_(data.length);
    this.buffer_.set(data, this.size_);
    this.size_ += data.length;
  }

  zeros(count) {
    this.reserve_(count);
    this.buffer_.fill(0, this.size_, this.size_ + count);
    this.size_ += count;
  }

  /** UTF-8 with a u16 byte length in front; longer than maxBytes is an error. */
  utf8WithLength16(text, maxBytes, what) {
    const bytes = encodeUtf8(text, what);
    if (bytes.length > maxBytes)
      this.fail(ErrorCode.TooLarge, what);
    this.u16(bytes.length);
    this.bytes(bytes);
  }

  /** A count field: value as u8 / u16, refused above maxCount. */
  count8(value, maxCount, what) {
    if (value > maxCount || value > 0xFF)
      this.fail(ErrorCode.TooLarge, what);
    this.u8(value);
  }

  count16(value, maxCount, what) {
    if (value > maxCount || value > 0xFFFF)
      this.fail(ErrorCode.TooLarge, what);
    this.u16(value);
  }

  /** Reserves a u16 to be filled in later (lengths that precede what they measure). */
  placeholder16() {
    const at = this.size_;
    this.zeros(2);
    return at;
  }

  patch16(at, value) {
    this.buffer_[at] = value & 0xFF;
    this.buffer_[at + 1] = (value >>> 8) & 0xFF;
  }

  /** A field value that cannot be encoded. */
  fail(code, what) {
    throw new ProtocolError(null, { reason: CloseReason.InternalError, code, offset: this.size_,
      what });
  }

  /** The bytes written, in a buffer of their own. */
  take() {
    return this.buffer_.slice(0, this.size_);
  }
}
