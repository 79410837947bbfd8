#include "codecs/frame/PackedTile.h"

#include <algorithm>

namespace baton {

void PackedTile::assign(const FrameView &tile)
{
    width_ = tile.width();
    height_ = tile.height();
    pixels_.resize(std::size_t(width_) * std::size_t(height_));
    for (int32_t y = 0; y < height_; ++y) {
        const auto row = tile.row(y);
        std::copy(row.begin(), row.end(), pixels_.begin() + std::ptrdiff_t(y) * width_);
    }
}

FrameView PackedTile::view() const
{
    if (pixels_.empty())
        return {};
    return {reinterpret_cast<const uint8_t *>(pixels_.data()), width_, height_, width_ * 4};
}

} // namespace baton
