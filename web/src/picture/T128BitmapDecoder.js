// The interleaved RLE of T.128 bitmap updates (MS-RDPBCGR 2.2.9.1.1.3.1.2.4), a port of
// codecs/t128/T128BitmapDecoder: the state machine of MS-RDPBCGR 3.1.9 over native
// pixel values laid out bottom-up, every read and write checked. 8 bpp needs the
// T.128 palette, which a Baton session never sends, so 15, 16 and 24 bpp decode here.

/** The C++ T128DecodeError values' sentences (toString). */
export const T128DecodeError = Object.freeze({
  BadArguments: 'unsupported bitmap size or depth',
  Truncated: 'truncated RLE stream',
  Overflow: 'RLE order writes past the bitmap',
  BadOrder: 'undefined RLE order',
  Incomplete: 'RLE stream ends before the bitmap is full',
});

const Code = Object.freeze({
  BgRun: 0x0, FgRun: 0x1, FgBgImage: 0x2, ColorRun: 0x3, ColorImage: 0x4,
  SetFgFgRun: 0xc, SetFgFgBgImage: 0xd, DitheredRun: 0xe,
});
const MEGA_BG_RUN = 0xf0;
const MEGA_FG_RUN = 0xf1;
const MEGA_FG_BG_IMAGE = 0xf2;
const MEGA_COLOR_RUN = 0xf3;
const MEGA_COLOR_IMAGE = 0xf4;
const MEGA_SET_FG_RUN = 0xf6;
const MEGA_SET_FG_BG_IMAGE = 0xf7;
const MEGA_DITHERED_RUN = 0xf8;
const SPECIAL_FG_BG_1 = 0xf9;
const SPECIAL_FG_BG_2 = 0xfa;
const SPECIAL_WHITE = 0xfd;
const SPECIAL_BLACK = 0xfe;
const MASK_SPECIAL_FG_BG_1 = 0x03;
const MASK_SPECIAL_FG_BG_2 = 0x05;

const NATIVE_BYTES = { 15: 2, 16: 2, 24: 3 };
const WHITE = { 15: 0x7fff, 16: 0xffff, 24: 0xffffff };

class DecodeFailure extends Error {}

const expand5 = (v) => (v << 3) | (v >> 2);
const expand6 = (v) => (v << 2) | (v >> 4);

/** A native pixel as an RGBA-ordered 32-bit value (R in the low byte), alpha 255. */
function nativeToRgba(value, bitsPerPixel) {
  let r;
  let g;
  let b;
  if (bitsPerPixel === 15) {
    r = expand5((value >> 10) & 31);
    g = expand5((value >> 5) & 31);
    b = expand5(value & 31);
  } else if (bitsPerPixel === 16) {
    r = expand5((value >> 11) & 31);
    g = expand6((value >> 5) & 63);
    b = expand5(value & 31);
  } else {
    r = (value >> 16) & 0xff;
    g = (value >> 8) & 0xff;
    b = value & 0xff;
  }
  return (r | (g << 8) | (b << 16) | 0xff000000) >>> 0;
}

class RleReader {
  constructor(stream, bitsPerPixel, pixels, width) {
    this.stream = stream;
    this.pixelBytes = NATIVE_BYTES[bitsPerPixel];
    this.white = WHITE[bitsPerPixel];
    this.pixels = pixels;
    this.width = width;
    this.pos = 0;
    this.out = 0;
    this.fg = this.white;
    this.firstLine = true;
    this.insertFg = false;
  }

  run() {
    while (this.pos < this.stream.length) {
      if (this.firstLine && this.out >= this.width) {
        this.firstLine = false;
        this.insertFg = false;
      }
      this.order();
    }
    if (this.out !== this.pixels.length) throw new DecodeFailure(T128DecodeError.Incomplete);
  }

  readByte() {
    if (this.pos >= this.stream.length) throw new DecodeFailure(T128DecodeError.Truncated);
    return this.stream[this.pos++];
  }

  readU16() {
    const low = this.readByte();
    return low | (this.readByte() << 8);
  }

  readPixel() {
    if (this.stream.length - this.pos < this.pixelBytes) throw new DecodeFailure(T128DecodeError.Truncated);
    let value = 0;
    for (let i = 0; i < this.pixelBytes; ++i) value |= this.stream[this.pos++] << (8 * i);
    return value >>> 0;
  }

  room(count) {
    if (count > this.pixels.length - this.out) throw new DecodeFailure(T128DecodeError.Overflow);
  }

  // The pixel above the next one written; black while the order began on the first
  // scanline (including the part of such an order that spills past it).
  above(firstLine) {
    return firstLine ? 0 : this.pixels[this.out - this.width];
  }

  put(value) {
    this.pixels[this.out++] = value;
  }

  fgBgBits(mask, count, firstLine) {
    for (let bit = 0; bit < count; ++bit) {
      const up = this.above(firstLine);
      this.put((mask >> bit) & 1 ? (up ^ this.fg) >>> 0 : up);
    }
  }

