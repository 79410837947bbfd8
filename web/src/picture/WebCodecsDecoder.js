// One video region's decoder over WebCodecs' VideoDecoder: H.264 as Annex B (no
// description, so the parameter sets travel in the stream, before every IDR) and AV1,
// configured from each key frame's own parameter sets. Decoded pictures are copied out
// as YUV planes and converted to RGBA by YuvConverter (BT.709 limited range, as the C++
// viewer's BgraConverter), so the colours do not depend on how a browser's canvas
// converts video; a picture whose planes cannot be read (a GPU-only frame) is drawn
// through an OffscreenCanvas instead. Every VideoFrame is closed however it ends.
import { ProtocolError } from '../wire/ProtocolError.js';
import {
  VIDEO_PAYLOAD_HEADER_BYTES,
  VideoCodec,
  av1CodecString,
  h264CodecString,
} from './VideoPayload.js';
import { yuvToRgba } from './YuvConverter.js';

// A zero-latency stream gives each picture back for its own chunk; a decoder that
// holds one longer than this is treated as having given none, and the late picture is
// dropped rather than drawn over what came after it.
const OUTPUT_TIMEOUT_MS = 2000;

// What supportedCodecIds() asks the browser about, per Baton codec id: H.264 High and
// High 4:4:4 Predictive at level 5.1, AV1 Main at level 5.1, 8 bits.
const PROBES = [
  [3, 'avc1.640033'],
  [4, 'avc1.f40033'],
  [5, 'av01.0.13M.08'],
];

const PLANAR_FORMATS = new Set(['I420', 'I420A', 'NV12', 'I444', 'I444A']);

const decodeError = (why) => new ProtocolError(`a video picture does not decode: ${why}`, { what: 'update' });

export class WebCodecsDecoder {
  /** @param {number} codec a VideoCodec */
  constructor(codec) {
    if (typeof globalThis.VideoDecoder !== 'function') {
      throw new ProtocolError('a video region, but this browser has no WebCodecs VideoDecoder', { what: 'update' });
    }
    this.codec_ = codec;
    this.config_ = '';
    this.timestamp_ = 0;
    /** @type {Map<number, {resolve: (frame: VideoFrame | null) => void, reject: (e: Error) => void}>} */
    this.waiting_ = new Map();
    /** @type {ProtocolError | null} */
    this.error_ = null;
    this.decoder_ = new VideoDecoder({
      output: (frame) => this.output_(frame),
      error: (error) => this.fail_(decodeError(error.message)),
    });
  }

  close() {
    this.fail_(decodeError('the decoder was closed'));
    if (this.decoder_.state !== 'closed') this.decoder_.close();
  }

  /**
   * @param {Uint8Array} payload
   * @param {import('./VideoPayload.js').VideoPayloadHeader} header
   * @param {{pixels: Uint32Array, stride: number, offset: number, width: number, height: number}} target
   * @returns {Promise<boolean>}
   */
  async decode(payload, header, target) {
    if (this.error_) throw this.error_;
    const bitstream = payload.subarray(VIDEO_PAYLOAD_HEADER_BYTES);
    if (header.keyFrame) {
      const codec = this.codec_ === VideoCodec.H264 ? h264CodecString(bitstream) : av1CodecString(bitstream);
      const config = `${codec} ${header.width}x${header.height}`;
      if (config !== this.config_) {
        this.configure_(codec, header);
        this.config_ = config;
      }
    } else if (!this.config_) {
      throw decodeError('the stream does not start with a key frame');
    } else if (!this.config_.endsWith(` ${header.width}x${header.height}`)) {
      throw decodeError('a picture of another size without a key frame');
    }
    const timestamp = this.timestamp_++;
    const frame = new Promise((resolve, reject) => this.waiting_.set(timestamp, { resolve, reject }));
    const timer = setTimeout(() => this.settle_(timestamp, null), OUTPUT_TIMEOUT_MS);
    try {
      this.decoder_.decode(new EncodedVideoChunk({
        type: header.keyFrame ? 'key' : 'delta',
        timestamp,
        data: bitstream,
      }));
    } catch (error) {
      this.waiting_.delete(timestamp);
      clearTimeout(timer);
      throw decodeError(error.message);
    }
    let picture;
    try {
      picture = await frame;
    } finally {
      clearTimeout(timer);
    }
    if (!picture) return false;
    try {
      await this.draw_(picture, target);
    } finally {
      picture.close();
    }
    return true;
  }

  configure_(codec, header) {
    try {
      this.decoder_.configure({
        codec,
        codedWidth: header.width,
        codedHeight: header.height,
        optimizeForLatency: true,
      });
    } catch (error) {
      throw decodeError(`${codec} cannot be configured: ${error.message}`);
    }
  }

  /** Resolves the chunk a picture came from; chunks before it gave no picture. */
  output_(frame) {
    if (!this.waiting_.has(frame.timestamp)) {
      frame.close(); // late: its apply() already finished without it
      return;
    }
    for (const timestamp of [...this.waiting_.keys()]) {
      if (timestamp < frame.timestamp) this.settle_(timestamp, null);
    }
    this.settle_(frame.timestamp, frame);
  }

  settle_(timestamp, frame) {
    const waiter = this.waiting_.get(timestamp);
    this.waiting_.delete(timestamp);
    waiter?.resolve(frame);
  }

  fail_(error) {
    this.error_ ??= error;
    for (const waiter of this.waiting_.values()) waiter.reject(this.error_);
    this.waiting_.clear();
  }

  async draw_(frame, target) {
    const visible = frame.visibleRect;
    if (!visible || visible.width < target.width || visible.height < target.height) {
      throw decodeError(`a picture of ${visible?.width}x${visible?.height} for a region of ${target.width}x${target.height}`);
    }
    if (PLANAR_FORMATS.has(frame.format)) {
      const buffer = new Uint8Array(frame.allocationSize());
      const layout = await frame.copyTo(buffer);
      const format = frame.format.startsWith('I444') ? 'I444' : frame.format === 'NV12' ? 'NV12' : 'I420';
      const planes = layout.map(({ offset, stride }) => ({ data: buffer, offset, stride }));
      yuvToRgba({ format, width: visible.width, height: visible.height, planes }, target);
      return;
    }
    // A canvas sees the frame as its visible rectangle: (0, 0) is that rectangle's corner.
    const canvas = new OffscreenCanvas(target.width, target.height);
    const context = canvas.getContext('2d');
    context.drawImage(frame, 0, 0, target.width, target.height, 0, 0, target.width, target.height);
    const rgba = new Uint32Array(context.getImageData(0, 0, target.width, target.height).data.buffer);
    for (let y = 0; y < target.height; ++y) {
      target.pixels.set(rgba.subarray(y * target.width, (y + 1) * target.width), target.offset + y * target.stride);
    }
  }

  /**
   * The Baton video codec ids this browser decodes.
   * @returns {Promise<number[]>}
   */
  static async supportedCodecIds() {
    if (typeof globalThis.VideoDecoder !== 'function') return [];
    const supported = [];
    for (const [id, codec] of PROBES) {
      try {
        const answer = await VideoDecoder.isConfigSupported({ codec, optimizeForLatency: true });
        if (answer.supported) supported.push(id);
      } catch {
        // A codec string this browser does not parse: not supported.
      }
    }
    return supported;
  }
}
