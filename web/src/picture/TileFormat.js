// The byte format of one lossless tile payload (docs/codecs.md, "Lossless tile
// payload"); the constants of codecs/tile/TileFormat.h.

export const TileKind = Object.freeze({ Solid: 0, Palette: 1, Generic: 2 });
export const RowFilter = Object.freeze({ None: 0, Sub: 1, Up: 2, Gradient: 3 });

export const KIND_MASK = 0x03;
export const OPAQUE_FLAG = 0x04;
export const ZSTD_FLAG = 0x08;
export const FILTER_SHIFT = 4;
export const FILTER_MASK = 0x30;
export const RESERVED_MASK = 0xc0;
export const PLAIN_INDICES = 0x10;
export const ESCAPES = 0x20;
export const HEADER_BYTES = 5;
export const ESCAPE_INDEX = 255;

// Frame::kMaxDimensionPx: no picture, tile or region is larger.
export const MAX_DIMENSION_PX = 16384;

/** @param {number} width @param {number} height */
export function isValidSize(width, height) {
  return width >= 1 && height >= 1 && width <= MAX_DIMENSION_PX && height <= MAX_DIMENSION_PX;
}
