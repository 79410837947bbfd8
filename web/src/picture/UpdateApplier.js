// The viewer's picture of the shared window and the only code that writes it, a port of
// core/viewer/UpdateApplier: copy moves, fills, lossless tiles, tile-cache hits, T.128
// bitmaps (raw and interleaved RLE) and video pictures, applied in the order they
// arrive. Everything a PDU says is checked against the window size before a pixel is
// touched; whatever does not fit or decode throws ProtocolError (the session then ends)
// — it never draws out of bounds. The picture is RGBA (what ImageData takes), alpha 255 where opaque.
import { CodecId } from '../wire/Capabilities.js';
import { ProtocolError } from '../wire/ProtocolError.js';
import { TileFlags } from '../wire/SurfacePdus.js';
import { decodeT128Bitmap } from './T128BitmapDecoder.js';
import { isValidSize } from './TileFormat.js';
import { TileDecoder } from './TileDecoder.js';
import { TileSlots } from './TileSlots.js';
import { VideoRegions } from './VideoRegions.js';

// The picture's 32-bit pixels are read and written through a Uint32Array over the RGBA
// bytes, which puts R in the low byte only on a little-endian machine (every browser's).
if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) {
  throw new Error('the web viewer needs a little-endian machine');
}

const FLAG_COMPRESSED = 0x0001;
const SRCCOPY = 0xcc;
// A T.128 bitmap may be a little larger than what it draws (rows are padded), never
// much: its size sizes the decode buffer.
const MAX_BITMAP_PADDING_PX = 64;
const MAX_DAMAGE_RECTS = 256;
const UPDATE_TYPES = new Set(['OrdersUpdate', 'BitmapUpdate', 'TileUpdate', 'TileCacheHits',
  'VideoRegionUpdate', 'UpdateSynchronize']);

const rectText = (r) => `${r.width}x${r.height}+${r.x}+${r.y}`;
const fail = (why) => new ProtocolError(why, { what: 'update' });

/** @typedef {{x: number, y: number, width: number, height: number}} Rect */

/**
 * @typedef {object} UpdateStats
 * @property {number} moves
 * @property {number} fills
 * @property {number} tiles
 * @property {number} cacheHits
 * @property {number} bitmaps
 * @property {number} videoPictures
 * @property {number} videoSkipped pictures that needed a key frame this viewer lacked
 */

export class UpdateApplier {
  /** @param {{videoRegions?: VideoRegions}} [options] */
  constructor({ videoRegions = new VideoRegions() } = {}) {
    /** @type {{width: number, height: number, data: Uint8ClampedArray} | null} */
    this.framebuffer = null;
    /** @type {UpdateStats} */
    this.stats = { moves: 0, fills: 0, tiles: 0, cacheHits: 0, bitmaps: 0, videoPictures: 0, videoSkipped: 0 };
    this.pixels_ = new Uint32Array(0);
    /** @type {Rect[]} */
    this.damage_ = [];
    this.tileDecoder_ = new TileDecoder();
    this.tileSlots_ = new TileSlots();
    this.video_ = videoRegions;
  }

  /**
   * The window's new size: a black picture of that size, video decoders dropped.
   * Throws ProtocolError for a size outside the frame limits.
   */
  resize(width, height) {
    if (!isValidSize(width, height)) throw fail(`the window size ${width}x${height} is out of range`);
    const data = new Uint8ClampedArray(width * height * 4);
    this.framebuffer = { width, height, data };
    this.pixels_ = new Uint32Array(data.buffer);
    this.pixels_.fill(0xff000000);
    this.video_.clear();
    this.damage_ = [{ x: 0, y: 0, width, height }];
  }

  /** The rectangles changed since the last call (they may overlap). */
  takeDamage() {
    const damage = this.damage_;
    this.damage_ = [];
    return damage;
  }

