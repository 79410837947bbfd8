// bench e2e's PSNR of the viewer's pictures against the host's: what PictureDump writes
// (every 30th frame id, bounded) and what comparePictures makes of known differences.
#include "app/cli/PictureDump.h"
#include "app/cli/bench/PsnrProbe.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace baton;
using namespace baton::cli;

namespace {

// A picture of many colours, every sample at least 8 from 0 and 255 so that ±4 stays exact.
Frame gradient(int width, int height, int shift)
{
    Frame frame(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const auto channel = [&](int value) { return uint32_t(8 + value % 240 + shift); };
            frame.setPixel(
                x, y, 0xFF000000u | channel(x * 3) << 16 | channel(y * 5) << 8 | channel(x + y));
        }
    return frame;
}

void dump(const QString &dir, uint32_t frameId, const Frame &picture)
{
    PictureDump pictures;
    QString error;
    QVERIFY2(pictures.open(dir, PictureDump::kDefaultEveryFrames, &error), qPrintable(error));
    pictures.offer(frameId, picture.view());
}

} // namespace

class TestPsnrProbe : public QObject {
    Q_OBJECT

private slots:
    void dumpsEverySampledFrameUpToItsBound()
    {
        QTemporaryDir dir;
        PictureDump pictures;
        QString error;
        QVERIFY(pictures.open(dir.path(), 30, &error));
        const Frame picture = gradient(8, 8, 0);
        for (uint32_t frameId = 0; frameId < uint32_t(30 * (PictureDump::kMaxPictures + 5));
             ++frameId)
            pictures.offer(frameId, picture.view());
        const QStringList names = QDir(dir.path()).entryList(QDir::Files);
        QCOMPARE(names.size(), PictureDump::kMaxPictures);
        QVERIFY(names.contains(QStringLiteral("0.ppm")));
        QVERIFY(names.contains(QStringLiteral("30.ppm")));
        QVERIFY(!names.contains(QStringLiteral("31.ppm")));
    }

    void identicalPicturesAreReportedAsIdentical()
    {
        QTemporaryDir host;
        QTemporaryDir viewer;
        const Frame picture = gradient(64, 48, 0);
        for (uint32_t frameId : {0u, 30u}) {
            dump(host.path(), frameId, picture);
            dump(viewer.path(), frameId, picture);
        }
        const PsnrFigures figures = comparePictures(host.path(), viewer.path());
        QCOMPARE(figures.samples, 2);
        QCOMPARE(figures.lumaDb, kIdenticalDb);
        QCOMPARE(figures.worstLumaDb, kIdenticalDb);
        QCOMPARE(figures.rgbDb, kIdenticalDb);
    }

    // One picture off by 4 in every sample (luma off by 4: its weights add up to 1), one
    // exact: the pooled error is half the off picture's, the worst is the off picture.
    void knownErrorGivesItsPsnr()
    {
        QTemporaryDir host;
        QTemporaryDir viewer;
        dump(host.path(), 30, gradient(64, 48, 0));
        dump(viewer.path(), 30, gradient(64, 48, 4));
        dump(host.path(), 60, gradient(64, 48, 0));
        dump(viewer.path(), 60, gradient(64, 48, 0));
        const PsnrFigures figures = comparePictures(host.path(), viewer.path());
        QCOMPARE(figures.samples, 2);
        const double offDb = 10 * std::log10(255.0 * 255.0 / 16);
        const double pooledDb = 10 * std::log10(255.0 * 255.0 / 8);
        QVERIFY2(std::abs(figures.worstLumaDb - offDb) < 1e-6,
                 qPrintable(QString::number(figures.worstLumaDb)));
        QVERIFY2(std::abs(figures.lumaDb - pooledDb) < 1e-6,
                 qPrintable(QString::number(figures.lumaDb)));
        QVERIFY2(std::abs(figures.rgbDb - pooledDb) < 1e-6,
                 qPrintable(QString::number(figures.rgbDb)));
    }

    // A picture only one side has, or of another size (a new share generation), is not
    // compared; with nothing compared there is no figure.
    void unmatchedPicturesAreLeftOut()
    {
        QTemporaryDir host;
        QTemporaryDir viewer;
        dump(host.path(), 0, gradient(64, 48, 0));
        dump(host.path(), 30, gradient(64, 48, 0));
        dump(viewer.path(), 30, gradient(48, 64, 0));
        dump(viewer.path(), 60, gradient(64, 48, 0));
        const PsnrFigures figures = comparePictures(host.path(), viewer.path());
        QCOMPARE(figures.samples, 0);
        QCOMPARE(figures.lumaDb, -1.0);
    }
};

QTEST_GUILESS_MAIN(TestPsnrProbe)
#include "tst_psnrprobe.moc"
