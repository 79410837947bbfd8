#pragma once

#include "codecs/frame/Frame.h"

#include <cstdint>

namespace baton::tile {

// A 64-bit content hash of a tile's size and visible pixels (stride padding ignored),
// used as its cache id. Two tiles with equal pixels always hash equal; a collision
// between different tiles is a 2^-64 event per pair, which the cache accepts.
uint64_t tileHash(const FrameView &tile);

} // namespace baton::tile
