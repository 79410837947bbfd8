// Decodes the lossless tile payloads of docs/codecs.md, a port of
// codecs/tile/TileDecoder.cpp: every length, count and index is checked against the
// header before use and nothing is allocated but from the header's bounded size, so any
// byte string is safe to hand it. Every failure throws ProtocolError.
import { ProtocolError } from '../wire/ProtocolError.js';
import { colourTableBytes, readColourTable } from './ColourTable.js';
import { bitsPerIndex, decodeIndexRuns } from './IndexRuns.js';
import { undoRowFilter } from './RowFilters.js';
import {
  ESCAPE_INDEX,
  ESCAPES,
  FILTER_MASK,
  FILTER_SHIFT,
  HEADER_BYTES,
  KIND_MASK,
  OPAQUE_FLAG,
  PLAIN_INDICES,
  RESERVED_MASK,
  TileKind,
  ZSTD_FLAG,
  isValidSize,
} from './TileFormat.js';
import { inflateExactly, readFrameHeader } from './ZstdFrame.js';

/** The C++ TileDecodeError values' sentences (toString). */
export const TileDecodeError = Object.freeze({
  Truncated: 'truncated tile payload',
  BadHeader: 'invalid tile header',
  SizeMismatch: 'tile size differs from its target',
  BadPalette: 'invalid palette body',
  BadZstd: 'invalid zstd body',
  TrailingBytes: 'bytes after the tile body',
});

/** @param {string} why */
function fail(why) {
  return new ProtocolError(why, { what: 'tile payload' });
}

/**
 * @typedef {object} TileHeader
 * @property {number} kind a TileKind
 * @property {boolean} opaque
 * @property {boolean} zstd
 * @property {number} filter a RowFilter (generic tiles)
 * @property {boolean} plainIndices palette tiles
 * @property {boolean} escapes palette tiles
 * @property {number} width
 * @property {number} height
 */

/**
 * Reads and validates the 5-byte header (parseTileHeader).
 * @param {Uint8Array} payload
 * @returns {TileHeader}
 */
export function parseTileHeader(payload) {
  if (payload.length < HEADER_BYTES) throw fail(TileDecodeError.Truncated);
  const flags = payload[0];
  const kind = flags & KIND_MASK;
  const zstd = (flags & ZSTD_FLAG) !== 0;
  const header = {
    kind,
    opaque: (flags & OPAQUE_FLAG) !== 0,
    zstd,
    filter: kind === TileKind.Generic ? (flags & FILTER_MASK) >> FILTER_SHIFT : 0,
    plainIndices: kind === TileKind.Palette && (flags & PLAIN_INDICES) !== 0,
    escapes: kind === TileKind.Palette && (flags & ESCAPES) !== 0,
    width: payload[1] | (payload[2] << 8),
    height: payload[3] | (payload[4] << 8),
  };
  // Escapes come only with plain indices; other kinds have no use for bits 4-5.
  const filterAllowed =
    kind === TileKind.Generic ||
    (flags & FILTER_MASK) === 0 ||
    (kind === TileKind.Palette && (flags & FILTER_MASK) !== ESCAPES);
  const zstdAllowed = kind === TileKind.Palette || (kind === TileKind.Generic && zstd) || !zstd;
  const knownKind = kind === TileKind.Solid || kind === TileKind.Palette || kind === TileKind.Generic;
  if ((flags & RESERVED_MASK) !== 0 || !knownKind || !filterAllowed || !zstdAllowed ||
      !isValidSize(header.width, header.height)) {
    throw fail(TileDecodeError.BadHeader);
  }
  return header;
}

/**
 * Where a tile goes: a rectangle of a 32-bit RGBA picture (a little-endian
 * Uint32Array view of ImageData's bytes, R in the low byte).
 * @typedef {object} TileTarget
 * @property {Uint32Array} pixels
 * @property {number} stride pixels per row of `pixels`
 * @property {number} offset index in `pixels` of the tile's top-left pixel
 * @property {number} width
 * @property {number} height
 */

/** A BGR(A) colour at bytes[at] as an RGBA-ordered 32-bit value. */
function readColour(bytes, at, opaque) {
  const alpha = opaque ? 0xff : bytes[at + 3];
  return (bytes[at + 2] | (bytes[at + 1] << 8) | (bytes[at] << 16) | (alpha << 24)) >>> 0;
}

export class TileDecoder {
  constructor() {
    this.colours_ = new Uint32Array(256);
  }

