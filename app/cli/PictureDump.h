#pragma once

#include "codecs/frame/Frame.h"

#include <QString>

#include <cstdint>

namespace baton::cli {

// `--dump-pictures DIR`: the picture of every everyFrames-th frame id, as DIR/FRAME.ppm,
// written by the host when it publishes the frame and by a viewer when it has applied it.
// `bench e2e` pairs the two by frame id for the viewer's PSNR against the host
// (PsnrProbe.h). At most kMaxPictures are written, so a long share cannot fill the disk.
class PictureDump {
public:
    static constexpr int kDefaultEveryFrames = 30;
    static constexpr int kMaxPictures = 600;

    // False with the reason when DIR cannot be created.
    bool open(const QString &dir, int everyFrames, QString *error);
    bool isOpen() const { return !dir_.isEmpty(); }
    // Writes picture when frameId is one of the sampled ones.
    void offer(uint32_t frameId, const FrameView &picture);

private:
    QString dir_;
    int everyFrames_ = kDefaultEveryFrames;
    int written_ = 0;
};

} // namespace baton::cli
