// Multipoint sessions end to end on loopback: a HostSession over real TLS, real
// ViewerSessions, synthetic and scripted windows. Each viewer's picture must become
// exactly the host's; a stalled or hostile viewer must not disturb the others.

#include "ScriptedWindowSource.h"
#include "core/capture/SyntheticWindowSource.h"
#include "core/protocol/Capabilities.h"
#include "core/protocol/FrameDecoder.h"
#include "core/protocol/Framing.h"
#include "core/protocol/HandshakePdus.h"
#include "core/protocol/PduDecoder.h"
#include "core/protocol/PduEncoder.h"
#include "core/session/HostSession.h"
#include "core/viewer/ViewerSession.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>

#include <cmath>
#include <memory>

using namespace baton;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(baton::UpdateCodec)

namespace {

struct Host {
    std::unique_ptr<HostSession> session;
    WindowSource *source = nullptr;
};

HostSessionConfig testConfig(UpdateCodec codec = UpdateCodec::Lossless)
{
    HostSessionConfig config = loopbackConfig("test", "host");
    config.planner.codec = codec;
    return config;
}

Host startHost(std::unique_ptr<WindowSource> source, HostSessionConfig config)
{
    static const auto identity = net::CertificateStore::generate(QStringLiteral("test"));
    Host host;
    host.source = source.get();
    host.session = std::make_unique<HostSession>(std::move(source), *identity, std::move(config));
    QString error;
    if (!host.session->start(&error))
        qWarning() << "host did not start:" << error;
    return host;
}

std::unique_ptr<ViewerSession> join(const HostSession &host, const QString &name,
                                    std::vector<uint8_t> codecIds = {})
{
    net::ViewerOptions options;
    options.displayName = name.toStdString();
    options.codecIds = std::move(codecIds);
    auto viewer = std::make_unique<ViewerSession>(host.inviteLink(), options);
    viewer->start();
    return viewer;
}

// One capture on the host (the synthetic scene advances one step per capture).
bool step(Host &host)
{
    const int64_t before = host.session->stats().captures;
    emit host.source->damaged();
    return QTest::qWaitFor([&] { return host.session->stats().captures > before; }, 5000);
}

const Frame &sceneOf(const Host &host)
{
    return static_cast<SyntheticWindowSource *>(host.source)->scene().frame();
}

double psnr(const FrameView &a, const FrameView &b)
{
    double squares = 0;
    for (int32_t y = 0; y < a.height(); ++y)
        for (int32_t x = 0; x < a.width(); ++x)
            for (int shift = 0; shift < 24; shift += 8) {
                const double d = double((a.pixel(x, y) >> shift) & 0xff) -
                    double((b.pixel(x, y) >> shift) & 0xff);
                squares += d * d;
            }
    const double mse = squares / (3.0 * a.width() * a.height());
    return mse == 0 ? 99 : 10 * std::log10(255.0 * 255.0 / mse);
}

// A viewer that joins with a hand-made Hello over TLS and then misbehaves.
class RawViewer : public QObject {
public:
    // featureFlags: what a current viewer announces, unless the test says otherwise.
    explicit RawViewer(quint16 port,
                       uint32_t featureFlags = protocol::HelloPdu::kFeatureFastPath |
                           protocol::HelloPdu::kFeatureTileCache,
                       uint16_t versionMinor = protocol::kProtocolMinor)
    {
        connect(&socket_, &QSslSocket::sslErrors, this, [this] { socket_.ignoreSslErrors(); });
        connect(&socket_, &QSslSocket::encrypted, this, [this, featureFlags, versionMinor] {
            protocol::HelloPdu hello;
            hello.versionMinor = versionMinor;
            hello.featureFlags = featureFlags;
            hello.sessionId = "test";
            hello.displayName = "raw";
            protocol::Pdu pdu;
            pdu.context.source = protocol::kUnassignedUserId;
            pdu.body = hello;
            const auto frame =
                protocol::PduEncoder::encodeFrame(protocol::SendDataKind::Request, protocol::kHostUserId, pdu);
            socket_.write(reinterpret_cast<const char *>(frame->data()), qint64(frame->size()));
        });
        socket_.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    }
    // Stops reading: Qt's buffer fills, then the kernel's, then the host's queue.
    void stopReading() { socket_.setReadBufferSize(4096); }
    void sendGarbage() { socket_.write(QByteArray(256, '\x5a')); }
    QSslSocket &socket() { return socket_; }

private:
    QSslSocket socket_;
};

} // namespace

