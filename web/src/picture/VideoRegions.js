// Video regions of the picture (VideoRegionUpdate, docs/protocol.md), the video half of
// core/viewer/UpdateApplier: the payload header checked against its region, decoding
// started only at a key frame (after joining, a catch-up's UpdateSynchronize or a
// resize, earlier pictures are missing), pictures decoded in order and drawn into the
// region. The decoding itself is WebCodecs' (WebCodecsDecoder.js), behind a factory so
// that this file runs where WebCodecs does not.
import { CodecId } from '../wire/Capabilities.js';
import { ProtocolError } from '../wire/ProtocolError.js';
import { VideoFlags } from '../wire/SurfacePdus.js';
import { WebCodecsDecoder } from './WebCodecsDecoder.js';
import { VideoCodec, parseVideoPayloadHeader } from './VideoPayload.js';


const rectText = (r) => `${r.width}x${r.height}+${r.x}+${r.y}`;

/** The payload codec a region's codec id carries; undefined for other ids. */
function videoCodecOf(codecId) {
  if (codecId === CodecId.H264Avc420 || codecId === CodecId.H264Avc444) return VideoCodec.H264;
  if (codecId === CodecId.Av1) return VideoCodec.AV1;
  return undefined;
}

/**
 * A decoder of one region's pictures: decode() resolves true once it drew the payload's
 * picture into target, false when the payload gave no picture; throws ProtocolError.
 * close() frees it.
 * @typedef {{decode(payload: Uint8Array, header: import('./VideoPayload.js').VideoPayloadHeader,
 *   target: object): Promise<boolean>, close(): void}} RegionDecoder
 */

export class VideoRegions {
  /**
   * @param {{createDecoder?: (codec: number) => RegionDecoder}} [options] the default
   *   decodes with WebCodecs.
   */
  constructor({ createDecoder = (codec) => new WebCodecsDecoder(codec) } = {}) {
    this.createDecoder_ = createDecoder;
    /** @type {Map<number, {decoder: RegionDecoder, codecId: number}>} */
    this.regions_ = new Map();
  }

  /** Drops every decoder: the next picture of each region must be a key frame. */
  clear() {
    for (const region of this.regions_.values()) region.decoder.close();
    this.regions_.clear();
  }

  /**
   * Decodes a VideoRegionUpdate whose rectangle the caller checked is inside the
   * picture, into target (that rectangle of the picture). Resolves 'drawn', 'none'
   * (accepted, no picture yet) or 'skipped' (a picture before this viewer's first key
   * frame); throws ProtocolError.
   */
  async apply(pdu, target) {
    const codec = videoCodecOf(pdu.codecId);
    if (codec === undefined) throw new ProtocolError(`a video region with codec ${pdu.codecId}`, { what: 'update' });
    // The payload's own size must be its region's, inside the window, before anything
    // is decoded: it bounds what the decoder is asked to produce.
    const header = parseVideoPayloadHeader(pdu.data);
    if (!header || header.codec !== codec || header.width !== pdu.width || header.height !== pdu.height) {
      const rect = { x: pdu.x, y: pdu.y, width: pdu.width, height: pdu.height };
      throw new ProtocolError(`a video payload that is not of its region ${rectText(rect)}`, { what: 'update' });
    }
    let region = this.regions_.get(pdu.regionId);
    if (!region || region.codecId !== pdu.codecId) {
      if (!(pdu.flags & VideoFlags.KeyFrame)) return 'skipped'; // joined or caught up mid-stream
      this.clear(); // the host runs one stream at a time: a new one replaces the old
      region = { decoder: this.createDecoder_(codec), codecId: pdu.codecId };
      this.regions_.set(pdu.regionId, region);
    }
    return (await region.decoder.decode(pdu.data, header, target)) ? 'drawn' : 'none';
  }

  /**
   * The video codec ids (docs/codecs.md) this browser's WebCodecs decodes, for Hello.
   * @returns {Promise<number[]>}
   */
  static async supportedCodecIds() {
    return WebCodecsDecoder.supportedCodecIds();
  }
}
