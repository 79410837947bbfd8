// The video payload header of docs/codecs.md ("Video payload"), a port of
// codecs/video/VideoPayload, and the WebCodecs codec string a key frame's own parameter
// sets name (H.264's SPS, AV1's sequence header).
import { ProtocolError } from '../wire/ProtocolError.js';
import { isValidSize } from './TileFormat.js';

export const VideoCodec = Object.freeze({ H264: 3, AV1: 5 });
export const VIDEO_PAYLOAD_HEADER_BYTES = 6;

/**
 * @typedef {object} VideoPayloadHeader
 * @property {number} codec a VideoCodec
 * @property {boolean} keyFrame
 * @property {boolean} chroma444
 * @property {number} width the size to crop the decoded picture to
 * @property {number} height
 */

/**
 * Validates the header (known codec, no reserved bits, a size within the frame limits, a
 * non-empty bitstream after it); null for anything else.
 * @param {Uint8Array} payload
 * @returns {VideoPayloadHeader | null}
 */
export function parseVideoPayloadHeader(payload) {
  if (payload.length <= VIDEO_PAYLOAD_HEADER_BYTES) return null;
  const codec = payload[0];
  if (codec !== VideoCodec.H264 && codec !== VideoCodec.AV1) return null;
  if ((payload[1] & 0xfc) !== 0) return null;
  const width = payload[2] | (payload[3] << 8);
  const height = payload[4] | (payload[5] << 8);
  if (!isValidSize(width, height)) return null;
  return { codec, keyFrame: (payload[1] & 1) !== 0, chroma444: (payload[1] & 2) !== 0, width, height };
}

const hex2 = (value) => value.toString(16).padStart(2, '0');

/**
 * 'avc1.PPCCLL' from the first SPS of an Annex-B access unit (profile_idc,
 * constraint flags, level_idc: its first three bytes, which emulation prevention never
 * touches since profile_idc is not zero).
 * @param {Uint8Array} bitstream
 */
export function h264CodecString(bitstream) {
  for (let i = 0; i + 3 < bitstream.length; ++i) {
    if (bitstream[i] !== 0 || bitstream[i + 1] !== 0 || bitstream[i + 2] !== 1) continue;
    const nal = i + 3;
    if ((bitstream[nal] & 0x1f) === 7 && nal + 3 < bitstream.length && bitstream[nal + 1] !== 0) {
      return `avc1.${hex2(bitstream[nal + 1])}${hex2(bitstream[nal + 2])}${hex2(bitstream[nal + 3])}`;
    }
  }
  throw new ProtocolError('an H.264 key frame without a sequence parameter set', { what: 'video payload' });
}

class BitReader {
  constructor(bytes, start, end) {
    this.bytes = bytes;
    this.bit = start * 8;
    this.end = end * 8;
  }

  read(count) {
    if (this.bit + count > this.end) throw new ProtocolError('a truncated AV1 sequence header', { what: 'video payload' });
    let value = 0;
    for (let i = 0; i < count; ++i, ++this.bit) {
      value = value * 2 + ((this.bytes[this.bit >> 3] >> (7 - (this.bit & 7))) & 1);
    }
    return value;
  }

  uvlc() {
    let zeros = 0;
    while (this.read(1) === 0) {
      if (++zeros >= 32) throw new ProtocolError('a bad AV1 sequence header', { what: 'video payload' });
    }
    return this.read(zeros);
  }
}

/** Reads an AV1 leb128 at pos; returns [value, next position] or null. */
function leb128(bytes, pos) {
  let value = 0;
  for (let i = 0; i < 8; ++i) {
    if (pos >= bytes.length) return null;
    const byte = bytes[pos++];
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return [value, pos];
  }
  return null;
}

/**
 * 'av01.P.LLT.08' from the sequence header OBU of a temporal unit (profile, the first
 * operating point's level and tier; Baton's encoders write 8 bits per sample).
 * @param {Uint8Array} bitstream
 */
export function av1CodecString(bitstream) {
  let pos = 0;
  while (pos < bitstream.length) {
    const header = bitstream[pos];
    const type = (header >> 3) & 0xf;
    const hasExtension = (header >> 2) & 1;
    const hasSize = (header >> 1) & 1;
    pos += 1 + hasExtension;
    let size = bitstream.length - pos;
    if (hasSize) {
      const field = leb128(bitstream, pos);
      if (!field) break;
      [size, pos] = field;
    }
    if (pos + size > bitstream.length) break;
    if (type === 1) {
      const r = new BitReader(bitstream, pos, pos + size);
      const profile = r.read(3);
      r.read(1); // still_picture
      let level = 0;
      let tier = 0;
      if (r.read(1)) {
        level = r.read(5); // reduced_still_picture_header
      } else {
        if (r.read(1)) { // timing_info_present_flag
          r.read(32);
          r.read(32);
          if (r.read(1)) r.uvlc(); // equal_picture_interval
          if (r.read(1)) r.read(5 + 32 + 5 + 5); // decoder_model_info
        }
        r.read(1); // initial_display_delay_present_flag
        r.read(5); // operating_points_cnt_minus_1: the first point is the one named
        r.read(12);
        level = r.read(5);
        tier = level > 7 ? r.read(1) : 0;
      }
      return `av01.${profile}.${String(level).padStart(2, '0')}${tier ? 'H' : 'M'}.08`;
    }
    pos += size;
  }
  throw new ProtocolError('an AV1 key frame without a sequence header', { what: 'video payload' });
}
