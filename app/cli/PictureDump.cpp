#include "PictureDump.h"

#include <QDir>
#include <QImage>

namespace baton::cli {

bool PictureDump::open(const QString &dir, int everyFrames, QString *error)
{
    if (everyFrames < 1 || !QDir().mkpath(dir)) {
        *error = everyFrames < 1 ? QStringLiteral("the sampling interval must be at least 1")
                                 : QStringLiteral("cannot create %1").arg(dir);
        return false;
    }
    dir_ = dir;
    everyFrames_ = everyFrames;
    return true;
}

void PictureDump::offer(uint32_t frameId, const FrameView &picture)
{
    if (dir_.isEmpty() || frameId % uint32_t(everyFrames_) != 0 || picture.isNull() ||
        written_ >= kMaxPictures)
        return;
    // BGRA in memory is QImage's RGB32 on a little-endian machine; PPM costs no
    // compression on the measured process.
    const QImage image(picture.data(), picture.width(), picture.height(), picture.strideBytes(),
                       QImage::Format_RGB32);
    if (image.save(QStringLiteral("%1/%2.ppm").arg(dir_).arg(frameId), "PPM"))
        ++written_;
}

} // namespace baton::cli