class TestHostSession : public QObject {
    Q_OBJECT

private slots:
    void viewersFollowEveryCodec_data();
    void viewersFollowEveryCodec();
    void videoSceneReachesViewers();
    void viewersWithoutTheVideoCodecGetExactTiles();
    void lateJoinerHasFullPictureWithinOneSecond();
    void stalledViewerDoesNotDelayOthers();
    void garbageViewerIsDroppedOthersContinue();
    void resizeHideAndCloseReachViewers();
    void applicationWindowsReachViewers();
    void aViewerOf11ReadsTheMainWindow();
    void thirtyViewersEndPixelIdentical();
    void removedViewerIsToldWhyOthersStay();
    void lateJoinerNeverGetsSlotsItMissed();
    void viewerWithoutFastPathIsRefused();
};

void TestHostSession::viewersFollowEveryCodec_data()
{
    QTest::addColumn<UpdateCodec>("codec");
    QTest::addColumn<int>("scene");
    QTest::newRow("lossless typing") << UpdateCodec::Lossless << int(SyntheticSceneKind::Typing);
    QTest::newRow("lossless scrolling") << UpdateCodec::Lossless << int(SyntheticSceneKind::Scrolling);
    QTest::newRow("auto scrolling") << UpdateCodec::Auto << int(SyntheticSceneKind::Scrolling);
    QTest::newRow("t128 typing") << UpdateCodec::T128 << int(SyntheticSceneKind::Typing);
    QTest::newRow("t128 scrolling") << UpdateCodec::T128 << int(SyntheticSceneKind::Scrolling);
}

void TestHostSession::viewersFollowEveryCodec()
{
    QFETCH(UpdateCodec, codec);
    QFETCH(int, scene);
    Host host = startHost(std::make_unique<SyntheticWindowSource>(SyntheticSceneKind(scene), 640,
                                                                  360, 7),
                          testConfig(codec));
    QVERIFY(host.session->isRunning());
    auto first = join(*host.session, QStringLiteral("first"));
    auto second = join(*host.session, QStringLiteral("second"));
    QTRY_COMPARE(host.session->viewerCount(), 2);
    QTRY_VERIFY(first->framebuffer() == sceneOf(host));
    QTRY_VERIFY(second->framebuffer() == sceneOf(host));

    for (int i = 0; i < 60; ++i)
        QVERIFY(step(host));
    QTRY_VERIFY(first->framebuffer() == sceneOf(host));
    QTRY_VERIFY(second->framebuffer() == sceneOf(host));
    // Encoded once: one batch per capture, whatever the number of viewers.
    QVERIFY(host.session->stats().batches <= host.session->stats().captures);
    if (SyntheticSceneKind(scene) == SyntheticSceneKind::Scrolling && codec != UpdateCodec::T128)
        QVERIFY(first->applierStats().moves > 0);
    QCOMPARE(first->roster().size(), std::size_t(3));
    QCOMPARE(first->hostName(), QStringLiteral("host"));
}

