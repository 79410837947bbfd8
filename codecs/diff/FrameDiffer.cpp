#include "codecs/diff/FrameDiffer.h"

#include "codecs/diff/RowBandBuilder.h"

#include <algorithm>

namespace baton {
namespace {

constexpr int32_t kMinTileSizePx = 4;
constexpr int32_t kMaxTileSizePx = 1024;

} // namespace

FrameDiffer::FrameDiffer(FrameDifferOptions options)
    : kernel_(options.simd ? selectDiffKernel(options.simd) : defaultDiffKernel()),
      tileSizePx_(std::clamp(options.tileSizePx, kMinTileSizePx, kMaxTileSizePx)),
      keepPrevious_(options.keepPrevious)
{
}

FrameView FrameDiffer::previous() const
{
    if (!keepPrevious_ || result_.fullFrame)
        return {};
    return previous_.view();
}

void FrameDiffer::reset()
{
    reference_ = Frame();
    previous_ = Frame();
    result_ = DiffResult();
}

void FrameDiffer::takeFullFrame(const FrameView &frame)
{
    reference_ = Frame::copyOf(frame);
    if (keepPrevious_)
        previous_ = Frame(frame.width(), frame.height());
    result_.fullFrame = true;
    result_.dirtyTiles.assign(static_cast<std::size_t>(result_.grid.count()), 1);
    result_.dirty = Region(frame.rect());
    result_.comparedPixels = 0;
}

const DiffResult &FrameDiffer::diff(const FrameView &frame, const Region &damageHint)
{
    result_.grid = TileGrid::of(frame.width(), frame.height(), tileSizePx_);
    result_.fullFrame = false;
    result_.comparedPixels = 0;
    result_.dirty.clear();
    if (frame.isNull()) {
        reset();
        return result_;
    }
    if (reference_.isNull() || reference_.width() != frame.width() ||
        reference_.height() != frame.height()) {
        takeFullFrame(frame);
        return result_;
    }
    result_.dirtyTiles.assign(static_cast<std::size_t>(result_.grid.count()), 0);
    segmentFlags_.resize(static_cast<std::size_t>(result_.grid.columns()) + 1);

    // The hint is canonical: its rectangles come band by band, so walking each band row
    // by row visits the frame top to bottom, left to right, once — the order memory is
    // laid out in, and the order RowBandBuilder needs.
    const Region hint = damageHint.intersected(frame.rect());
    const std::span<const Rect> rects = hint.rects();
    RowBandBuilder builder;
    for (std::size_t bandBegin = 0; bandBegin < rects.size();) {
        std::size_t bandEnd = bandBegin + 1;
        while (bandEnd < rects.size() && rects[bandEnd].y == rects[bandBegin].y)
            ++bandEnd;
        const Rect &first = rects[bandBegin];
        for (int32_t y = first.y; y < first.bottom(); ++y) {
            rowSpans_.clear();
            for (std::size_t i = bandBegin; i < bandEnd; ++i)
                diffRow(frame, y, rects[i]);
            builder.addRow(y, rowSpans_);
        }
        bandBegin = bandEnd;
    }
    result_.dirty = builder.finish();
    return result_;
}

void FrameDiffer::diffRow(const FrameView &frame, int32_t y, const Rect &span)
{
    const int32_t firstColumn = span.x / tileSizePx_;
    const int32_t firstSegmentPx = std::min((firstColumn + 1) * tileSizePx_, span.right()) - span.x;
    const std::ptrdiff_t offsetBytes = std::ptrdiff_t{span.x} * kBytesPerPixel;
    diff::DiffRowJob job;
    job.current = frame.rowBytes(y).data() + offsetBytes;
    job.reference = reference_.data() + std::ptrdiff_t{y} * reference_.strideBytes() + offsetBytes;
    if (keepPrevious_)
        job.previous = previous_.data() + std::ptrdiff_t{y} * previous_.strideBytes() + offsetBytes;
    job.spanBytes = static_cast<std::size_t>(span.width) * kBytesPerPixel;
    job.firstSegmentBytes = static_cast<std::size_t>(firstSegmentPx) * kBytesPerPixel;
    job.segmentBytes = static_cast<std::size_t>(tileSizePx_) * kBytesPerPixel;
    job.segmentChanged = segmentFlags_.data();
    result_.comparedPixels += span.width;
    if (!kernel_.diffRow(job))
        return;

    const int32_t tileRow = y / tileSizePx_;
    int32_t x = span.x;
    for (int32_t column = firstColumn; x < span.right(); ++column) {
        const int32_t segmentEnd = std::min((column + 1) * tileSizePx_, span.right());
        if (segmentFlags_[static_cast<std::size_t>(column - firstColumn)] != 0) {
            result_.dirtyTiles[static_cast<std::size_t>(result_.grid.indexOf(column, tileRow))] = 1;
            if (!rowSpans_.empty() && rowSpans_.back().right() == x)
                rowSpans_.back().width += segmentEnd - x;
            else
                rowSpans_.push_back({x, y, segmentEnd - x, 1});
        }
        x = segmentEnd;
    }
}

} // namespace baton
