#include "codecs/video/BgraConverter.h"

#include <algorithm>
#include <cstring>

namespace baton::video {
namespace {

void setBt709(SwsContext *context, bool sourceIsRgb)
{
    const int *coefficients = sws_getCoefficients(SWS_CS_ITU709);
    // Full-range RGB on one side, limited-range (16-235) YUV on the other.
    const int rgbRange = 1;
    const int yuvRange = 0;
    sws_setColorspaceDetails(context, coefficients, sourceIsRgb ? rgbRange : yuvRange,
                             coefficients, sourceIsRgb ? yuvRange : rgbRange, 0, 1 << 16,
                             1 << 16);
}

// Full chroma interpolation and accurate rounding: swscale's defaults take chroma
// from every other pixel and cost about 2 dB on saturated edges.
constexpr int kScaleFlags = SWS_BILINEAR | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP;

} // namespace

bool BgraConverter::toYuv(const FrameView &picture, AVFrame *frame)
{
    const int width = frame->width;
    const int height = frame->height;
    const uint8_t *source = picture.data();
    int strideBytes = picture.strideBytes();
    if (width != picture.width() || height != picture.height()) {
        strideBytes = width * kBytesPerPixel;
        padded_.resize(static_cast<std::size_t>(strideBytes) * height);
        for (int y = 0; y < height; ++y) {
            const auto row = picture.row(std::min(y, picture.height() - 1));
            auto *target = reinterpret_cast<uint32_t *>(padded_.data() +
                                                        static_cast<std::size_t>(y) * strideBytes);
            std::memcpy(target, row.data(), row.size_bytes());
            std::fill(target + picture.width(), target + width, row.back());
        }
        source = padded_.data();
    }
    toYuv_.reset(sws_getCachedContext(toYuv_.release(), width, height, AV_PIX_FMT_BGRA, width,
                                      height, static_cast<AVPixelFormat>(frame->format),
                                      kScaleFlags, nullptr, nullptr, nullptr));
    if (!toYuv_)
        return false;
    setBt709(toYuv_.get(), true);
    const uint8_t *planes[1] = {source};
    const int strides[1] = {strideBytes};
    return sws_scale(toYuv_.get(), planes, strides, 0, height, frame->data, frame->linesize) ==
        height;
}

bool BgraConverter::toBgra(const AVFrame *frame, const MutableFrameView &picture)
{
    if (frame->width < picture.width() || frame->height < picture.height())
        return false;
    // Converting only the visible rows and columns is the crop: swscale reads the
    // top-left part of each plane when given a smaller size.
    toBgra_.reset(sws_getCachedContext(toBgra_.release(), picture.width(), picture.height(),
                                       static_cast<AVPixelFormat>(frame->format), picture.width(),
                                       picture.height(), AV_PIX_FMT_BGRA, kScaleFlags, nullptr,
                                       nullptr, nullptr));
    if (!toBgra_)
        return false;
    setBt709(toBgra_.get(), false);
    uint8_t *planes[1] = {picture.data()};
    const int strides[1] = {picture.strideBytes()};
    return sws_scale(toBgra_.get(), frame->data, frame->linesize, 0, picture.height(), planes,
                     strides) == picture.height();
}

} // namespace baton::video