void TestHostSession::videoSceneReachesViewers()
{
    Host host = startHost(std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Video, 640,
                                                                  360, 3),
                          testConfig(UpdateCodec::Auto));
    auto viewer = join(*host.session, QStringLiteral("video"));
    QTRY_VERIFY(viewer->framebuffer() == sceneOf(host));
    for (int i = 0; i < 40; ++i)
        QVERIFY(step(host));
    QTRY_VERIFY(viewer->applierStats().videoPictures > 10);
    QVERIFY(host.session->planner().stats().videoFrames > 10);
    // Noise is the worst case for a video encoder; the text around it stays exact.
    const Rect video = host.session->planner().videoRect();
    QVERIFY(!video.isEmpty());
    const Region exact = Region(sceneOf(host).rect()).subtracted(video);
    for (const Rect &rect : exact.rects())
        QTRY_VERIFY(viewer->framebuffer().view().subView(rect) == sceneOf(host).view().subView(rect));
    const double quality = psnr(viewer->framebuffer().view().subView(video),
                                sceneOf(host).view().subView(video));
    qInfo("noise video region %dx%d, PSNR %.1f dB", video.width, video.height, quality);
    QVERIFY(quality > 9); // noise at a capped bit rate: about its mean, and no garbage
    // The video stopped: a quarter of a second later its exact pixels replace the last
    // lossy picture.
    QTRY_VERIFY(viewer->framebuffer() == sceneOf(host));
    QVERIFY(host.session->planner().videoRect().isEmpty());

    // A whole window of text as H.264: lossy, but close.
    Host h264 = startHost(std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Typing, 640,
                                                                  360, 3),
                          testConfig(UpdateCodec::H264));
    auto text = join(*h264.session, QStringLiteral("h264"));
    QTRY_VERIFY(text->framebuffer() == sceneOf(h264)); // the catch-up is exact
    for (int i = 0; i < 30; ++i)
        QVERIFY(step(h264));
    QTRY_VERIFY(text->applierStats().videoPictures >= 29);
    qInfo("H.264 text: PSNR %.1f dB", psnr(text->framebuffer(), sceneOf(h264)));
    QTRY_VERIFY(text->framebuffer() == sceneOf(h264)); // exact once the typing stopped
}

void TestHostSession::viewersWithoutTheVideoCodecGetExactTiles()
{
    Host host =
        startHost(std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Video, 640, 360, 3),
                  testConfig(UpdateCodec::Auto));
    const std::vector<uint8_t> tilesOnly{uint8_t(protocol::CodecId::ZstdTiles)};
    auto video = join(*host.session, QStringLiteral("video"));
    auto tiles = join(*host.session, QStringLiteral("tiles"), tilesOnly);
    auto moreTiles = join(*host.session, QStringLiteral("more tiles"), tilesOnly);
    QTRY_COMPARE(host.session->viewerCount(), 3);
    for (const auto *viewer : {video.get(), tiles.get(), moreTiles.get()})
        QTRY_VERIFY(viewer->framebuffer() == sceneOf(host));

    // Whenever the tile viewer shows the newest batch while the video plays, its picture
    // is the host's exactly (a video picture of noise never is).
    uint32_t newest = 0;
    connect(host.session.get(), &HostSession::framePublished, this,
            [&](uint32_t frameId, qint64) { newest = frameId; });
    uint32_t applied = 0;
    int exact = 0;
    int inexact = 0;
    connect(tiles.get(), &ViewerSession::frameApplied, this, [&](uint32_t frameId) {
        applied = frameId;
        if (frameId != newest || host.session->planner().videoRect().isEmpty())
            return;
        ++(tiles->framebuffer() == sceneOf(host) ? exact : inexact);
    });
    const HostSession::Stats before = host.session->stats();
    const Broadcaster &broadcaster = host.session->broadcaster();
    std::unique_ptr<ViewerSession> late;
    for (int i = 0; i < 40; ++i) {
        if (i == 20) {
            // A tile viewer that joins while the video plays is caught up like anyone.
            late = join(*host.session, QStringLiteral("late tiles"), tilesOnly);
            QTRY_VERIFY(late->isJoined() && !broadcaster.isLagging(late->userId()));
            QTRY_VERIFY(late->framebuffer() == sceneOf(host));
        }
        QVERIFY(step(host));
        QVERIFY(QTest::qWaitFor([&] { return applied >= newest; }, 10000));
    }
    QTRY_VERIFY(video->applierStats().videoPictures > 10);
    QCOMPARE(tiles->applierStats().videoPictures, int64_t{0});
    QCOMPARE(moreTiles->applierStats().videoPictures, int64_t{0});
    QCOMPARE(late->applierStats().videoPictures, int64_t{0});
    qInfo("tile viewer exact at %d of the newest video batches", exact);
    QVERIFY(exact > 10);
    QCOMPARE(inexact, 0);

    // At most one variant per video batch (none while every tile viewer lags), each sent
    // to both tile viewers: encoded once, not once per viewer.
    const HostSession::Stats &after = host.session->stats();
    const int64_t videoBatches = after.videoBatches - before.videoBatches;
    const int64_t variants = after.tileVariants - before.tileVariants;
    QVERIFY(videoBatches > 10);
    QVERIFY(variants > 10 && variants <= videoBatches);
    QCOMPARE(host.session->tileVariants().stats().variants, after.tileVariants);
    const int64_t received = broadcaster.stats(tiles->userId()).tileVariants;
    const int64_t receivedToo = broadcaster.stats(moreTiles->userId()).tileVariants;
    qInfo("%lld video batches, %lld variants encoded, %lld and %lld received",
          (long long)videoBatches, (long long)variants, (long long)received,
          (long long)receivedToo);
    QVERIFY(received > 10 && receivedToo > 10);
    QVERIFY(received + receivedToo > after.tileVariants);
    QVERIFY(broadcaster.stats(late->userId()).tileVariants > 0);
    QCOMPARE(broadcaster.stats(video->userId()).tileVariants, int64_t{0});

    // The video stopped: everyone ends exact, the tile cache agreeing on every viewer.
    for (const auto *viewer : {video.get(), tiles.get(), moreTiles.get(), late.get()})
        QTRY_VERIFY(viewer->framebuffer() == sceneOf(host));
}

