// RdpServer's graphics pipeline (MS-RDPEGFX) against the real xfreerdp (Debian's
// freerdp2-x11) with /gfx, each on an Xvfb of its own: the lossless frames read back from
// its window pixel for pixel, through a change and a new size; and with /gfx:avc420 the
// host's H.264 (made by Baton's own encoder) passed through as AVC420, the video region
// converging to the decoded picture while the rest stays exact, and a client that joins
// mid-stream shown the region as exact planar tiles until the next key frame.

#include "codecs/video/LibavVideoDecoder.h"
#include "codecs/video/VideoEncoderFactory.h"
#include "core/net/CertificateStore.h"
#include "core/protocol/Capabilities.h"
#include "core/protocol/SurfacePdus.h"
#include "core/rdp/RdpServer.h"
#include "tests/app/XfreerdpClient.h"

#include <QDeadlineTimer>
#include <QImage>
#include <QPainter>
#include <QStandardPaths>
#include <QTest>

#include <cmath>
#include <memory>
#include <optional>

using namespace baton;
using namespace baton::rdp;
using baton::test::XfreerdpClient;

namespace {

constexpr int kTimeoutMs = 30000;
const QString kPassword = QStringLiteral("pipeline");
// A region on the 64-pixel tile grid: every tile inside it is left out for AVC420 clients.
constexpr Rect kVideoRect{64, 64, 320, 192};
constexpr int kVideoFrames = 24;
// FreeRDP converts AVC420 as full-range BT.709 while Baton's encoder writes limited range
// (16-235): the client shows the decoded picture with less contrast (shownByFreeRdp()). Its
// own decoding of the stream comes within this of that (about 35 dB here); the gateway's
// exact tiles would not (about 26 dB), nor would a stream it could not decode.
constexpr double kMinVideoPsnrDb = 32.0;

Frame drawn(int width, int height, const std::function<void(QPainter &)> &draw)
{
    QImage image(width, height, QImage::Format_RGB32);
    QPainter painter(&image);
    draw(painter);
    painter.end();
    return Frame::copyOf(
        FrameView(image.constBits(), width, height, int32_t(image.bytesPerLine())));
}

// Text and a gradient: every tile differs.
Frame desktopPicture(int width, int height, const QString &text)
{
    return drawn(width, height, [&](QPainter &painter) {
        QLinearGradient gradient(0, 0, width, height);
        gradient.setColorAt(0, QColor(200, 40, 90));
        gradient.setColorAt(1, QColor(30, 170, 220));
        painter.fillRect(0, 0, width, height, gradient);
        QFont font = painter.font();
        font.setPixelSize(22);
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(QRect(0, 0, width, height), Qt::AlignCenter | Qt::TextWordWrap, text);
    });
}

// A moving picture for the video region: bars that slide with the frame number.
Frame videoPicture(int index)
{
    return drawn(kVideoRect.width, kVideoRect.height, [&](QPainter &painter) {
        painter.fillRect(0, 0, kVideoRect.width, kVideoRect.height, QColor(20, 20, 40));
        for (int bar = 0; bar < 6; ++bar)
            painter.fillRect((bar * 60 + index * 7) % kVideoRect.width, 0, 30, kVideoRect.height,
                             QColor::fromHsv(bar * 60, 200, 230));
        QFont font = painter.font();
        font.setPixelSize(40);
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(20, 120, QStringLiteral("frame %1").arg(index));
    });
}

// What an AVC420 client shows of picture: rect as FreeRDP's full-range conversion shows
// limited-range video (each channel 16 + 219/255 of the decoded one), the rest as it is.
Frame shownByFreeRdp(const Frame &picture, const Rect &rect)
{
    Frame shown = picture;
    for (int y = rect.y; y < rect.bottom(); ++y)
        for (int x = rect.x; x < rect.right(); ++x) {
            const uint32_t pixel = picture.pixel(x, y);
            uint32_t compressed = 0xFF000000u;
            for (int shift : {0, 8, 16})
                compressed |= uint32_t(std::lround(16 + ((pixel >> shift) & 0xFF) * 219.0 / 255))
                    << shift;
            shown.setPixel(x, y, compressed);
        }
    return shown;
}

double psnrDb(const Frame &a, const Frame &b, const Rect &rect)
{
    double squared = 0;
    for (int y = rect.y; y < rect.bottom(); ++y)
        for (int x = rect.x; x < rect.right(); ++x)
            for (int shift : {0, 8, 16}) {
                const double d = double((a.pixel(x, y) >> shift) & 0xFF) -
                    double((b.pixel(x, y) >> shift) & 0xFF);
                squared += d * d;
            }
    const double mse = squared / (3.0 * rect.width * rect.height);
    return mse == 0 ? 100.0 : 10 * std::log10(255.0 * 255.0 / mse);
}

// Whether shown equals expected outside rect exactly, and inside it to minPsnrDb.
bool matches(const Frame &shown, const Frame &expected, const Rect &rect, double minPsnrDb,
             QString *why)
{
    if (shown.isNull() || shown.width() != expected.width() ||
        shown.height() != expected.height()) {
        *why = QStringLiteral("the window is %1x%2").arg(shown.width()).arg(shown.height());
        return false;
    }
    for (int y = 0; y < shown.height(); ++y)
        for (int x = 0; x < shown.width(); ++x)
            if (!rect.contains(x, y) &&
                (shown.pixel(x, y) | 0xFF000000u) != (expected.pixel(x, y) | 0xFF000000u)) {
                *why = QStringLiteral("pixel %1,%2 outside the video differs").arg(x).arg(y);
                return false;
            }
    const double psnr = psnrDb(shown, expected, rect);
    *why = QStringLiteral("the video region's PSNR is %1 dB").arg(psnr, 0, 'f', 1);
    return psnr >= minPsnrDb;
}

} // namespace

