// Run-length coded palette indices (codecs/tile/IndexRuns): LEB128 tokens, an even
// token 2(n-1) followed by n literal indices packed MSB-first at bitsPerIndex bits and
// padded to a byte, an odd token 2(n-1)+1 followed by one index byte repeated n times.

/** Bits per packed index for a palette of colourCount colours: 1, 2, 4 or 8. */
export function bitsPerIndex(colourCount) {
  if (colourCount <= 2) return 1;
  if (colourCount <= 4) return 2;
  if (colourCount <= 16) return 4;
  return 8;
}

/**
 * Fills indices (its length is the pixel count) from stream. False when the stream is
 * malformed, does not cover exactly indices.length entries or ends with bytes left, or
 * names an index at or above colourCount.
 * @param {Uint8Array} stream
 * @param {number} bits
 * @param {number} colourCount
 * @param {Uint8Array} indices
 * @returns {boolean}
 */
export function decodeIndexRuns(stream, bits, colourCount, indices) {
  const total = indices.length;
  const mask = (1 << bits) - 1;
  const perByte = 8 / bits;
  let pos = 0;
  let filled = 0;
  while (filled < total) {
    // A LEB128 token of at most 32 bits, as the C++ reads it.
    let token = 0;
    let complete = false;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= stream.length) return false;
      const byte = stream[pos++];
      token += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) {
        if (!(shift < 28 || byte < 0x10)) return false;
        complete = true;
        break;
      }
    }
    if (!complete) return false;
    const n = Math.floor(token / 2) + 1;
    if (n > total - filled) return false;
    if (token % 2 === 1) {
      if (pos >= stream.length || stream[pos] >= colourCount) return false;
      indices.fill(stream[pos++], filled, filled + n);
      filled += n;
      continue;
    }
    const bytes = Math.ceil((n * bits) / 8);
    if (bytes > stream.length - pos) return false;
    if (bits === 8) {
      indices.set(stream.subarray(pos, pos + n), filled);
    } else {
      for (let k = 0; k < n; ++k) {
        const shift = 8 - bits * (1 + (k % perByte));
        indices[filled + k] = (stream[pos + Math.floor(k / perByte)] >> shift) & mask;
      }
    }
    for (let k = filled; k < filled + n; ++k) {
      if (indices[k] >= colourCount) return false;
    }
    pos += bytes;
    filled += n;
  }
  return pos === stream.length;
}