void TestHostSession::lateJoinerHasFullPictureWithinOneSecond()
{
    Host host = startHost(std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Typing, 1920,
                                                                  1080, 11),
                          testConfig(UpdateCodec::Auto));
    auto early = join(*host.session, QStringLiteral("early"));
    for (int i = 0; i < 30; ++i)
        QVERIFY(step(host));
    QElapsedTimer sinceJoin;
    sinceJoin.start();
    auto late = join(*host.session, QStringLiteral("late"));
    QVERIFY(QTest::qWaitFor([&] { return late->framebuffer() == sceneOf(host); }, 1000));
    qInfo("late joiner: full 1920x1080 picture after %lld ms (first picture %.1f ms)",
          sinceJoin.elapsed(), late->stats().firstPictureMs);
    QVERIFY(late->stats().firstPictureMs <= 1000);
    QTRY_VERIFY(early->framebuffer() == sceneOf(host));
}

void TestHostSession::stalledViewerDoesNotDelayOthers()
{
    HostSessionConfig config = testConfig(UpdateCodec::Lossless);
    config.broadcast.stallTimeout = 3s;
    Host host = startHost(std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Video, 1280,
                                                                  720, 5),
                          config);
    auto reader = join(*host.session, QStringLiteral("reader"));
    RawViewer stalled(host.session->port());
    QTRY_COMPARE(host.session->viewerCount(), 2);
    stalled.stopReading();
    QSignalSpy left(host.session.get(), &HostSession::viewerLeft);

    // Noise is incompressible: every step is a large batch the stalled viewer cannot take.
    qint64 maxUnacked = 0;
    qint64 maxBatch = 0;
    for (int i = 0; i < 40; ++i) {
        const qint64 bytesBefore = host.session->stats().batchBytes;
        QVERIFY(step(host));
        maxBatch = std::max(maxBatch, host.session->stats().batchBytes - bytesBefore);
        // The reader is never held back: it has each picture well before the next step.
        QVERIFY2(QTest::qWaitFor([&] { return reader->framebuffer() == sceneOf(host); }, 2000),
                 qPrintable(QStringLiteral("reader behind at step %1").arg(i)));
        maxUnacked = std::max(maxUnacked, host.session->broadcaster().unackedBytes());
    }
    // Bounded whatever the stalled viewer does: two viewers × (window + one batch).
    const qint64 bound = 2 * (config.broadcast.maxUnackedBytes + maxBatch);
    qInfo("largest batch %lld bytes; most unacknowledged bytes held %lld (bound %lld)", maxBatch,
          maxUnacked, bound);
    QVERIFY(maxUnacked <= bound);
    QVERIFY(host.session->broadcaster().stats(reader->userId()).batchesMissed == 0);
    // And the stalled one is cut off with a reason after the stall timeout.
    QTRY_VERIFY_WITH_TIMEOUT(left.size() == 1, 10000);
    QVERIFY2(left.first().at(1).toString().contains(QStringLiteral("stopped"), Qt::CaseInsensitive),
             qPrintable(left.first().at(1).toString()));
    QCOMPARE(host.session->viewerCount(), 1);
}