class TestRdpGfx : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void losslessFramesPixelForPixel();
    void avc420PassesTheHostsVideoThrough();

private:
    // Starts xfreerdp with arguments and waits until its window shows picture_ exactly.
    bool join(XfreerdpClient &client, const QStringList &arguments);
    // One picture of the host's video: encoded by Baton's encoder, applied as the gateway's
    // viewer does (decoded into picture_), handed to the server as the gateway does.
    // drawnOver: the host drew over the region before the picture was presented (the gateway's
    // viewer presents the host's frames together when it is behind).
    void publishVideoFrame(int index, bool keyFrame, bool drawnOver = false);

    std::optional<net::CertificateStore::Identity> identity_;
    std::unique_ptr<RdpServer> server_;
    Frame picture_;
    std::unique_ptr<video::VideoEncoder> encoder_;
    std::unique_ptr<video::LibavVideoDecoder> decoder_;
};

void TestRdpGfx::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("xfreerdp")).isEmpty())
        QFAIL("xfreerdp is not installed (Debian: freerdp2-x11)");
    QString error;
    identity_ = net::CertificateStore::generate(QStringLiteral("tst_rdpgfx"), &error);
    QVERIFY2(identity_, qPrintable(error));
}

void TestRdpGfx::init()
{
    RdpServerConfig config;
    config.bindAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.password = kPassword;
    config.certificatePem = identity_->certificate.toPem();
    config.privateKeyPem = identity_->privateKey.toPem();
    server_ = std::make_unique<RdpServer>(config);
    QString error;
    QVERIFY2(server_->listen(&error), qPrintable(error));
    picture_ = desktopPicture(640, 400, QStringLiteral("Baton through the graphics pipeline"));
    server_->publish(picture_, Region(picture_.rect()));
}

void TestRdpGfx::cleanup()
{
    server_.reset();
    encoder_.reset();
    decoder_.reset();
}

