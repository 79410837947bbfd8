#include "codecs/tile/RowFilters.h"

#include <array>
#include <cstdlib>
#include <cstring>

namespace baton::tile {
namespace {

inline uint8_t predict(RowFilter filter, uint8_t left, uint8_t up, uint8_t upLeft)
{
    switch (filter) {
    case RowFilter::None:
        return 0;
    case RowFilter::Sub:
        return left;
    case RowFilter::Up:
        return up;
    case RowFilter::Gradient:
        return static_cast<uint8_t>(left + up - upLeft);
    }
    return 0;
}

// Residuals of one row; previous is null for the first row (treated as zeros).
void filterRow(RowFilter filter, const uint8_t *row, const uint8_t *previous, int rowBytes,
               int channels, uint8_t *out)
{
    for (int i = 0; i < rowBytes; ++i) {
        const uint8_t left = i >= channels ? row[i - channels] : 0;
        const uint8_t up = previous ? previous[i] : 0;
        const uint8_t upLeft = (previous && i >= channels) ? previous[i - channels] : 0;
        out[i] = static_cast<uint8_t>(row[i] - predict(filter, left, up, upLeft));
    }
}

} // namespace

RowFilter RowFilters::choose(std::span<const uint8_t> rows, int rowBytes, int channels)
{
    const int height = static_cast<int>(rows.size() / static_cast<std::size_t>(rowBytes));
    std::array<uint64_t, 4> cost{};
    for (int y = 0; y < height; y += 4) {
        const uint8_t *row = rows.data() + static_cast<std::ptrdiff_t>(y) * rowBytes;
        const uint8_t *previous = y > 0 ? row - rowBytes : nullptr;
        for (int i = 0; i < rowBytes; ++i) {
            const uint8_t left = i >= channels ? row[i - channels] : 0;
            const uint8_t up = previous ? previous[i] : 0;
            const uint8_t upLeft = (previous && i >= channels) ? previous[i - channels] : 0;
            for (int f = 0; f < 4; ++f) {
                const auto residual = static_cast<int8_t>(
                    row[i] - predict(static_cast<RowFilter>(f), left, up, upLeft));
                cost[static_cast<std::size_t>(f)] += static_cast<uint64_t>(std::abs(residual));
            }
        }
    }
    std::size_t best = 0;
    for (std::size_t f = 1; f < cost.size(); ++f) {
        if (cost[f] < cost[best])
            best = f;
    }
    return static_cast<RowFilter>(best);
}

void RowFilters::apply(RowFilter filter, std::span<const uint8_t> rows, int rowBytes,
                       int channels, std::span<uint8_t> out)
{
    if (filter == RowFilter::None) {
        std::memcpy(out.data(), rows.data(), rows.size());
        return;
    }
    const std::size_t height = rows.size() / static_cast<std::size_t>(rowBytes);
    for (std::size_t y = 0; y < height; ++y) {
        const uint8_t *row = rows.data() + y * static_cast<std::size_t>(rowBytes);
        filterRow(filter, row, y > 0 ? row - rowBytes : nullptr, rowBytes, channels,
                  out.data() + y * static_cast<std::size_t>(rowBytes));
    }
}

void RowFilters::undo(RowFilter filter, std::span<uint8_t> rows, int rowBytes, int channels)
{
    if (filter == RowFilter::None)
        return;
    const std::size_t height = rows.size() / static_cast<std::size_t>(rowBytes);
    for (std::size_t y = 0; y < height; ++y) {
        uint8_t *row = rows.data() + y * static_cast<std::size_t>(rowBytes);
        const uint8_t *previous = y > 0 ? row - rowBytes : nullptr;
        switch (filter) {
        case RowFilter::None:
            break;
        case RowFilter::Sub:
            for (int i = channels; i < rowBytes; ++i)
                row[i] = static_cast<uint8_t>(row[i] + row[i - channels]);
            break;
        case RowFilter::Up:
            if (previous) {
                for (int i = 0; i < rowBytes; ++i)
                    row[i] = static_cast<uint8_t>(row[i] + previous[i]);
            }
            break;
        case RowFilter::Gradient:
            for (int i = 0; i < rowBytes; ++i) {
                const uint8_t left = i >= channels ? row[i - channels] : 0;
                const uint8_t up = previous ? previous[i] : 0;
                const uint8_t upLeft = (previous && i >= channels) ? previous[i - channels] : 0;
                row[i] = static_cast<uint8_t>(row[i] + left + up - upLeft);
            }
            break;
        }
    }
}

} // namespace baton::tile
