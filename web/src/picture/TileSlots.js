// The viewer's half of the tile cache (docs/protocol.md §8.7), a port of
// core/viewer/TileSlots: what the host told it to keep, slot by slot. The host chooses
// every slot, so there is no eviction here; memory is bounded by TileCache.Slots ×
// TileCache.MaxPixels.
import { TileCache } from '../wire/SurfacePdus.js';

/**
 * @typedef {object} CachedTile
 * @property {number} width
 * @property {number} height
 * @property {Uint32Array} pixels RGBA-ordered 32-bit pixels, row-major, no padding
 */

export class TileSlots {
  constructor() {
    /** @type {(CachedTile | undefined)[]} */
    this.slots_ = [];
  }

  /**
   * Keeps a copy of a tile of a 32-bit picture. False when the slot or the tile's size
   * is outside the cache's limits.
   * @param {number} slot
   * @param {{pixels: Uint32Array, stride: number, offset: number, width: number, height: number}} tile
   */
  store(slot, tile) {
    if (!Number.isInteger(slot) || slot < 0 || slot >= TileCache.Slots || !TileCache.fits(tile.width, tile.height)) return false;
    const pixels = new Uint32Array(tile.width * tile.height);
    for (let y = 0; y < tile.height; ++y) {
      const row = tile.offset + y * tile.stride;
      pixels.set(tile.pixels.subarray(row, row + tile.width), y * tile.width);
    }
    this.slots_[slot] = { width: tile.width, height: tile.height, pixels };
    return true;
  }

  /**
   * The tile in slot, or null when nothing was stored there.
   * @param {number} slot
   * @returns {CachedTile | null}
   */
  tile(slot) {
    return (slot >= 0 && slot < TileCache.Slots && this.slots_[slot]) || null;
  }

  clear() {
    this.slots_ = [];
  }
}