bool TestRdpGfx::join(XfreerdpClient &client, const QStringList &arguments)
{
    QString error;
    if (!client.start(server_->port(), kPassword, arguments, &error)) {
        qWarning().noquote() << error;
        return false;
    }
    if (!client.waitForPicture([this] { return picture_; }, kTimeoutMs, &error)) {
        qWarning().noquote() << error;
        return false;
    }
    return true;
}

void TestRdpGfx::losslessFramesPixelForPixel()
{
    XfreerdpClient client;
    QVERIFY(join(client, {QStringLiteral("/gfx")}));
    // Through the pipeline, not Bitmap Updates.
    const int64_t frames = server_->graphicsFrameCount();
    QVERIFY(frames > 0);

    // A change: noise-like text over part of it, at no tile boundary.
    const Rect changed{37, 51, 301, 77};
    const Frame patch = drawn(changed.width, changed.height, [&](QPainter &painter) {
        painter.fillRect(0, 0, changed.width, changed.height, QColor(250, 250, 240));
        painter.setPen(QColor(10, 80, 30));
        for (int line = 0; line < 6; ++line)
            painter.drawText(3, 12 + line * 12,
                             QStringLiteral("%1 $ echo gfx-%1").arg(line * 7919));
    });
    picture_.mutableView().copyFrom(patch.view(), changed.x, changed.y);
    server_->publish(picture_, Region(changed));
    QString error;
    QVERIFY2(client.waitForPicture([this] { return picture_; }, kTimeoutMs, &error),
             qPrintable(error));
    QVERIFY(server_->graphicsFrameCount() > frames);

    // A scroll: the host's move replayed as a copy on the client's surface, then the new line.
    constexpr int kScrollPx = 40;
    const Rect kept{0, kScrollPx, picture_.width(), picture_.height() - kScrollPx};
    const Frame before = picture_;
    picture_.mutableView().copyFrom(before.view().subView(kept), 0, 0);
    const Rect line{0, picture_.height() - kScrollPx, picture_.width(), kScrollPx};
    const Frame newLine = desktopPicture(line.width, line.height, QStringLiteral("$ scrolled"));
    picture_.mutableView().copyFrom(newLine.view(), line.x, line.y);
    server_->publish(picture_, PictureChange{{{kept, 0, 0}}, Region(line)});
    QVERIFY2(client.waitForPicture([this] { return picture_; }, kTimeoutMs, &error),
             qPrintable(error));

    // A new size: a new surface, no re-activation.
    picture_ = desktopPicture(800, 520, QStringLiteral("a new size, the same pipeline"));
    server_->publish(picture_, Region(picture_.rect()));
    QVERIFY2(client.waitForPicture([this] { return picture_; }, kTimeoutMs, &error),
             qPrintable(error));
    QCOMPARE(server_->avc420CommandCount(), int64_t(0));
    QCOMPARE(server_->clientCount(), 1);
}

void TestRdpGfx::publishVideoFrame(int index, bool keyFrame, bool drawnOver)
{
    const Frame source = videoPicture(index);
    video::EncodedVideoFrame encoded;
    std::string error;
    QVERIFY2(encoder_->encode(source.view(), keyFrame, &encoded, &error), error.c_str());
    QCOMPARE(encoded.keyFrame, keyFrame);
    protocol::VideoRegionUpdatePdu pdu;
    pdu.frameId = uint32_t(index + 1);
    pdu.regionId = 7;
    pdu.x = uint16_t(kVideoRect.x);
    pdu.y = uint16_t(kVideoRect.y);
    pdu.width = uint16_t(kVideoRect.width);
    pdu.height = uint16_t(kVideoRect.height);
    pdu.codecId = uint8_t(protocol::CodecId::H264Avc420);
    pdu.flags = uint8_t((keyFrame ? protocol::VideoRegionUpdatePdu::kFlagKeyFrame : 0) |
                        protocol::VideoRegionUpdatePdu::kFlagEndOfFrame);
    pdu.data = encoded.payload;
    Frame decoded;
    QCOMPARE(decoder_->decode(pdu.data, &decoded), video::VideoDecodeError::None);
    picture_.mutableView().copyFrom(decoded.view(), kVideoRect.x, kVideoRect.y);
    const std::optional<RdpVideoFrame> frame = RdpVideoFrame::fromPdu(pdu);
    QVERIFY(frame);
    QCOMPARE(frame->keyFrame, keyFrame);
    server_->publishVideo(*frame, picture_.view().subView(kVideoRect));
    if (drawnOver) {
        const Frame still = desktopPicture(kVideoRect.width, kVideoRect.height,
                                           QStringLiteral("the still picture"));
        picture_.mutableView().copyFrom(still.view(), kVideoRect.x, kVideoRect.y);
    }
    server_->publish(picture_, Region(kVideoRect));
}

