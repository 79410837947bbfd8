// Baton's update path (docs/protocol.md §8.2-8.5, 8.7), a port of core/protocol/SurfacePdus:
// tiles, tile-cache hits, video regions, frame markers and acknowledgements. Payload bytes
// belong to the codecs and are carried opaque with their codec id.

import { ErrorCode, refuse } from './ProtocolError.js';
import { PduType2 } from './PduTypes.js';

export const TileFlags = Object.freeze({ Cache: 0x01 });
export const VideoFlags = Object.freeze({ KeyFrame: 0x01, EndOfFrame: 0x02 });
export const FrameMarkerAction = Object.freeze({ Begin: 0, End: 1 });
export const kMaxTiles = 4096;
export const kMaxTileSidePx = 4096;
export const kMaxCacheHits = 4096;
export const kMaxVideoSidePx = 16384;

/** The tile cache of protocol 1.1 (§8.7): slots the host fills and names. */
export const TileCache = Object.freeze({
  Slots: 1024,
  MaxPixels: 64 * 64,
  fits: (width, height) => width >= 1 && height >= 1 && width * height <= 64 * 64,
});

function validTile(tile) {
  const sized = tile.width >= 1 && tile.height >= 1 && tile.width <= kMaxTileSidePx &&
    tile.height <= kMaxTileSidePx;
  if (!sized || (tile.flags & ~TileFlags.Cache) !== 0)
    return false;
  if (!(tile.flags & TileFlags.Cache))
    return tile.cacheIndex === 0;
  return tile.cacheIndex < TileCache.Slots && TileCache.fits(tile.width, tile.height);
}

function validVideoRegion(pdu) {
  const known = VideoFlags.KeyFrame | VideoFlags.EndOfFrame;
  return pdu.width >= 1 && pdu.height >= 1 && pdu.width <= kMaxVideoSidePx &&
    pdu.height <= kMaxVideoSidePx && (pdu.flags & ~known) === 0;
}

function writeData32(w, data) {
  w.u32(data.length);
  w.bytes(data);
}

export const TileUpdate = {
  type2: PduType2.TileUpdate,
  read(r) {
    const frameId = r.u32();
    const surfaceId = r.u16();
    const kMinTileBytes = 16;
    const count = r.count(r.u16(), kMaxTiles, kMinTileBytes, 'tileCount');
    const tiles = [];
    for (let i = 0; i < count; ++i) {
      const at = r.offset;
      const tile = { x: r.u16(), y: r.u16(), width: r.u16(), height: r.u16(), codecId: r.u8(),
        flags: r.u8(), cacheIndex: r.u16() };
      if (!validTile(tile))
        refuse(ErrorCode.BadValue, at, 'tile');
      tile.data = r.bytes(r.u32());
      tiles.push(tile);
    }
    return { type: 'TileUpdate', frameId, surfaceId, tiles };
  },
  write(w, pdu) {
    w.u32(pdu.frameId);
    w.u16(pdu.surfaceId);
    w.count16(pdu.tiles.length, kMaxTiles, 'tileCount');
    for (const tile of pdu.tiles) {
      if (!validTile(tile))
        w.fail(ErrorCode.BadValue, 'tile');
      w.u16(tile.x);
      w.u16(tile.y);
      w.u16(tile.width);
      w.u16(tile.height);
      w.u8(tile.codecId);
      w.u8(tile.flags);
      w.u16(tile.cacheIndex);
      writeData32(w, tile.data);
    }
  },
};

export const TileCacheHits = {
  type2: PduType2.TileCacheHits,
  read(r) {
    const frameId = r.u32();
    const countAt = r.offset;
    const kHitBytes = 6;
    const count = r.count(r.u16(), kMaxCacheHits, kHitBytes, 'hitCount');
    if (count === 0)
      refuse(ErrorCode.BadValue, countAt, 'hitCount');
    const hits = [];
    for (let i = 0; i < count; ++i) {
      const at = r.offset;
      const hit = { x: r.u16(), y: r.u16(), slot: r.u16() };
      if (hit.slot >= TileCache.Slots)
        refuse(ErrorCode.BadValue, at + 4, 'cache slot');
      hits.push(hit);
    }
    return { type: 'TileCacheHits', frameId, hits };
  },
  write(w, pdu) {
    w.u32(pdu.frameId);
    if (pdu.hits.length === 0)
      w.fail(ErrorCode.BadValue, 'hitCount');
    w.count16(pdu.hits.length, kMaxCacheHits, 'hitCount');
    for (const hit of pdu.hits) {
      if (hit.slot >= TileCache.Slots)
        w.fail(ErrorCode.BadValue, 'cache slot');
      w.u16(hit.x);
      w.u16(hit.y);
      w.u16(hit.slot);
    }
  },
};

export const VideoRegionUpdate = {
  type2: PduType2.VideoRegionUpdate,
  read(r) {
    const frameId = r.u32();
    const regionId = r.u16();
    const at = r.offset;
    const pdu = { type: 'VideoRegionUpdate', frameId, regionId, x: r.u16(), y: r.u16(),
      width: r.u16(), height: r.u16(), codecId: r.u8(), flags: r.u8() };
    if (!validVideoRegion(pdu))
      refuse(ErrorCode.BadValue, at, 'video region');
    pdu.data = r.bytes(r.u32());
    return pdu;
  },
  write(w, pdu) {
    if (!validVideoRegion(pdu))
      w.fail(ErrorCode.BadValue, 'video region');
    w.u32(pdu.frameId);
    w.u16(pdu.regionId);
    w.u16(pdu.x);
    w.u16(pdu.y);
    w.u16(pdu.width);
    w.u16(pdu.height);
    w.u8(pdu.codecId);
    w.u8(pdu.flags);
    writeData32(w, pdu.data);
  },
};

export const FrameMarker = {
  type2: PduType2.FrameMarker,
  read(r) {
    const at = r.offset;
    const action = r.u16();
    if (action > FrameMarkerAction.End)
      refuse(ErrorCode.UnknownType, at, 'frame marker action');
    return { type: 'FrameMarker', action, frameId: r.u32() };
  },
  write(w, pdu) {
    w.u16(pdu.action);
    w.u32(pdu.frameId);
  },
};

export const FrameAck = {
  type2: PduType2.FrameAck,
  read(r) {
    return { type: 'FrameAck', frameId: r.u32(), queueDepth: r.u16(), heldMs: r.u16() };
  },
  write(w, pdu) {
    w.u32(pdu.frameId);
    w.u16(pdu.queueDepth);
    w.u16(pdu.heldMs);
  },
};
