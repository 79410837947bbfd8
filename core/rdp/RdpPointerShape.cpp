#include "core/rdp/RdpPointerShape.h"

#include <QImage>

#include <algorithm>
#include <cmath>

namespace baton::rdp {
namespace {

// The image itself when it fits in maxSizePx square, else a smooth down-scaled copy (Qt
// filters premultiplied pixels correctly). hotX/hotY follow the scale.
Frame fitted(const Frame &image, int maxSizePx, int &hotX, int &hotY)
{
    if (image.width() <= maxSizePx && image.height() <= maxSizePx)
        return image;
    const QImage source(image.data(), image.width(), image.height(), image.strideBytes(),
                        QImage::Format_ARGB32_Premultiplied);
    const QImage scaled =
        source.scaled(maxSizePx, maxSizePx, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    hotX = int(std::lround(double(hotX) * scaled.width() / image.width()));
    hotY = int(std::lround(double(hotY) * scaled.height() / image.height()));
    return Frame::copyOf(FrameView(scaled.constBits(), scaled.width(), scaled.height(),
                                   int32_t(scaled.bytesPerLine())));
}

uint8_t unpremultiplied(uint8_t channel, uint8_t alpha)
{
    return uint8_t(std::min(255, (channel * 255 + alpha / 2) / alpha));
}

} // namespace

RdpPointerShape RdpPointerShape::fromImage(const Frame &image, int hotX, int hotY, int maxSizePx)
{
    RdpPointerShape shape;
    if (image.isNull())
        return shape;
    maxSizePx = std::clamp(maxSizePx, 1, kMaxLargeSizePx);
    const Frame pixels = fitted(image, maxSizePx, hotX, hotY);
    const int width = pixels.width();
    const int height = pixels.height();
    shape.width = uint16_t(width);
    shape.height = uint16_t(height);
    shape.hotX = uint16_t(std::clamp(hotX, 0, width - 1));
    shape.hotY = uint16_t(std::clamp(hotY, 0, height - 1));

    const int xorStep = width * 4;
    const int andStep = ((width + 7) / 8 + 1) / 2 * 2;
    shape.xorMask = QByteArray(qsizetype(xorStep) * height, '\0');
    shape.andMask = QByteArray(qsizetype(andStep) * height, '\0');
    for (int y = 0; y < height; ++y) {
        // Both masks run bottom-up.
        const std::span<const uint32_t> source = pixels.view().row(height - 1 - y);
        auto *xorRow = reinterpret_cast<uint8_t *>(shape.xorMask.data()) + qsizetype(xorStep) * y;
        auto *andRow = reinterpret_cast<uint8_t *>(shape.andMask.data()) + qsizetype(andStep) * y;
        for (int x = 0; x < width; ++x) {
            const uint32_t bgra = source[std::size_t(x)];
            const auto alpha = uint8_t(bgra >> 24);
            uint8_t *out = xorRow + x * 4;
            if (alpha == 0) {
                andRow[x / 8] |= uint8_t(0x80 >> (x % 8));
                continue; // XOR stays transparent black
            }
            out[0] = unpremultiplied(uint8_t(bgra), alpha);
            out[1] = unpremultiplied(uint8_t(bgra >> 8), alpha);
            out[2] = unpremultiplied(uint8_t(bgra >> 16), alpha);
            out[3] = alpha;
        }
    }
    return shape;
}

} // namespace baton::rdp