void TestRdpGfx::avc420PassesTheHostsVideoThrough()
{
    video::VideoEncoderConfig config;
    config.width = kVideoRect.width;
    config.height = kVideoRect.height;
    config.preferHardware = false;
    std::string why;
    encoder_ = video::createVideoEncoder(config, {}, &why);
    QVERIFY2(encoder_, why.c_str());
    decoder_ = std::make_unique<video::LibavVideoDecoder>(video::VideoCodec::H264);

    XfreerdpClient client;
    QVERIFY(join(client, {QStringLiteral("/gfx:avc420")}));
    for (int index = 0; index < kVideoFrames; ++index) {
        publishVideoFrame(index, index == 0);
        if (QTest::currentTestFailed())
            return;
    }
    QTRY_COMPARE_WITH_TIMEOUT(server_->avc420CommandCount(), int64_t(kVideoFrames), kTimeoutMs);
    QString videoDifference;
    const QDeadlineTimer deadline(kTimeoutMs);
    const auto showsVideo = [&](const XfreerdpClient &shower) {
        return matches(shower.capture(), shownByFreeRdp(picture_, kVideoRect), kVideoRect,
                       kMinVideoPsnrDb, &videoDifference);
    };
    while (!showsVideo(client) && !deadline.hasExpired())
        QTest::qWait(50);
    QVERIFY2(showsVideo(client), qPrintable(videoDifference));
    qInfo().noquote() << "AVC420 client:" << videoDifference;

    // Mid-stream: no key frame yet, so the region comes as the gateway's own exact tiles.
    XfreerdpClient late;
    QVERIFY(join(late, {QStringLiteral("/gfx:avc420")}));
    publishVideoFrame(kVideoFrames, false);
    QString error;
    QVERIFY2(late.waitForPicture([this] { return picture_; }, kTimeoutMs, &error),
             qPrintable(error));
    // The first client had it as AVC420 (one more), the late one not.
    QTRY_COMPARE_WITH_TIMEOUT(server_->avc420CommandCount(), int64_t(kVideoFrames + 1), kTimeoutMs);
    // From the next key frame on, both decode it themselves.
    publishVideoFrame(kVideoFrames + 1, true);
    QTRY_COMPARE_WITH_TIMEOUT(server_->avc420CommandCount(), int64_t(kVideoFrames + 3), kTimeoutMs);
    QTRY_VERIFY2_WITH_TIMEOUT(showsVideo(late), qPrintable(videoDifference), kTimeoutMs);
    QVERIFY2(showsVideo(client), qPrintable(videoDifference));

    // A video picture drawn over before it was presented: both show what was drawn, exactly,
    // and decode nothing more until the next key frame.
    publishVideoFrame(kVideoFrames + 2, false, true);
    publishVideoFrame(kVideoFrames + 3, false);
    for (XfreerdpClient *shower : {&client, &late})
        QVERIFY2(shower->waitForPicture([this] { return picture_; }, kTimeoutMs, &error),
                 qPrintable(error));
    QCOMPARE(server_->avc420CommandCount(), int64_t(kVideoFrames + 3));
}

QTEST_MAIN(TestRdpGfx)
#include "tst_rdpgfx.moc"
