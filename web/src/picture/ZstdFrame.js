// One zstd frame that must expand to exactly a known number of bytes, the check the C++
// tile decoder makes with libzstd (inflateExactly in codecs/tile/TileDecoder.cpp),
// here over fzstd, after checking the frame's header and block layout itself.
import { decompress } from '../../node_modules/fzstd/esm/index.mjs';

const MAGIC = 0xfd2fb528;
// ZSTD_BLOCKSIZE_MAX: no block holds or regenerates more.
const MAX_BLOCK_BYTES = 128 * 1024;

/**
 * The content size a zstd frame declares in its header; null when the bytes are not a
 * zstd frame header, or the frame has no size, a dictionary or reserved bits.
 * @param {Uint8Array} frame
 * @returns {{contentSize: number, headerBytes: number, checksum: boolean} | null}
 */
export function readFrameHeader(frame) {
  if (frame.length < 6) return null;
  const magic = (frame[0] | (frame[1] << 8) | (frame[2] << 16) | (frame[3] << 24)) >>> 0;
  if (magic !== MAGIC) return null;
  const descriptor = frame[4];
  const sizeFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const checksum = ((descriptor >> 2) & 1) === 1;
  const dictionaryFlag = descriptor & 3;
  if (descriptor & 0x08) return null; // reserved bit
  let pos = 5 + (singleSegment ? 0 : 1); // window descriptor
  const dictionaryBytes = [0, 1, 2, 4][dictionaryFlag];
  const sizeBytes = [singleSegment ? 1 : 0, 2, 4, 8][sizeFlag];
  if (sizeBytes === 0 || frame.length < pos + dictionaryBytes + sizeBytes) return null;
  let dictionaryId = 0;
  for (let i = 0; i < dictionaryBytes; ++i) dictionaryId += frame[pos + i] * 2 ** (8 * i);
  // The payload format has no dictionaries: libzstd refuses a frame that names one.
  if (dictionaryId !== 0) return null;
  pos += dictionaryBytes;
  let contentSize = 0;
  for (let i = 0; i < sizeBytes; ++i) contentSize += frame[pos + i] * 2 ** (8 * i);
  if (sizeBytes === 2) contentSize += 256;
  return { contentSize, headerBytes: pos + sizeBytes, checksum };
}

/**
 * Decompresses frame, which must be exactly one zstd frame (no bytes after it) that
 * declares expectedBytes and expands to them. Returns null for anything else; fzstd's
 * own errors on corrupt blocks become null too.
 * @param {Uint8Array} frame
 * @param {number} expectedBytes
 * @returns {Uint8Array | null}
 */
export function inflateExactly(frame, expectedBytes) {
  const header = readFrameHeader(frame);
  // An empty frame holds nothing a tile needs, and fzstd would size its buffer by the
  // frame's window instead of its content.
  if (!header || header.contentSize !== expectedBytes || expectedBytes === 0) return null;
  // Walk the block headers: the frame must end exactly at the end of the bytes, and the
  // blocks whose regenerated size is known in advance (raw, RLE) must fit.
  let pos = header.headerBytes;
  let knownBytes = 0;
  let compressedBlocks = 0;
  for (;;) {
    if (frame.length - pos < 3) return null;
    const block = frame[pos] | (frame[pos + 1] << 8) | (frame[pos + 2] << 16);
    pos += 3;
    const last = block & 1;
    const type = (block >> 1) & 3;
    const size = block >>> 3;
    if (type === 3 || size > MAX_BLOCK_BYTES) return null;
    if (type === 1) {
      knownBytes += size;
      pos += 1;
    } else {
      if (type === 0) knownBytes += size;
      else ++compressedBlocks;
      pos += size;
    }
    if (pos > frame.length || knownBytes > expectedBytes) return null;
    if (last) break;
  }
  if (header.checksum) pos += 4;
  if (pos !== frame.length) return null;
  if (compressedBlocks === 0 && knownBytes !== expectedBytes) return null;
  try {
    // Without an output buffer fzstd allocates exactly the declared content size (and
    // decodes into it). With one, it compares that buffer with a number, which turns
    // the whole buffer into a string first.
    const out = decompress(frame);
    return out.length === expectedBytes ? out : null;
  } catch {
    return null;
  }
}
