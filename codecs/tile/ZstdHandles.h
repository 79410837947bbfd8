#pragma once

#include <zstd.h>

#include <memory>

namespace baton {

// RAII owners for zstd contexts: one per encoder or decoder, reused across tiles so
// that a tile never pays for allocating zstd's work buffers.
struct ZstdCCtxFree {
    void operator()(ZSTD_CCtx *context) const { ZSTD_freeCCtx(context); }
};
struct ZstdDCtxFree {
    void operator()(ZSTD_DCtx *context) const { ZSTD_freeDCtx(context); }
};
using ZstdCCtxPtr = std::unique_ptr<ZSTD_CCtx, ZstdCCtxFree>;
using ZstdDCtxPtr = std::unique_ptr<ZSTD_DCtx, ZstdDCtxFree>;

} // namespace baton