void TestHostSession::garbageViewerIsDroppedOthersContinue()
{
    Host host = startHost(std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Typing, 640,
                                                                  360, 9),
                          testConfig());
    auto good = join(*host.session, QStringLiteral("good"));
    RawViewer bad(host.session->port());
    QTRY_COMPARE(host.session->viewerCount(), 2);
    QSignalSpy left(host.session.get(), &HostSession::viewerLeft);
    bad.sendGarbage();
    QTRY_COMPARE(left.size(), 1);
    QVERIFY2(left.first().at(1).toString().contains(QStringLiteral("protocol"), Qt::CaseInsensitive),
             qPrintable(left.first().at(1).toString()));
    for (int i = 0; i < 20; ++i)
        QVERIFY(step(host));
    QTRY_VERIFY(good->framebuffer() == sceneOf(host));
    QCOMPARE(host.session->viewerCount(), 1);
    QCOMPARE(good->roster().size(), std::size_t(2)); // the host and itself
}

void TestHostSession::resizeHideAndCloseReachViewers()
{
    auto owned = std::make_unique<test::ScriptedWindowSource>(400, 300);
    test::ScriptedWindowSource *window = owned.get();
    Host host = startHost(std::move(owned), testConfig());
    auto viewer = join(*host.session, QStringLiteral("viewer"));
    QTRY_VERIFY(viewer->framebuffer() == window->picture());

    window->paint({10, 10, 50, 40}, 0xffff0000u);
    QTRY_VERIFY(viewer->framebuffer() == window->picture());
    QSignalSpy resized(viewer.get(), &ViewerSession::resized);
    window->resize(520, 260, 0xff00aa00u);
    window->paint({500, 250, 20, 10}, 0xff0000ffu);
    QTRY_COMPARE(resized.size(), 1);
    QTRY_VERIFY(viewer->framebuffer() == window->picture());
    QCOMPARE(viewer->framebuffer().width(), 520);

    window->movePointer(100, 120);
    QTRY_COMPARE(viewer->pointer().x, 100);
    QCOMPARE(viewer->pointer().y, 120);

    window->hide();
    QTRY_VERIFY(viewer->windowHidden());
    window->show();
    QTRY_VERIFY(!viewer->windowHidden());

    QSignalSpy ended(viewer.get(), &ViewerSession::ended);
    window->close();
    QTRY_COMPARE(ended.size(), 1);
    QCOMPARE(ended.first().at(0).value<net::CloseInfo>().reason, protocol::CloseReason::WindowClosed);
    QVERIFY(!host.session->isRunning());
}

// The application's windows (docs/protocol.md §12, §16.4): every viewer, a late joiner
// included, has the host's windows in picture coordinates wherever the picture lies on the
// desktop; a rearrangement, a move and a menu opening past the edge (a larger picture)
// follow.
void TestHostSession::applicationWindowsReachViewers()
{
    auto owned = std::make_unique<test::ScriptedWindowSource>(400, 300);
    test::ScriptedWindowSource *window = owned.get();
    window->moveTo(-30, 700);
    Host host = startHost(std::move(owned), testConfig());
    auto first = join(*host.session, QStringLiteral("first"));
    QTRY_VERIFY(first->framebuffer() == window->picture());
    const SharedWindows alone = {
        {42, 0, SharedWindow::Kind::Main, {0, 0, 400, 300}, QStringLiteral("Scripted window"),
         false}};
    QTRY_COMPARE(first->sharedWindows(), alone);

    QSignalSpy arranged(first.get(), &ViewerSession::sharedWindowsChanged);
    SharedWindows withMenu = {
        {43, 42, SharedWindow::Kind::Popup, {250, 20, 150, 200}, QString(), false},
        {44, 42, SharedWindow::Kind::Window, {10, 150, 200, 150}, QStringLiteral("Find"), true},
        {42, 0, SharedWindow::Kind::Main, {0, 0, 300, 200}, QStringLiteral("Scripted window"),
         false},
    };
    window->arrange(withMenu);
    QTRY_COMPARE(first->sharedWindows(), withMenu);
    QCOMPARE(arranged.size(), 1);
    QCOMPARE(first->windowTitle(), QStringLiteral("Scripted window"));

    auto late = join(*host.session, QStringLiteral("late"));
    QTRY_VERIFY(late->framebuffer() == window->picture());
    QTRY_COMPARE(late->sharedWindows(), withMenu);

    // Moving the picture on the desktop moves no window in it.
    window->moveTo(500, 20);
    QTest::qWait(100);
    QCOMPARE(first->sharedWindows(), withMenu);
    QCOMPARE(arranged.size(), 1);

    // The menu opens past the main window's edge: a larger picture, re-activated.
    withMenu[0].rect = {250, 20, 150, 380};
    window->resize(400, 400, 0xff202020u);
    window->arrange(withMenu);
    QTRY_VERIFY(first->framebuffer() == window->picture());
    QCOMPARE(first->framebuffer().height(), 400);
    QTRY_COMPARE(first->sharedWindows(), withMenu);
    QTRY_COMPARE(late->sharedWindows(), withMenu);

    window->hide();
    QTRY_VERIFY(first->windowHidden());
    QTRY_COMPARE(first->sharedWindows().size(), size_t(2)); // the hidden main window left
}

