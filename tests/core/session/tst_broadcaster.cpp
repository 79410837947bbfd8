// The broadcaster against real connections on loopback: one viewer reads and
// acknowledges, another stops reading; the first never waits for the second, the host's
// memory stays bounded, and the second is caught up once it drains.

#include "core/net/Connection.h"
#include "core/protocol/FrameDecoder.h"
#include "core/protocol/Framing.h"
#include "core/session/Broadcaster.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace std::chrono_literals;
using baton::Broadcaster;
using baton::Rect;
using baton::Region;
using baton::UpdateBatch;
using baton::net::Connection;

namespace {

constexpr uint16_t kHostId = 1001;
constexpr uint16_t kChannel = 1003;
const Rect kWindow{0, 0, 1280, 720};

// Accepts plain TCP into QSslSockets that never start encryption: Connection allows
// that on loopback, for tests only.
class PlainServer : public QTcpServer {
public:
    QList<qintptr> descriptors;

protected:
    void incomingConnection(qintptr descriptor) override { descriptors << descriptor; }
};

// A viewer end we drive by hand: it reads (and counts frames) only when told to.
struct TestViewer {
    std::unique_ptr<QTcpSocket> socket;
    QPointer<Connection> connection; // the host side
    baton::protocol::FrameDecoder decoder;
    int frames = 0;

    void drain()
    {
        const QByteArray bytes = socket->readAll();
        decoder.feed({reinterpret_cast<const uint8_t *>(bytes.constData()),
                      static_cast<size_t>(bytes.size())});
        while (decoder.next())
            ++frames;
    }
};

std::unique_ptr<TestViewer> connectViewer(PlainServer &server, uint16_t viewerId)
{
    auto viewer = std::make_unique<TestViewer>();
    viewer->socket = std::make_unique<QTcpSocket>();
    // A small receive buffer, so that a viewer that stops reading is felt quickly.
    viewer->socket->setReadBufferSize(64 * 1024);
    viewer->socket->connectToHost(QHostAddress::LocalHost, server.serverPort());
    const qsizetype before = server.descriptors.size();
    if (!QTest::qWaitFor([&] { return server.descriptors.size() > before; }, 5000))
        return nullptr;
    auto *socket = new QSslSocket;
    socket->setSocketDescriptor(server.descriptors.last());
    viewer->connection = new Connection(socket, Connection::Side::Host);
    viewer->connection->setUserIds(kHostId, viewerId);
    viewer->socket->waitForConnected(5000);
    return viewer;
}

baton::UpdateBatchPtr makeBatch(uint32_t frameId, int frames, const Rect &area)
{
    QList<QByteArray> encoded;
    const baton::protocol::Bytes payload(12000, static_cast<uint8_t>(frameId));
    for (int i = 0; i < frames; ++i) {
        const auto frame =
            baton::protocol::encodeFrame({baton::protocol::SendDataKind::Indication, kHostId,
                                          kChannel, baton::protocol::DataPriority::High},
                                         payload);
        encoded << QByteArray(reinterpret_cast<const char *>(frame->data()),
                              static_cast<qsizetype>(frame->size()));
    }
    return UpdateBatch::make(frameId, encoded, Region(area));
}

} // namespace

class TestBroadcaster : public QObject {
    Q_OBJECT
private slots:
    void lateJoinerIsCaughtUpOnTheWholeWindow()
    {
        Broadcaster broadcaster({});
        PlainServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        auto viewer = connectViewer(server, 1002);
        QVERIFY(viewer);
        broadcaster.addViewer(1002, viewer->connection, kWindow);
        QVERIFY(broadcaster.isLagging(1002));
        const auto groups = broadcaster.catchUps();
        QCOMPARE(groups.size(), std::size_t{1});
        QCOMPARE(groups[0].region, Region(kWindow));

        // Live batches wait until the catch-up went out; then they flow.
        const auto now = Broadcaster::Clock::now();
        broadcaster.publish(makeBatch(1, 1, {0, 0, 10, 10}), now);
        QCOMPARE(broadcaster.stats(1002).batchesSent, 0);
        broadcaster.deliverCatchUp(groups[0].viewers, makeBatch(2, 3, kWindow), now);
        QVERIFY(!broadcaster.isLagging(1002));
        broadcaster.publish(makeBatch(3, 1, {0, 0, 10, 10}), now);
        QCOMPARE(broadcaster.stats(1002).batchesSent, 2);
        QTRY_COMPARE((viewer->drain(), viewer->frames), 4);
    }

