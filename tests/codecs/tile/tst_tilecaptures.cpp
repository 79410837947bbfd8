// The lossless tile codec on real pictures: the demo application rendered offscreen
// and an xterm captured from the X server, cut into tiles as the planner does (its
// 64×64 grid cells, and strips of up to 256×64); every tile must come back bit-exact,
// and text and widgets must take at most 0.7 of the bytes zlib level 6 takes for the
// same tiles (the size target; speed is the benchmark's business).
#include "codecs/tile/TileDecoder.h"
#include "codecs/tile/TileEncoder.h"
#include "ui/demo/DemoWindow.h"

#include <QApplication>
#include <QImage>
#include <QProcess>
#include <QTest>
#include <QThread>

#include <zlib.h>

using namespace baton;
using namespace baton::tile;

namespace {

struct TiledResult {
    std::size_t bytes = 0;      // all payloads
    std::size_t zlib6Bytes = 0; // zlib level 6 on each tile's raw BGRA
    int palettes = 0;
    bool decoded = false; // every payload decoded without error
};

std::size_t zlib6(const FrameView &tile)
{
    std::vector<uint8_t> raw;
    for (int32_t y = 0; y < tile.height(); ++y) {
        const auto row = tile.rowBytes(y);
        raw.insert(raw.end(), row.begin(), row.end());
    }
    uLongf size = compressBound(static_cast<uLong>(raw.size()));
    std::vector<uint8_t> compressed(size);
    compress2(compressed.data(), &size, raw.data(), static_cast<uLong>(raw.size()), 6);
    return size;
}

// Rows with any pixel unlike the top-left one: how much of a terminal's text is drawn.
int rowsWithText(const QImage &image)
{
    const QRgb background = image.pixel(0, 0);
    int rows = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixel(x, y) != background) {
                ++rows;
                break;
            }
    return rows;
}

Frame toFrame(const QImage &image)
{
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    return Frame::copyOf(FrameView(argb.constBits(), argb.width(), argb.height(),
                                   static_cast<int32_t>(argb.bytesPerLine())));
}

// Encodes every widthPx × 64 tile of frame and decodes it into decoded; the caller
// compares the frames.
TiledResult roundTripTiles(const Frame &frame, int widthPx, Frame &decoded)
{
    TileEncoder encoder;
    TileDecoder decoder;
    TiledResult result;
    result.decoded = true;
    decoded = Frame(frame.width(), frame.height());
    for (int32_t y = 0; y < frame.height(); y += 64) {
        for (int32_t x = 0; x < frame.width(); x += widthPx) {
            const Rect rect = Rect{x, y, widthPx, 64}.intersected(frame.rect());
            std::vector<uint8_t> payload;
            if (encoder.encode(frame.view().subView(rect), payload) == TileKind::Palette)
                ++result.palettes;
            result.bytes += payload.size();
            result.zlib6Bytes += zlib6(frame.view().subView(rect));
            result.decoded = result.decoded &&
                decoder.decode(payload, decoded.mutableView().subView(rect)) == TileDecodeError::None;
        }
    }
    return result;
}

void checkTiles(const Frame &frame)
{
    for (const int widthPx : {64, 256}) {
        Frame decoded;
        const TiledResult result = roundTripTiles(frame, widthPx, decoded);
        QVERIFY(result.decoded);
        QVERIFY(decoded == frame);
        QVERIFY(result.palettes > 0);
        const double ratio = double(result.bytes) / double(result.zlib6Bytes);
        qInfo("%d px tiles: %zu bytes, %.3f of zlib6's", widthPx, result.bytes, ratio);
        QVERIFY2(ratio <= 0.7, qPrintable(QStringLiteral("%1 px tiles: %2 bytes, zlib6 %3 (%4)")
                                               .arg(widthPx)
                                               .arg(result.bytes)
                                               .arg(result.zlib6Bytes)
                                               .arg(ratio)));
    }
}

} // namespace

class TestTileCaptures : public QObject {
    Q_OBJECT

private slots:
    void demoWindowRoundTrips()
    {
        demo::DemoWindow window;
        window.setAnimated(false);
        window.resize(1001, 707); // odd sizes: partial tiles on both edges
        window.show();
        window.grab();
        QCoreApplication::processEvents();
        checkTiles(toFrame(window.grab().toImage()));
    }

    void xtermCaptureRoundTrips()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY"))
            QSKIP("needs an X server (run under xvfb-run)");
        const QString title = QStringLiteral("baton-tile-test-%1").arg(QCoreApplication::applicationPid());
        QProcess xterm;
        xterm.start(QStringLiteral("xterm"),
                    {QStringLiteral("-T"), title, QStringLiteral("-geometry"), QStringLiteral("91x33"),
                     QStringLiteral("-e"), QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("ls -la /usr/bin | head -40; sleep 60")});
        QVERIFY(xterm.waitForStarted());
        // Captured until the listing is drawn (33 lines of text over most of the window):
        // a busy machine can take seconds to start xterm and draw it.
        QImage image;
        for (int attempt = 0; attempt < 100; ++attempt) {
            QThread::msleep(200);
            QProcess xwininfo;
            xwininfo.start(QStringLiteral("xwininfo"), {QStringLiteral("-name"), title});
            xwininfo.waitForFinished();
            if (xwininfo.exitCode() != 0)
                continue;
            QProcess capture;
            capture.start(QStringLiteral("sh"),
                          {QStringLiteral("-c"),
                           QStringLiteral("xwd -silent -name '%1' | convert xwd:- png:-").arg(title)});
            capture.waitForFinished(10000);
            if (image.loadFromData(capture.readAllStandardOutput(), "PNG") &&
                rowsWithText(image) > image.height() / 2)
                break;
            image = QImage();
        }
        xterm.kill();
        xterm.waitForFinished();
        QVERIFY2(!image.isNull(), "xterm's listing was never drawn in 20 s");
        const Frame frame = toFrame(image);
        QVERIFY(frame.width() > 300);
        checkTiles(frame);
    }
};

QTEST_MAIN(TestTileCaptures)
#include "tst_tilecaptures.moc"
