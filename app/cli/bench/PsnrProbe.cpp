#include "PsnrProbe.h"

#include <QDir>
#include <QImage>

#include <algorithm>
#include <cmath>

namespace baton::cli {
namespace {

double psnrDb(double squaredError, double samples)
{
    if (squaredError <= 0)
        return kIdenticalDb;
    return std::min(kIdenticalDb, 10 * std::log10(255.0 * 255.0 * samples / squaredError));
}

double luma(QRgb pixel)
{
    return 0.2126 * qRed(pixel) + 0.7152 * qGreen(pixel) + 0.0722 * qBlue(pixel);
}

struct SquaredErrors {
    double luma = 0;
    double rgb = 0;
};

// Two same-sized RGB32 pictures' squared differences.
SquaredErrors squaredErrors(const QImage &a, const QImage &b)
{
    SquaredErrors sums;
    for (int y = 0; y < a.height(); ++y) {
        const auto *rowA = reinterpret_cast<const QRgb *>(a.constScanLine(y));
        const auto *rowB = reinterpret_cast<const QRgb *>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            const double dy = luma(rowA[x]) - luma(rowB[x]);
            const int dr = qRed(rowA[x]) - qRed(rowB[x]);
            const int dg = qGreen(rowA[x]) - qGreen(rowB[x]);
            const int db = qBlue(rowA[x]) - qBlue(rowB[x]);
            sums.luma += dy * dy;
            sums.rgb += double(dr * dr + dg * dg + db * db);
        }
    }
    return sums;
}

} // namespace

PsnrFigures comparePictures(const QString &hostDir, const QString &viewerDir)
{
    PsnrFigures figures;
    SquaredErrors total;
    double pixels = 0;
    const QStringList names =
        QDir(hostDir).entryList({QStringLiteral("*.ppm")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        const QImage host =
            QImage(hostDir + QLatin1Char('/') + name).convertToFormat(QImage::Format_RGB32);
        const QImage viewer =
            QImage(viewerDir + QLatin1Char('/') + name).convertToFormat(QImage::Format_RGB32);
        if (host.isNull() || viewer.isNull() || host.size() != viewer.size())
            continue;
        const SquaredErrors errors = squaredErrors(host, viewer);
        const double count = double(host.width()) * host.height();
        const double db = psnrDb(errors.luma, count);
        figures.worstLumaDb = figures.samples == 0 ? db : std::min(figures.worstLumaDb, db);
        ++figures.samples;
        total.luma += errors.luma;
        total.rgb += errors.rgb;
        pixels += count;
    }
    if (figures.samples > 0) {
        figures.lumaDb = psnrDb(total.luma, pixels);
        figures.rgbDb = psnrDb(total.rgb, 3 * pixels);
    }
    return figures;
}

QStringList pictureDumpArgs(bool dump, const QString &workDir, const QString &side)
{
    if (!dump)
        return {};
    return {QStringLiteral("--dump-pictures"), QStringLiteral("%1/pictures-%2").arg(workDir, side)};
}

PsnrFigures takePictureComparison(const QString &workDir)
{
    const QString host = workDir + QStringLiteral("/pictures-host");
    const QString viewer = workDir + QStringLiteral("/pictures-join");
    const PsnrFigures figures = comparePictures(host, viewer);
    QDir(host).removeRecursively();
    QDir(viewer).removeRecursively();
    return figures;
}

} // namespace baton::cli