    void viewersWithoutTheVideoCodecGetTheTileVariant()
    {
        Broadcaster broadcaster({});
        PlainServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        auto old = connectViewer(server, 1002); // lists no codec: decodes everything
        auto h264 = connectViewer(server, 1003);
        auto tiles = connectViewer(server, 1004);
        QVERIFY(old && h264 && tiles);
        constexpr uint8_t kTiles = 2, kAvc420 = 3, kAv1 = 5;
        broadcaster.addViewer(1002, old->connection, kWindow);
        broadcaster.addViewer(1003, h264->connection, kWindow, {kTiles, kAvc420});
        broadcaster.addViewer(1004, tiles->connection, kWindow, {kTiles});
        // Joiners receive no live batch before their catch-up: no variant is needed yet.
        QVERIFY(!broadcaster.anyViewerLacks(kAvc420));
        const auto now = Broadcaster::Clock::now();
        const auto groups = broadcaster.catchUps();
        QCOMPARE(groups.size(), std::size_t{1}); // everyone shares the catch-up
        broadcaster.deliverCatchUp(groups[0].viewers, makeBatch(1, 1, kWindow), now);
        QVERIFY(broadcaster.anyViewerLacks(kAvc420));
        QVERIFY(broadcaster.anyViewerLacks(kAv1));

        // The video batch is 3 frames, its tile variant 2: who got which shows in the count.
        const Rect video{0, 0, 64, 64};
        broadcaster.publish(makeBatch(2, 3, video), now,
                            Broadcaster::TileVariant{kAvc420, makeBatch(2, 2, video)});
        QTRY_COMPARE((old->drain(), old->frames), 4);
        QTRY_COMPARE((h264->drain(), h264->frames), 4);
        QTRY_COMPARE((tiles->drain(), tiles->frames), 3);
        QCOMPARE(broadcaster.stats(1004).tileVariants, int64_t{1});
        QCOMPARE(broadcaster.stats(1003).tileVariants, int64_t{0});
        // Acknowledging the shared frame id drains the variant from its window like any batch.
        broadcaster.acknowledge(1004, 2, now);
        QCOMPARE(broadcaster.stats(1004).bytesAcked, broadcaster.stats(1004).bytesSent);

        // A batch without video is the same for everyone.
        broadcaster.publish(makeBatch(3, 1, video), now);
        QTRY_COMPARE((tiles->drain(), tiles->frames), 4);
        QTRY_COMPARE((old->drain(), old->frames), 5);
        broadcaster.removeViewer(1004);
        QVERIFY(!broadcaster.anyViewerLacks(kAvc420));
        QVERIFY(broadcaster.anyViewerLacks(kAv1)); // the H.264 viewer
    }