  /**
   * Applies one PDU (a decoded Pdu or its body). Resolves 'Applied', or 'NotAnUpdate'
   * for a PDU that does not draw; throws ProtocolError for one that cannot be applied.
   * @param {{type?: string, body?: object}} pdu
   * @returns {Promise<'Applied' | 'NotAnUpdate'>}
   */
  async apply(pdu) {
    const body = pdu.body ?? pdu;
    if (!UPDATE_TYPES.has(body.type)) return 'NotAnUpdate';
    if (!this.framebuffer) throw fail('an update arrived before the window size');
    switch (body.type) {
      case 'OrdersUpdate':
        for (const order of body.orders) this.applyOrder_(order);
        break;
      case 'BitmapUpdate':
        for (const bitmap of body.rectangles) this.applyBitmap_(bitmap);
        break;
      case 'TileUpdate':
        for (const tile of body.tiles) this.applyTile_(tile);
        break;
      case 'TileCacheHits':
        for (const hit of body.hits) this.applyCacheHit_(hit);
        break;
      case 'VideoRegionUpdate':
        await this.applyVideo_(body);
        break;
      default:
        // UpdateSynchronize: what follows is a catch-up; decoder state from before it may
        // be missing pictures, so video waits for its next key frame.
        this.video_.clear();
    }
    return 'Applied';
  }

  /** @param {Rect} rect */
  addDamage_(rect) {
    // A session takes the damage once a frame; should it not, many rectangles become
    // their bounding box rather than a list that grows with every update.
    if (this.damage_.length >= MAX_DAMAGE_RECTS) {
      const left = Math.min(rect.x, ...this.damage_.map((r) => r.x));
      const top = Math.min(rect.y, ...this.damage_.map((r) => r.y));
      const right = Math.max(rect.x + rect.width, ...this.damage_.map((r) => r.x + r.width));
      const bottom = Math.max(rect.y + rect.height, ...this.damage_.map((r) => r.y + r.height));
      this.damage_ = [{ x: left, y: top, width: right - left, height: bottom - top }];
      return;
    }
    this.damage_.push(rect);
  }

  /** @param {Rect} rect */
  inside_(rect) {
    return rect.width > 0 && rect.height > 0 && rect.x >= 0 && rect.y >= 0 &&
      rect.x + rect.width <= this.framebuffer.width && rect.y + rect.height <= this.framebuffer.height;
  }

  /** A rectangle of the picture, as the decoders write into it. @param {Rect} rect */
  target_(rect) {
    const stride = this.framebuffer.width;
    return { pixels: this.pixels_, stride, offset: rect.y * stride + rect.x, width: rect.width, height: rect.height };
  }

  applyOrder_(order) {
    if (order.kind === 'ScrBlt') {
      const destination = { x: order.left, y: order.top, width: order.width, height: order.height };
      const source = { x: order.xSrc, y: order.ySrc, width: order.width, height: order.height };
      if (!this.inside_(destination) || !this.inside_(source)) {
        throw fail(`a copy from ${rectText(source)} to ${rectText(destination)} leaves the window`);
      }
      if (order.rop !== SRCCOPY) throw fail(`a copy with raster operation 0x${order.rop.toString(16)}`);
      // Source and destination overlap in a scroll: go through a copy of the source.
      const stride = this.framebuffer.width;
      const copy = new Uint32Array(source.width * source.height);
      for (let y = 0; y < source.height; ++y) {
        const row = (source.y + y) * stride + source.x;
        copy.set(this.pixels_.subarray(row, row + source.width), y * source.width);
      }
      for (let y = 0; y < source.height; ++y) {
        this.pixels_.set(copy.subarray(y * source.width, (y + 1) * source.width), (destination.y + y) * stride + destination.x);
      }
      this.addDamage_(destination);
      ++this.stats.moves;
      return;
    }
    if (order.kind === 'OpaqueRect') {
      const rect = { x: order.left, y: order.top, width: order.width, height: order.height };
      if (!this.inside_(rect)) throw fail(`a fill of ${rectText(rect)} leaves the window`);
      const colour = (order.red | (order.green << 8) | (order.blue << 16) | 0xff000000) >>> 0;
      const stride = this.framebuffer.width;
      for (let y = rect.y; y < rect.y + rect.height; ++y) {
        this.pixels_.fill(colour, y * stride + rect.x, y * stride + rect.x + rect.width);
      }
      this.addDamage_(rect);
      ++this.stats.fills;
      return;
    }
    throw fail('a MemBlt order, but this session uses no bitmap cache');
  }

