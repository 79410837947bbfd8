// The colour table of a palette tile (codecs/tile/ColourTable): planes of differences
// from the previous entry, G, then B−G, then R−G (then A when not opaque), modulo 256.

/**
 * Reads count colours from the first count × (3 or 4) bytes of table, which the caller
 * has checked are there, as RGBA-ordered 32-bit values (R in the low byte, as a
 * little-endian Uint32Array view of ImageData holds them). Any bytes give some table.
 * @param {Uint8Array} table
 * @param {boolean} opaque
 * @param {Uint32Array} colours receives count colours
 * @param {number} count
 */
export function readColourTable(table, opaque, colours, count) {
  const blue = count;
  const red = 2 * count;
  const alpha = 3 * count;
  let g = 0;
  let blueMinusGreen = 0;
  let redMinusGreen = 0;
  let a = 0;
  for (let i = 0; i < count; ++i) {
    g = (g + table[i]) & 0xff;
    blueMinusGreen = (blueMinusGreen + table[blue + i]) & 0xff;
    redMinusGreen = (redMinusGreen + table[red + i]) & 0xff;
    a = opaque ? 0xff : (a + table[alpha + i]) & 0xff;
    const b = (blueMinusGreen + g) & 0xff;
    const r = (redMinusGreen + g) & 0xff;
    colours[i] = (r | (g << 8) | (b << 16) | (a << 24)) >>> 0;
  }
}

/** @param {number} count @param {boolean} opaque */
export function colourTableBytes(count, opaque) {
  return count * (opaque ? 3 : 4);
}
