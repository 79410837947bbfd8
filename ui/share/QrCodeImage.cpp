#include "ui/share/QrCodeImage.h"

#include <QPainter>
#include <qrencode.h>

#include <memory>

namespace baton::ui {
namespace {

struct QrcodeDeleter {
    void operator()(QRcode *code) const { QRcode_free(code); }
};

} // namespace

QrCodeImage QrCodeImage::encode(const QByteArray &text)
{
    QrCodeImage image;
    if (text.isEmpty())
        return image;
    // Version 0: the smallest symbol that holds the text.
    const std::unique_ptr<QRcode, QrcodeDeleter> code(QRcode_encodeData(
        int(text.size()), reinterpret_cast<const unsigned char *>(text.constData()), 0,
        QR_ECLEVEL_M));
    if (!code)
        return image;
    image.moduleCount_ = code->width;
    image.dark_.resize(std::size_t(code->width) * std::size_t(code->width));
    for (std::size_t i = 0; i < image.dark_.size(); ++i)
        image.dark_[i] = (code->data[i] & 1) != 0; // bit 0: dark; the others say why
    return image;
}

bool QrCodeImage::isDark(int x, int y) const
{
    if (x < 0 || y < 0 || x >= moduleCount_ || y >= moduleCount_)
        return false;
    return dark_[std::size_t(y) * std::size_t(moduleCount_) + std::size_t(x)];
}

QImage QrCodeImage::toImage(int modulePx) const
{
    if (isNull() || modulePx < 1)
        return {};
    const int side = (moduleCount_ + 2 * kQuietZoneModules) * modulePx;
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    for (int y = 0; y < moduleCount_; ++y)
        for (int x = 0; x < moduleCount_; ++x)
            if (isDark(x, y))
                painter.fillRect((x + kQuietZoneModules) * modulePx,
                                 (y + kQuietZoneModules) * modulePx, modulePx, modulePx, Qt::black);
    return image;
}

} // namespace baton::ui