// A viewer of protocol 1.1 joins, and the last Shared record of the window list it gets,
// where it reads the title and the hidden state, is the main window's (docs/protocol.md §12).
void TestHostSession::aViewerOf11ReadsTheMainWindow()
{
    auto owned = std::make_unique<test::ScriptedWindowSource>(64, 48);
    owned->arrange({
        {43, 42, SharedWindow::Kind::Popup, {10, 10, 20, 20}, QStringLiteral("menu"), false},
        {42, 0, SharedWindow::Kind::Main, {0, 0, 40, 30}, QStringLiteral("Scripted window"),
         false},
    });
    Host host = startHost(std::move(owned), testConfig());
    RawViewer old(host.session->port(),
                  protocol::HelloPdu::kFeatureFastPath | protocol::HelloPdu::kFeatureTileCache, 1);
    QTRY_COMPARE(host.session->viewerCount(), 1);
    protocol::FrameDecoder frames;
    std::optional<protocol::WindowListPdu> list;
    QTRY_VERIFY([&] {
        const QByteArray received = old.socket().readAll();
        frames.feed({reinterpret_cast<const uint8_t *>(received.constData()),
                     size_t(received.size())});
        while (auto frame = frames.next())
            if (auto pdu = protocol::PduDecoder::decode(frame->payload))
                if (auto *windows = std::get_if<protocol::WindowListPdu>(&pdu->body))
                    list = *windows;
        return list.has_value();
    }());
    std::string lastSharedTitle;
    for (const protocol::WindowRecord &record : list->windows)
        if (record.flags & protocol::WindowRecord::kShared)
            lastSharedTitle = record.title;
    QCOMPARE(list->windows.size(), size_t(3));
    QCOMPARE(lastSharedTitle, std::string("Scripted window"));
}

void TestHostSession::thirtyViewersEndPixelIdentical()
{
    Host host = startHost(std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Scrolling,
                                                                  800, 600, 13),
                          testConfig(UpdateCodec::Auto));
    std::vector<std::unique_ptr<ViewerSession>> viewers;
    for (int i = 0; i < 30; ++i)
        viewers.push_back(join(*host.session, QStringLiteral("viewer %1").arg(i)));
    QTRY_COMPARE_WITH_TIMEOUT(host.session->viewerCount(), 30, 15000);
    for (int i = 0; i < 30; ++i)
        QVERIFY(step(host));
    for (const auto &viewer : viewers)
        QTRY_VERIFY_WITH_TIMEOUT(viewer->framebuffer() == sceneOf(host), 15000);
    QCOMPARE(host.session->stats().batches, host.session->stats().captures - 1);
    QCOMPARE(host.session->stats().viewersJoined, 30);
    QCOMPARE(host.session->stats().peakViewers, 30);
}