  applyBitmap_(bitmap) {
    const destination = {
      x: bitmap.destLeft,
      y: bitmap.destTop,
      width: bitmap.destRight + 1 - bitmap.destLeft,
      height: bitmap.destBottom + 1 - bitmap.destTop,
    };
    if (!this.inside_(destination) || destination.width > bitmap.width || destination.height > bitmap.height ||
        bitmap.width > destination.width + MAX_BITMAP_PADDING_PX ||
        bitmap.height > destination.height + MAX_BITMAP_PADDING_PX) {
      throw fail(`a bitmap for ${rectText(destination)} (${bitmap.width}x${bitmap.height}) does not fit the window`);
    }
    const pitch = this.framebuffer.width;
    if (bitmap.flags & FLAG_COMPRESSED) {
      const decoded = decodeT128Bitmap(bitmap.data, bitmap.bitsPerPixel, bitmap.width, bitmap.height);
      if (decoded.error) throw fail(`a T.128 bitmap does not decode: ${decoded.error}`);
      for (let y = 0; y < destination.height; ++y) {
        const row = y * bitmap.width;
        this.pixels_.set(decoded.pixels.subarray(row, row + destination.width), (destination.y + y) * pitch + destination.x);
      }
    } else {
      // Raw T.128 bitmap data: bottom-up rows padded to 4 bytes, 24 (B, G, R) or 32 bpp.
      const bytesPerPixel = bitmap.bitsPerPixel / 8;
      const stride = (bitmap.width * bytesPerPixel + 3) & ~3;
      if ((bitmap.bitsPerPixel !== 24 && bitmap.bitsPerPixel !== 32) || bitmap.data.length !== stride * bitmap.height) {
        throw fail(`a raw bitmap of ${bitmap.bitsPerPixel} bpp with ${bitmap.data.length} bytes`);
      }
      const data = bitmap.data;
      for (let y = 0; y < destination.height; ++y) {
        let src = stride * (bitmap.height - 1 - y);
        let at = (destination.y + y) * pitch + destination.x;
        for (let x = 0; x < destination.width; ++x, src += bytesPerPixel) {
          const alpha = bytesPerPixel === 4 ? data[src + 3] : 0xff;
          this.pixels_[at++] = (data[src + 2] | (data[src + 1] << 8) | (data[src] << 16) | (alpha << 24)) >>> 0;
        }
      }
    }
    this.addDamage_(destination);
    ++this.stats.bitmaps;
  }

  applyTile_(tile) {
    const rect = { x: tile.x, y: tile.y, width: tile.width, height: tile.height };
    if (!this.inside_(rect)) throw fail(`a tile at ${rectText(rect)} leaves the window`);
    if (tile.codecId !== CodecId.ZstdTiles) {
      throw fail(`a tile with codec ${tile.codecId}, which this viewer did not announce`);
    }
    const target = this.target_(rect);
    try {
      this.tileDecoder_.decode(tile.data, target);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      throw fail(`the tile at ${rectText(rect)} does not decode: ${error.message}`);
    }
    if ((tile.flags & TileFlags.Cache) && !this.tileSlots_.store(tile.cacheIndex, target)) {
      throw fail(`a tile for cache slot ${tile.cacheIndex} that the cache cannot keep`);
    }
    this.addDamage_(rect);
    ++this.stats.tiles;
  }

  applyCacheHit_(hit) {
    const cached = this.tileSlots_.tile(hit.slot);
    if (!cached) throw fail(`a cache hit on slot ${hit.slot}, which holds no tile`);
    const rect = { x: hit.x, y: hit.y, width: cached.width, height: cached.height };
    if (!this.inside_(rect)) {
      throw fail(`the cached tile of slot ${hit.slot} at ${rectText(rect)} leaves the window`);
    }
    const stride = this.framebuffer.width;
    for (let y = 0; y < rect.height; ++y) {
      this.pixels_.set(cached.pixels.subarray(y * rect.width, (y + 1) * rect.width), (rect.y + y) * stride + rect.x);
    }
    this.addDamage_(rect);
    ++this.stats.cacheHits;
  }

  async applyVideo_(pdu) {
    const rect = { x: pdu.x, y: pdu.y, width: pdu.width, height: pdu.height };
    if (!this.inside_(rect)) throw fail(`a video region at ${rectText(rect)} leaves the window`);
    const outcome = await this.video_.apply(pdu, this.target_(rect));
    if (outcome === 'drawn') {
      this.addDamage_(rect);
      ++this.stats.videoPictures;
    } else if (outcome === 'skipped') {
      ++this.stats.videoSkipped;
    }
  }
}
