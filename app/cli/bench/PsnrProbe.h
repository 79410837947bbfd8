#pragma once

#include <QString>
#include <QStringList>

namespace baton::cli {

// How close a viewer's pictures are to the host's: the pictures both dumped for the same
// frame ids (`host --dump-pictures` and `join --dump-pictures`, PictureDump.h).
struct PsnrFigures {
    // Over the pictures' luma (BT.709 Y of their R, G and B, as the video encoder
    // computes it), from the mean squared error over every compared picture: the
    // convention of video codec comparisons. kIdenticalDb when nothing differs; -1 when
    // no picture could be compared.
    double lumaDb = -1;
    // The worst single picture's luma PSNR.
    double worstLumaDb = -1;
    // Over the R, G and B samples themselves: what 4:2:0 chroma costs shows here (a
    // picture of sharp colour edges loses it to the subsampling alone).
    double rgbDb = -1;
    int samples = 0;
};

// The PSNR a picture identical to the host's is reported as (it is infinite).
constexpr double kIdenticalDb = 100;

// The --dump-pictures arguments of the host (side "host") or of the first viewer ("join"),
// into workDir; none when dump is false (the workloads other than video).
QStringList pictureDumpArgs(bool dump, const QString &workDir, const QString &side);
// Compares what the host and the first viewer dumped into workDir (pictureDumpArgs), then
// removes both sets of pictures.
PsnrFigures takePictureComparison(const QString &workDir);

// Compares every FRAME.ppm in hostDir with viewerDir's picture of the same name; pairs
// of different sizes (a new share generation in between) and pictures one side lacks
// are left out.
PsnrFigures comparePictures(const QString &hostDir, const QString &viewerDir);

} // namespace baton::cli