    void stalledViewerNeverDelaysTheOther()
    {
        Broadcaster::Limits limits;
        Broadcaster broadcaster(limits);
        PlainServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        auto fast = connectViewer(server, 1002);
        auto stalled = connectViewer(server, 1003);
        QVERIFY(fast && stalled);
        auto now = Broadcaster::Clock::now();
        for (uint16_t id : {uint16_t(1002), uint16_t(1003)}) {
            broadcaster.addViewer(id, id == 1002 ? fast->connection : stalled->connection, kWindow);
        }
        broadcaster.deliverCatchUp({1002, 1003}, makeBatch(1, 1, kWindow), now);

        // 300 batches of ~48 KB: 14 MB, far more than any queue may hold.
        qint64 peakUnacked = 0;
        qint64 peakQueued = 0;
        for (uint32_t frameId = 2; frameId <= 301; ++frameId) {
            now += 16ms;
            const Rect area{0, static_cast<int32_t>(frameId % 700), 1280, 10};
            broadcaster.publish(makeBatch(frameId, 4, area), now);
            // The fast viewer applies each batch as it arrives and acknowledges it.
            const int expected = 1 + int(frameId - 1) * 4;
            QVERIFY(QTest::qWaitFor([&] { return fast->drain(), fast->frames == expected; }, 5000));
            broadcaster.acknowledge(1002, frameId, now);
            peakUnacked = std::max(peakUnacked, broadcaster.unackedBytes());
            if (stalled->connection)
                peakQueued = std::max(peakQueued, stalled->connection->queuedBytes());
        }
        QVERIFY2(!broadcaster.isLagging(1002),
                 qPrintable(QStringLiteral("missed %1 sent %2 queued %3")
                                .arg(broadcaster.stats(1002).batchesMissed)
                                .arg(broadcaster.stats(1002).batchesSent)
                                .arg(fast->connection ? fast->connection->queuedBytes() : -1)));
        QCOMPARE(broadcaster.stats(1002).batchesSent, 301);
        QCOMPARE(broadcaster.stats(1002).batchesMissed, 0);

        // The stalled viewer lags, with every missed area remembered, and the host
        // holds at most its window of unacknowledged batches for it.
        QVERIFY(broadcaster.isLagging(1003));
        QVERIFY(broadcaster.stats(1003).batchesMissed >= 300 - limits.maxUnackedBatches);
        QVERIFY2(peakUnacked <= 2 * (limits.maxUnackedBytes + 50'000),
                 qPrintable(QString::number(peakUnacked)));
        QVERIFY(peakQueued <= limits.maxUnackedBytes + 50'000);
        QVERIFY(broadcaster.catchUps().empty()); // nothing acknowledged yet

        // It drains and acknowledges: one catch-up of exactly what it missed.
        QTRY_VERIFY(
            (stalled->drain(), stalled->frames > 0 && stalled->connection->queuedBytes() == 0));
        broadcaster.acknowledge(1003, 301, now);
        const auto groups = broadcaster.catchUps();
        QCOMPARE(groups.size(), std::size_t{1});
        // Batches 2..sent went out before it lagged; the rest is exactly what it misses.
        const auto sent = static_cast<uint32_t>(broadcaster.stats(1003).batchesSent);
        QCOMPARE(broadcaster.stats(1003).batchesMissed, int64_t(301 - sent));
        Region missed;
        for (uint32_t frameId = sent + 1; frameId <= 301; ++frameId)
            missed |= Region(Rect{0, static_cast<int32_t>(frameId % 700), 1280, 10});
        QCOMPARE(groups[0].region, missed);
        broadcaster.deliverCatchUp(groups[0].viewers,
                                   makeBatch(302, 2, groups[0].region.boundingRect()), now);
        QVERIFY(!broadcaster.isLagging(1003));
        QCOMPARE(broadcaster.stats(1003).catchUps, 2);
    }

    void laggersMissingTheSameShareOneCatchUp()
    {
        Broadcaster broadcaster({});
        PlainServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        auto a = connectViewer(server, 1002);
        auto b = connectViewer(server, 1003);
        auto c = connectViewer(server, 1004);
        QVERIFY(a && b && c);
        broadcaster.addViewer(1002, a->connection, kWindow);
        broadcaster.addViewer(1003, b->connection, kWindow);
        broadcaster.addViewer(1004, c->connection, {0, 0, 640, 480});
        const auto groups = broadcaster.catchUps();
        QCOMPARE(groups.size(), std::size_t{2});
        const auto &shared = groups[0].region == Region(kWindow) ? groups[0] : groups[1];
        QCOMPARE(shared.viewers.size(), std::size_t{2});
    }

    // The tile cache may only name slots every receiving viewer was sent: those stored
    // since the newest viewer (re)started taking live batches.
    void cacheSlotsAreUsableFromTheNewestLiveViewer()
    {
        Broadcaster broadcaster({});
        PlainServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        auto a = connectViewer(server, 1002);
        auto b = connectViewer(server, 1003);
        QVERIFY(a && b);
        const auto now = Broadcaster::Clock::now();
        QCOMPARE(broadcaster.cacheUsableFrom(1), uint32_t(0)); // nobody to send to

        broadcaster.addViewer(1002, a->connection, kWindow);
        QCOMPARE(broadcaster.cacheUsableFrom(1), uint32_t(0)); // a is still catching up
        broadcaster.deliverCatchUp({1002}, makeBatch(1, 1, kWindow), now);
        QCOMPARE(broadcaster.cacheUsableFrom(2), uint32_t(2)); // from its first live batch
        for (uint32_t id = 2; id <= 4; ++id) {
            broadcaster.publish(makeBatch(id, 1, {0, 0, 10, 10}), now);
            broadcaster.acknowledge(1002, id, now);
        }
        QCOMPARE(broadcaster.cacheUsableFrom(5), uint32_t(2));

        // b joins and is caught up: slots stored before its first live batch may be
        // missing there, so nothing older is usable for anyone.
        broadcaster.addViewer(1003, b->connection, kWindow);
        QCOMPARE(broadcaster.cacheUsableFrom(5), uint32_t(2)); // b receives nothing yet
        broadcaster.deliverCatchUp({1003}, makeBatch(5, 1, kWindow), now);
        QCOMPARE(broadcaster.cacheUsableFrom(6), uint32_t(6));
        broadcaster.publish(makeBatch(6, 1, {0, 0, 10, 10}), now);
        broadcaster.acknowledge(1002, 6, now);
        broadcaster.acknowledge(1003, 6, now);
        QCOMPARE(broadcaster.cacheUsableFrom(7), uint32_t(6));

        // When b falls behind it misses batches, and its next catch-up moves the bound.
        broadcaster.invalidateAll(kWindow);
        QCOMPARE(broadcaster.cacheUsableFrom(7), uint32_t(0)); // everyone lagging
        broadcaster.deliverCatchUp({1002}, makeBatch(7, 1, kWindow), now);
        QCOMPARE(broadcaster.cacheUsableFrom(8), uint32_t(8));
        broadcaster.publish(makeBatch(8, 1, {0, 0, 10, 10}), now);
        QCOMPARE(broadcaster.cacheUsableFrom(9), uint32_t(8));
        broadcaster.removeViewer(1002);
        QCOMPARE(broadcaster.cacheUsableFrom(9), uint32_t(0));
    }

    // The link quality the host shows: bytes the viewer acknowledged (not merely sent)
    // and the round trip of the newest acknowledged batch.
    void acknowledgementsMeasureDeliveredBytesAndRoundTrip()
    {
        Broadcaster broadcaster({});
        PlainServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        auto viewer = connectViewer(server, 1002);
        QVERIFY(viewer);
        const auto start = Broadcaster::Clock::now();
        broadcaster.addViewer(1002, viewer->connection, kWindow);
        const auto first = makeBatch(1, 2, kWindow);
        const auto second = makeBatch(2, 1, {0, 0, 10, 10});
        broadcaster.deliverCatchUp({1002}, first, start);
        broadcaster.publish(second, start + 10ms);
        QCOMPARE(broadcaster.stats(1002).bytesSent, first->bytes + second->bytes);
        QCOMPARE(broadcaster.stats(1002).bytesAcked, 0);

        broadcaster.acknowledge(1002, 1, start + 40ms);
        QCOMPARE(broadcaster.stats(1002).bytesAcked, first->bytes);
        QCOMPARE(broadcaster.stats(1002).lastRoundTrip, 40ms);
        broadcaster.acknowledge(1002, 2, start + 35ms);
        QCOMPARE(broadcaster.stats(1002).bytesAcked, first->bytes + second->bytes);
        QCOMPARE(broadcaster.stats(1002).lastRoundTrip, 25ms);
        // A repeated acknowledgement counts nothing twice.
        broadcaster.acknowledge(1002, 2, start + 50ms);
        QCOMPARE(broadcaster.stats(1002).bytesAcked, first->bytes + second->bytes);
        QCOMPARE(broadcaster.stats(1002).lastRoundTrip, 25ms);
        // An acknowledgement the viewer held (AckPacer) counts from when it was due.
        const auto third = makeBatch(3, 1, {0, 0, 10, 10});
        broadcaster.publish(third, start + 60ms);
        broadcaster.acknowledge(1002, 3, start + 160ms, 80ms);
        QCOMPARE(broadcaster.stats(1002).lastRoundTrip, 20ms);
    }

    // The window follows what the viewer's path delivers: (minimum round trip + 250 ms)
    // at the measured rate, instead of a fixed 3 MiB (24 s of queue at 1 Mbit/s).
    void windowFollowsTheViewersPath()
    {
        Broadcaster broadcaster({});
        PlainServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        auto viewer = connectViewer(server, 1002);
        QVERIFY(viewer);
        const auto start = Broadcaster::Clock::now();
        broadcaster.addViewer(1002, viewer->connection, kWindow);
        QCOMPARE(broadcaster.link(1002).deliveryRateBytesPerSecond, 0); // not measured yet
        const auto first = makeBatch(1, 4, kWindow);
        broadcaster.deliverCatchUp({1002}, first, start);
        // A second to deliver it, 40 ms of which the viewer held its acknowledgement.
        broadcaster.acknowledge(1002, 1, start + 1040ms, 40ms);
        const Broadcaster::LinkStats link = broadcaster.link(1002);
        QCOMPARE(link.deliveryRateBytesPerSecond, first->bytes);
        QCOMPARE(link.minRoundTrip, 1000ms);
        QCOMPARE(link.windowBytes, first->bytes * 5 / 4);
        QCOMPARE(link.unackedBytes, 0);

        // The window takes batches while it has room (the last may overshoot it); then
        // the viewer lags, and is caught up once its window has drained.
        broadcaster.publish(makeBatch(2, 4, {0, 0, 10, 10}), start + 1100ms);
        broadcaster.publish(makeBatch(3, 4, {0, 0, 10, 10}), start + 1110ms);
        QVERIFY(!broadcaster.isLagging(1002));
        QCOMPARE(broadcaster.link(1002).unackedBytes, 2 * first->bytes);
        broadcaster.publish(makeBatch(4, 4, {0, 0, 10, 10}), start + 1120ms);
        QVERIFY(broadcaster.isLagging(1002));
        QVERIFY(broadcaster.catchUps().empty());
        broadcaster.acknowledge(1002, 3, start + 2100ms);
        QCOMPARE(broadcaster.catchUps().size(), std::size_t{1});
    }

    void stalledViewerIsClosedWithAReason()
    {
        Broadcaster broadcaster({});
        PlainServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        auto viewer = connectViewer(server, 1002);
        QVERIFY(viewer);
        QSignalSpy closed(viewer->connection.data(), &Connection::closed);
        auto now = Broadcaster::Clock::now();
        broadcaster.addViewer(1002, viewer->connection, kWindow);
        broadcaster.deliverCatchUp({1002}, makeBatch(1, 1, kWindow), now);
        broadcaster.closeStalled(now + 29s);
        QCOMPARE(closed.count(), 0);
        broadcaster.closeStalled(now + 31s);
        QTRY_COMPARE(closed.count(), 1);
        const auto info = closed.first().first().value<baton::net::CloseInfo>();
        QCOMPARE(info.reason, baton::protocol::CloseReason::Timeout);
    }
};

QTEST_GUILESS_MAIN(TestBroadcaster)
#include "tst_broadcaster.moc"