  /**
   * Writes the tile into target, which must have the header's size. On error target's
   * content is unspecified.
   * @param {Uint8Array} payload
   * @param {TileTarget} target
   */
  decode(payload, target) {
    const header = parseTileHeader(payload);
    if (target.width !== header.width || target.height !== header.height) {
      throw fail(TileDecodeError.SizeMismatch);
    }
    const body = payload.subarray(HEADER_BYTES);
    if (header.kind === TileKind.Solid) {
      const colourBytes = header.opaque ? 3 : 4;
      if (body.length < colourBytes) throw fail(TileDecodeError.Truncated);
      if (body.length > colourBytes) throw fail(TileDecodeError.TrailingBytes);
      const colour = readColour(body, 0, header.opaque);
      for (let y = 0; y < header.height; ++y) {
        const row = target.offset + y * target.stride;
        target.pixels.fill(colour, row, row + header.width);
      }
    } else if (header.kind === TileKind.Palette) {
      this.decodePalette_(header, body, target);
    } else {
      this.decodeGeneric_(header, body, target);
    }
  }

  /** @param {TileHeader} header @param {Uint8Array} body @param {TileTarget} target */
  decodePalette_(header, body, target) {
    if (body.length === 0) throw fail(TileDecodeError.Truncated);
    const count = body[0] + 1;
    // With escapes the table has exactly 255 colours, so every byte is a valid index.
    if (header.escapes && count !== ESCAPE_INDEX) throw fail(TileDecodeError.BadPalette);
    const colourBytes = header.opaque ? 3 : 4;
    const tableBytes = colourTableBytes(count, header.opaque);
    const pixels = header.width * header.height;

    let stream = body.subarray(1);
    if (header.zstd) {
      // Index runs never exceed about two bytes per pixel plus their literals, which with
      // the table and the escapes bounds what an honest frame can declare.
      const bound = tableBytes + (header.plainIndices ? pixels : 3 * pixels + 16) +
        (header.escapes ? pixels * colourBytes : 0);
      const frameHeader = readFrameHeader(stream);
      if (!frameHeader || frameHeader.contentSize > bound) throw fail(TileDecodeError.BadZstd);
      const inflated = inflateExactly(stream, frameHeader.contentSize);
      if (!inflated) throw fail(TileDecodeError.BadZstd);
      stream = inflated;
    }
    if (stream.length < tableBytes) throw fail(TileDecodeError.Truncated);
    const colours = this.colours_;
    colours.fill(0);
    readColourTable(stream, header.opaque, colours, count);
    stream = stream.subarray(tableBytes);

    let indices;
    if (header.plainIndices) {
      if (stream.length < pixels) throw fail(TileDecodeError.Truncated);
      indices = stream.subarray(0, pixels);
      stream = stream.subarray(pixels);
    } else {
      indices = new Uint8Array(pixels);
      if (!decodeIndexRuns(stream, bitsPerIndex(count), count, indices)) {
        throw fail(TileDecodeError.BadPalette);
      }
      stream = stream.subarray(stream.length);
    }

    const { width, height } = header;
    const out = target.pixels;
    if (!header.escapes) {
      if (stream.length !== 0) throw fail(TileDecodeError.TrailingBytes);
      // Plain indices are checked while mapping; runs were checked when decoded.
      let highest = 0;
      let i = 0;
      for (let y = 0; y < height; ++y) {
        let at = target.offset + y * target.stride;
        for (let x = 0; x < width; ++x, ++i) {
          const index = indices[i];
          if (index > highest) highest = index;
          out[at++] = colours[index];
        }
      }
      if (highest >= count) throw fail(TileDecodeError.BadPalette);
      return;
    }
    let escaped = 0;
    for (let i = 0; i < pixels; ++i) if (indices[i] === ESCAPE_INDEX) ++escaped;
    if (stream.length !== escaped * colourBytes) {
      throw fail(stream.length < escaped * colourBytes ? TileDecodeError.Truncated : TileDecodeError.TrailingBytes);
    }
    let escapedColour = 0;
    let i = 0;
    for (let y = 0; y < height; ++y) {
      let at = target.offset + y * target.stride;
      for (let x = 0; x < width; ++x, ++i) {
        const index = indices[i];
        if (index === ESCAPE_INDEX) {
          out[at++] = readColour(stream, escapedColour, header.opaque);
          escapedColour += colourBytes;
        } else {
          out[at++] = colours[index];
        }
      }
    }
  }

  /** @param {TileHeader} header @param {Uint8Array} body @param {TileTarget} target */
  decodeGeneric_(header, body, target) {
    const channels = header.opaque ? 3 : 4;
    const rowBytes = header.width * channels;
    if (body.length === 0) throw fail(TileDecodeError.Truncated);
    const bytes = inflateExactly(body, rowBytes * header.height);
    if (!bytes) throw fail(TileDecodeError.BadZstd);
    undoRowFilter(header.filter, bytes, rowBytes, channels);
    const out = target.pixels;
    let source = 0;
    for (let y = 0; y < header.height; ++y) {
      let at = target.offset + y * target.stride;
      for (let x = 0; x < header.width; ++x, source += channels) {
        out[at++] = readColour(bytes, source, header.opaque);
      }
    }
  }
}