void TestHostSession::removedViewerIsToldWhyOthersStay()
{
    Host host = startHost(std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Typing, 320,
                                                                  200, 3),
                          testConfig());
    auto removed = join(*host.session, QStringLiteral("removed"));
    auto stays = join(*host.session, QStringLiteral("stays"));
    QTRY_COMPARE(host.session->viewerCount(), 2);
    QTRY_VERIFY(removed->isJoined() && stays->isJoined());
    const uint16_t id = removed->userId();
    QCOMPARE(host.session->viewerAddress(id), QHostAddress(QHostAddress::LocalHost));
    QVERIFY(!host.session->removeViewer(4321, QStringLiteral("nobody")));

    QSignalSpy ended(removed.get(), &ViewerSession::ended);
    QSignalSpy left(host.session.get(), &HostSession::viewerLeft);
    QVERIFY(host.session->removeViewer(id, QStringLiteral("off topic")));
    QTRY_COMPARE(ended.size(), 1);
    const auto info = ended.first().at(0).value<net::CloseInfo>();
    QCOMPARE(info.reason, protocol::CloseReason::Kicked);
    QCOMPARE(info.detail, QStringLiteral("off topic"));
    QTRY_COMPARE(left.size(), 1);
    QCOMPARE(left.first().at(0).value<uint16_t>(), id);
    QCOMPARE(host.session->viewerCount(), 1);
    QVERIFY(host.session->viewerAddress(id).isNull());
    QVERIFY(host.session->roster().find(id) == nullptr);
    QTRY_VERIFY(stays->roster().find(id) == nullptr);
    QVERIFY(stays->isJoined());
}

// The tile cache is shared by every viewer, but a late joiner has none of what was stored
// before it: the host names only slots stored since, and re-sends the rest.
void TestHostSession::lateJoinerNeverGetsSlotsItMissed()
{
    auto owned = std::make_unique<test::ScriptedWindowSource>(300, 200);
    test::ScriptedWindowSource *window = owned.get();
    Host host = startHost(std::move(owned), testConfig(UpdateCodec::Lossless));
    const auto hits = [&] { return host.session->planner().losslessStats().cacheHits; };
    auto first = join(*host.session, QStringLiteral("first"));
    QTRY_VERIFY(first->framebuffer() == window->picture());

    window->stamp({10, 10, 12, 13}, 1); // stored
    QTRY_VERIFY(first->framebuffer() == window->picture());
    window->stamp({40, 10, 12, 13}, 1); // a hit
    QTRY_VERIFY(first->framebuffer() == window->picture());
    QCOMPARE(hits(), 1);

    auto late = join(*host.session, QStringLiteral("late"));
    QTRY_VERIFY(late->framebuffer() == window->picture());
    QTRY_VERIFY(!host.session->broadcaster().isLagging(late->userId()));
    window->stamp({70, 10, 12, 13}, 1); // its slot predates the late viewer: pixels again
    QTRY_VERIFY(late->framebuffer() == window->picture());
    QTRY_VERIFY(first->framebuffer() == window->picture());
    QCOMPARE(hits(), 1);
    window->stamp({100, 10, 12, 13}, 1); // stored again since: a hit for both
    QTRY_VERIFY(late->framebuffer() == window->picture());
    QTRY_VERIFY(first->framebuffer() == window->picture());
    QCOMPARE(hits(), 2);
    QCOMPARE(host.session->viewerCount(), 2);
}

// Every viewer gets the same bytes; one that cannot read fast-path frames and the tile
// cache is told so rather than fed what it would refuse. A T.128 share takes it.
void TestHostSession::viewerWithoutFastPathIsRefused()
{
    Host host = startHost(std::make_unique<test::ScriptedWindowSource>(64, 48),
                          testConfig(UpdateCodec::Lossless));
    RawViewer old(host.session->port(), protocol::HelloPdu::kFeatureFrameAck);
    QTRY_COMPARE(old.socket().state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(host.session->viewerCount(), 0);
    const QByteArray received = old.socket().readAll();
    protocol::FrameDecoder frames;
    frames.feed({reinterpret_cast<const uint8_t *>(received.constData()), size_t(received.size())});
    std::optional<protocol::GoodbyePdu> goodbye;
    while (auto frame = frames.next())
        if (auto pdu = protocol::PduDecoder::decode(frame->payload))
            if (auto *bye = std::get_if<protocol::GoodbyePdu>(&pdu->body))
                goodbye = *bye;
    QVERIFY(goodbye);
    QCOMPARE(goodbye->reason, protocol::CloseReason::VersionMismatch);

    Host legacy = startHost(std::make_unique<test::ScriptedWindowSource>(64, 48),
                            testConfig(UpdateCodec::T128));
    RawViewer t128(legacy.session->port(), protocol::HelloPdu::kFeatureFrameAck);
    QTRY_COMPARE(legacy.session->viewerCount(), 1);
}

QTEST_GUILESS_MAIN(TestHostSession)
#include "tst_hostsession.moc"