  runLength(header) {
    if (header >= 0xf0) return this.readU16();
    if (header >= 0xc0) {
      const length = header & 0x0f;
      if (header >> 4 === Code.SetFgFgBgImage) return length !== 0 ? length * 8 : this.readByte() + 1;
      return length !== 0 ? length : this.readByte() + 16;
    }
    const length = header & 0x1f;
    if (header >> 5 === Code.FgBgImage) return length !== 0 ? length * 8 : this.readByte() + 1;
    return length !== 0 ? length : this.readByte() + 32;
  }

  order() {
    const header = this.stream[this.pos++];
    const firstLine = this.firstLine;
    let code = header;
    if (header < 0xc0) code = header >> 5;
    else if (header < 0xf0) code = header >> 4;

    if (code === Code.BgRun || header === MEGA_BG_RUN) {
      let length = this.runLength(header);
      this.room(length);
      if (this.insertFg && length > 0) {
        this.put((this.above(firstLine) ^ this.fg) >>> 0);
        --length;
      }
      for (let i = 0; i < length; ++i) this.put(this.above(firstLine));
      this.insertFg = true;
      return;
    }
    this.insertFg = false;

    const setFgRun = code === Code.SetFgFgRun || header === MEGA_SET_FG_RUN;
    const setFgImage = code === Code.SetFgFgBgImage || header === MEGA_SET_FG_BG_IMAGE;
    if (code === Code.FgRun || header === MEGA_FG_RUN || setFgRun) {
      const length = this.runLength(header);
      if (setFgRun) this.fg = this.readPixel();
      this.room(length);
      for (let i = 0; i < length; ++i) this.put((this.above(firstLine) ^ this.fg) >>> 0);
    } else if (code === Code.DitheredRun || header === MEGA_DITHERED_RUN) {
      const length = this.runLength(header);
      const value = this.readPixel();
      const other = this.readPixel();
      this.room(length * 2);
      for (let i = 0; i < length; ++i) {
        this.put(value);
        this.put(other);
      }
    } else if (code === Code.ColorRun || header === MEGA_COLOR_RUN) {
      const length = this.runLength(header);
      const value = this.readPixel();
      this.room(length);
      for (let i = 0; i < length; ++i) this.put(value);
    } else if (code === Code.FgBgImage || header === MEGA_FG_BG_IMAGE || setFgImage) {
      let length = this.runLength(header);
      if (setFgImage) this.fg = this.readPixel();
      if (Math.ceil(length / 8) > this.stream.length - this.pos) throw new DecodeFailure(T128DecodeError.Truncated);
      this.room(length);
      while (length > 0) {
        const bits = Math.min(length, 8);
        this.fgBgBits(this.stream[this.pos++], bits, firstLine);
        length -= bits;
      }
    } else if (code === Code.ColorImage || header === MEGA_COLOR_IMAGE) {
      const length = this.runLength(header);
      if (length * this.pixelBytes > this.stream.length - this.pos) throw new DecodeFailure(T128DecodeError.Truncated);
      this.room(length);
      for (let i = 0; i < length; ++i) this.put(this.readPixel());
    } else if (header === SPECIAL_FG_BG_1 || header === SPECIAL_FG_BG_2) {
      this.room(8);
      this.fgBgBits(header === SPECIAL_FG_BG_1 ? MASK_SPECIAL_FG_BG_1 : MASK_SPECIAL_FG_BG_2, 8, firstLine);
    } else if (header === SPECIAL_WHITE || header === SPECIAL_BLACK) {
      this.room(1);
      this.put(header === SPECIAL_WHITE ? this.white : 0);
    } else {
      throw new DecodeFailure(T128DecodeError.BadOrder);
    }
  }
}

/**
 * Decodes an interleaved RLE stream of a width × height bitmap into RGBA-ordered
 * 32-bit pixels, rows top-down. Returns the pixels, or the reason it cannot (one of
 * T128DecodeError's sentences).
 * @param {Uint8Array} stream
 * @param {number} bitsPerPixel
 * @param {number} width 1…16384
 * @param {number} height 1…16384
 * @returns {{pixels: Uint32Array} | {error: string}}
 */
export function decodeT128Bitmap(stream, bitsPerPixel, width, height) {
  if (!NATIVE_BYTES[bitsPerPixel] || !(width >= 1 && height >= 1 && width <= 16384 && height <= 16384)) {
    return { error: T128DecodeError.BadArguments };
  }
  const native = new Uint32Array(width * height);
  try {
    new RleReader(stream, bitsPerPixel, native, width).run();
  } catch (error) {
    if (error instanceof DecodeFailure) return { error: error.message };
    throw error;
  }
  const pixels = new Uint32Array(width * height);
  for (let line = 0; line < height; ++line) {
    const row = (height - 1 - line) * width;
    for (let x = 0; x < width; ++x) pixels[row + x] = nativeToRgba(native[line * width + x], bitsPerPixel);
  }
  return { pixels };
}
