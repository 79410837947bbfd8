// PipeWireStream against a real PipeWire daemon of the test's own (with WirePlumber to link
// the nodes, and the session bus WirePlumber needs), fed by a producer pw_stream in this
// process that plays the compositor: it drives the graph, allocates shared-memory buffers
// and writes known pixels, damage, crop and cursor metadata into them, as mutter does.
#include "PrivatePipeWire.h"
#include "ScreenCastProducer.h"
#include "codecs/frame/Frame.h"
#include "core/capture/wayland/PipeWireStream.h"
#include "core/capture/wayland/PipeWireWindowSource.h"
#include "core/capture/wayland/ScreenCastSession.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cstring>
#include <memory>
#include <spa/param/video/raw.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace baton;
using baton::test::CursorPicture;
using baton::test::kCursorSidePx;
using baton::test::PrivatePipeWire;
using baton::test::ProducedBuffer;
using baton::test::ScreenCastProducer;

namespace {

constexpr int kStartTimeoutMs = 30000; // WirePlumber links the nodes once it is up
constexpr int kTimeoutMs = 15000;

// A colour per pixel and picture number, opaque BGRA.
uint32_t colour(int x, int y, int picture)
{
    return 0xff000000u | uint32_t((x * 7 + picture * 40) & 0xff) << 16 |
        uint32_t((y * 5 + picture * 90) & 0xff) << 8 | (uint32_t((x ^ y) + picture * 13) & 0xff);
}

Frame picture(int width, int height, int number)
{
    Frame frame(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            frame.setPixel(x, y, colour(x, y, number));
    return frame;
}

// A premultiplied cursor image with transparent corners and half-transparent edges.
Frame cursorImage(int side, int variant)
{
    Frame image(side, side);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const uint32_t alpha = (x + y) % 3 == 0 ? 0 : (x == 0 || y == 0) ? 0x80 : 0xff;
            const uint32_t c = (uint32_t(x * 8 + variant * 50) & 0xff) * alpha / 255;
            image.setPixel(x, y,
                           alpha << 24 | c << 16 | (alpha / 2) << 8 |
                               (uint32_t(y * 8) & 0xff) * alpha / 255);
        }
    return image;
}

// The granted session PipeWireWindowSource is given, standing in for mutter's or the
// portal's D-Bus side (tested in tst_mutterscreencast and tst_portalscreencast): it names
// the producer's node and, like the portal, hands out a descriptor connected to the daemon.
class ProducerSession final : public ScreenCastSession {
public:
    ProducerSession(uint32_t nodeId, QPoint position) : nodeId_(nodeId), position_(position) { }

    void begin(const ScreenCastOptions &) override { emit granted(); }
    QString backendName() const override { return QStringLiteral("test"); }
    ScreenCastStream stream() const override
    {
        ScreenCastStream stream;
        stream.nodeId = nodeId_;
        stream.position = position_;
        return stream;
    }
    int openPipeWireRemote(QString *error) override
    {
        const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray path = qgetenv("XDG_RUNTIME_DIR") + "/pipewire-0";
        std::memcpy(address.sun_path, path.constData(),
                    std::min<std::size_t>(std::size_t(path.size()), sizeof address.sun_path - 1));
        if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
            *error = QStringLiteral("cannot connect to %1").arg(QString::fromLocal8Bit(path));
            if (fd >= 0)
                ::close(fd);
            return -2;
        }
        ++remotesOpened;
        return fd;
    }
    QString restoreToken() const override { return {}; }
    bool canInject() const override { return false; }
    bool notifyKeyboardKeycode(int, bool) override { return false; }
    bool notifyKeyboardKeysym(uint32_t, bool) override { return false; }
    bool notifyPointerMotionAbsolute(QPointF) override { return false; }
    bool notifyPointerButton(int, bool) override { return false; }
    bool notifyPointerAxisDiscrete(Qt::Orientation, int) override { return false; }
    QString errorString() const override { return QStringLiteral("no input in this test"); }

    void end() { emit closed(QStringLiteral("ended by the test")); }

    int remotesOpened = 0;

private:
    uint32_t nodeId_;
    QPoint position_;
};

bool samePixels(const FrameView &a, const FrameView &b, const Rect &where)
{
    return a.subView(where) == b.subView(where);
}

} // namespace

class TestPipeWireStream : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<PrivatePipeWire> daemon_;

    // A producer of format at width x height and a consumer linked to it, showing picture
    // number 0.
    struct Pair {
        std::unique_ptr<ScreenCastProducer> producer;
        std::unique_ptr<PipeWireStream> consumer;
    };
    Pair connectPair(uint32_t format, int width, int height, bool sealed = true)
    {
        Pair pair;
        QString error;
        pair.producer = ScreenCastProducer::create(format, width, height, &error, sealed);
        if (!pair.producer)
            qFatal("producer: %s", qPrintable(error));
        if (!QTest::qWaitFor([&] { return pair.producer->hasNode(); }, kTimeoutMs))
            qFatal("the producer has no node: %s", qPrintable(daemon_->states()));
        pair.consumer = PipeWireStream::open(-1, pair.producer->nodeId(), &error);
        if (!pair.consumer)
            qFatal("consumer: %s", qPrintable(error));
        if (!QTest::qWaitFor([&] { return pair.producer->streaming(); }, kStartTimeoutMs))
            qFatal("never linked: %s", qPrintable(daemon_->states()));
        return pair;
    }

private slots:
    void initTestCase()
    {
        daemon_ = std::make_unique<PrivatePipeWire>();
        QString error;
        QVERIFY2(daemon_->start(&error), qPrintable(error));
    }

    void cleanupTestCase() { daemon_.reset(); }

    void pixelsExact_data()
    {
        QTest::addColumn<uint32_t>("format");
        QTest::newRow("BGRx") << uint32_t(SPA_VIDEO_FORMAT_BGRx);
        QTest::newRow("RGBx") << uint32_t(SPA_VIDEO_FORMAT_RGBx);
        QTest::newRow("xRGB") << uint32_t(SPA_VIDEO_FORMAT_xRGB);
    }

    void pixelsExact()
    {
        QFETCH(uint32_t, format);
        auto [producer, consumer] = connectPair(format, 67, 45);
        const Frame expected = picture(67, 45, 1);
        producer->send({expected, {}, {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(consumer->hasPicture(), kTimeoutMs);
        QCOMPARE(consumer->size(), QSize(67, 45));
        QVERIFY(consumer->pixels() == expected.view());
        QCOMPARE(consumer->takeDamage(), Region(expected.rect()));
    }

    // The producer changes pixels outside the damage it declares: they are not taken, so
    // the consumer copies where the hint says and nowhere else. (The differ still compares
    // every damaged tile with what was sent: damage says where to look, not what changed.)
    void damageHonoured()
    {
        auto [producer, consumer] = connectPair(SPA_VIDEO_FORMAT_BGRx, 64, 48);
        const Frame first = picture(64, 48, 1);
        producer->send({first, {}, {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(consumer->hasPicture(), kTimeoutMs);
        QVERIFY(consumer->pixels() == first.view());
        consumer->takeDamage();

        const Frame second = picture(64, 48, 2);
        const Rect a{5, 6, 10, 7}, b{40, 30, 20, 18};
        QSignalSpy frames(consumer.get(), &PipeWireStream::frameArrived);
        producer->send({second, {a, b, {60, 40, 100, 100}}, {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() > 0, kTimeoutMs);
        // The last region is clipped to the picture.
        const Region damaged = Region{a, b}.united(Rect{60, 40, 4, 8});
        QCOMPARE(consumer->takeDamage(), damaged);
        for (const Rect &r : damaged.rects())
            QVERIFY(samePixels(consumer->pixels(), second.view(), r));
        const Region untouched = Region(first.rect()).subtracted(damaged);
        for (const Rect &r : untouched.rects())
            QVERIFY(samePixels(consumer->pixels(), first.view(), r));
    }

    // A window in a larger buffer: only the crop is the picture, and damage is in
    // buffer coordinates.
    void cropHonoured()
    {
        auto [producer, consumer] = connectPair(SPA_VIDEO_FORMAT_BGRx, 64, 48);
        const Frame buffer = picture(64, 48, 3);
        const Rect crop{10, 8, 30, 20};
        // The cursor's position is in the buffer too.
        producer->send({buffer, {}, crop, CursorPicture{15, 12, 0, 0, cursorImage(4, 1)}});
        QTRY_VERIFY_WITH_TIMEOUT(consumer->hasPicture(), kTimeoutMs);
        QCOMPARE(consumer->size(), QSize(30, 20));
        QCOMPARE(consumer->cursor().x, 5);
        QCOMPARE(consumer->cursor().y, 4);
        QVERIFY(consumer->pixels() == buffer.view().subView(crop));
        consumer->takeDamage();

        const Frame next = picture(64, 48, 4);
        QSignalSpy frames(consumer.get(), &PipeWireStream::frameArrived);
        producer->send({next, {{0, 0, 15, 10}}, crop, {}});
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() > 0, kTimeoutMs);
        QCOMPARE(consumer->takeDamage(), Region(Rect{0, 0, 5, 2}));
        QVERIFY(samePixels(consumer->pixels(), next.view().subView(crop), {0, 0, 5, 2}));
        QVERIFY(samePixels(consumer->pixels(), buffer.view().subView(crop), {5, 0, 25, 20}));
    }

    void sizeChange()
    {
        auto [producer, consumer] = connectPair(SPA_VIDEO_FORMAT_RGBx, 64, 48);
        producer->send({picture(64, 48, 1), {}, {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(consumer->hasPicture(), kTimeoutMs);
        // The damage of the old size is left untaken: it must not outlive that size.

        producer->resize(81, 30);
        QTRY_VERIFY_WITH_TIMEOUT(producer->streaming() && producer->width() == 81, kTimeoutMs);
        const Frame resized = picture(81, 30, 5);
        // Damage that lists a small part: a new size is copied whole all the same.
        producer->sendUntil({resized, {{0, 0, 2, 2}}, {}, {}},
                            [stream = consumer.get()] { return stream->size() == QSize(81, 30); });
        QTRY_COMPARE_WITH_TIMEOUT(consumer->size(), QSize(81, 30), kTimeoutMs);
        QVERIFY(consumer->pixels() == resized.view());
        QCOMPARE(consumer->takeDamage(), Region(resized.rect()));
    }

    void cursor()
    {
        auto [producer, consumer] = connectPair(SPA_VIDEO_FORMAT_BGRx, 64, 48);
        QCOMPARE(consumer->cursor().serial, uint64_t(0));
        QVERIFY(!consumer->cursor().visible);
        QSignalSpy changes(consumer.get(), &PipeWireStream::cursorChanged);
        const Frame arrow = cursorImage(kCursorSidePx, 1);
        producer->send({picture(64, 48, 1), {}, {}, CursorPicture{20, 11, 3, 4, arrow}});
        QTRY_VERIFY_WITH_TIMEOUT(consumer->cursor().visible, kTimeoutMs);
        CursorState state = consumer->cursor();
        QCOMPARE(state.x, 20);
        QCOMPARE(state.y, 11);
        QCOMPARE(state.hotX, 3);
        QCOMPARE(state.hotY, 4);
        QVERIFY(state.image == arrow);
        const uint64_t serial = state.serial;
        QVERIFY(serial != 0);

        // A cursor-only buffer (no picture) that moves the pointer: same image, same serial.
        QSignalSpy frames(consumer.get(), &PipeWireStream::frameArrived);
        producer->send({{}, {}, {}, CursorPicture{30, 40, 0, 0, {}}});
        QTRY_COMPARE_WITH_TIMEOUT(consumer->cursor().x, 30, kTimeoutMs);
        QCOMPARE(consumer->cursor().y, 40);
        QCOMPARE(consumer->cursor().serial, serial);
        QVERIFY(consumer->cursor().image == arrow);
        QCOMPARE(frames.count(), 0);

        // The same bitmap sent again is no new image; another one is.
        producer->send({{}, {}, {}, CursorPicture{31, 40, 3, 4, arrow}});
        QTRY_COMPARE_WITH_TIMEOUT(consumer->cursor().x, 31, kTimeoutMs);
        QCOMPARE(consumer->cursor().serial, serial);
        const Frame other = cursorImage(16, 2);
        producer->send({{}, {}, {}, CursorPicture{31, 41, 1, 2, other}});
        QTRY_VERIFY_WITH_TIMEOUT(consumer->cursor().serial > serial, kTimeoutMs);
        QVERIFY(consumer->cursor().image == other);
        QCOMPARE(consumer->cursor().hotX, 1);

        // Off the window: id 0.
        producer->send({{}, {}, {}, std::nullopt});
        QTRY_VERIFY_WITH_TIMEOUT(!consumer->cursor().visible, kTimeoutMs);
        QVERIFY(changes.count() >= 4);
    }

    void producerGone()
    {
        auto [producer, consumer] = connectPair(SPA_VIDEO_FORMAT_BGRx, 32, 32);
        producer->send({picture(32, 32, 1), {}, {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(consumer->hasPicture(), kTimeoutMs);
        QSignalSpy failures(consumer.get(), &PipeWireStream::failed);
        producer.reset();
        QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, kTimeoutMs);
        qInfo() << "failed:" << failures.first().first().toString();
    }

    // A producer could truncate a memfd that is not sealed against it under us: reading
    // the mapping past its new end would kill us with SIGBUS. Such memory is read through
    // its descriptor, which comes back short instead: the stream ends with a reason.
    void unsealedMemoryReadSafely()
    {
        auto [producer, consumer] = connectPair(SPA_VIDEO_FORMAT_BGRx, 40, 30, false);
        const Frame first = picture(40, 30, 1);
        producer->send({first, {}, {}, {}});
        QTRY_VERIFY_WITH_TIMEOUT(consumer->hasPicture(), kTimeoutMs);
        QVERIFY(consumer->pixels() == first.view());

        QSignalSpy failures(consumer.get(), &PipeWireStream::failed);
        ProducedBuffer gone{picture(40, 30, 2), {}, {}, {}};
        gone.truncateAfterWriting = true;
        producer->send(std::move(gone));
        QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, kTimeoutMs);
        QVERIFY2(failures.first().first().toString().contains(QStringLiteral("shrank")),
                 qPrintable(failures.first().first().toString()));
    }

    // A chunk whose stride puts the picture's last rows past the buffer's end ends the
    // stream instead of being read.
    void lyingChunkRefused()
    {
        auto [producer, consumer] = connectPair(SPA_VIDEO_FORMAT_BGRx, 32, 32);
        QSignalSpy failures(consumer.get(), &PipeWireStream::failed);
        ProducedBuffer lie{picture(32, 32, 1), {}, {}, {}};
        lie.claimedStride = 32 * 4 * 3;
        producer->send(std::move(lie));
        QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, kTimeoutMs);
        QVERIFY2(failures.first().first().toString().contains(QStringLiteral("does not hold")),
                 qPrintable(failures.first().first().toString()));
        QVERIFY(!consumer->hasPicture());
    }

    // The WindowSource over a session: pictures with their damage, the window's geometry
    // from the session's position and the picture's size, Resized, the cursor, Closed.
    void windowSource()
    {
        QString error;
        auto producer = ScreenCastProducer::create(SPA_VIDEO_FORMAT_BGRx, 64, 48, &error);
        QVERIFY2(producer, qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(producer->hasNode(), kTimeoutMs);
        auto owned = std::make_unique<ProducerSession>(producer->nodeId(), QPoint(100, 50));
        ProducerSession *session = owned.get();
        PipeWireWindowSource source(std::move(owned));
        QCOMPARE(&source.session(), session);
        QCOMPARE(source.backendName(), QStringLiteral("test"));
        QSignalSpy damaged(&source, &WindowSource::damaged);
        QSignalSpy events(&source, &WindowSource::windowEvent);
        QSignalSpy cursorChanges(&source, &WindowSource::cursorChanged);
        QVERIFY2(source.start(), qPrintable(source.errorString()));
        QVERIFY(source.start());
        QCOMPARE(session->remotesOpened, 1);
        QVERIFY(source.isActive());
        CapturedFrame frame;
        QVERIFY(!source.captureFrame(frame)); // nothing arrived yet
        QTRY_VERIFY_WITH_TIMEOUT(producer->streaming(), kStartTimeoutMs);

        const Frame first = picture(64, 48, 1);
        producer->send({first, {}, {}, CursorPicture{7, 8, 1, 1, cursorImage(8, 1)}});
        QTRY_VERIFY_WITH_TIMEOUT(damaged.count() > 0, kTimeoutMs);
        QVERIFY(source.captureFrame(frame));
        QVERIFY(frame.pixels == first.view());
        QCOMPARE(frame.damage, Region(first.rect()));
        QCOMPARE(frame.sequence, uint64_t(1));
        QCOMPARE(source.window().geometry, (Rect{100, 50, 64, 48}));
        QCOMPARE(source.window().title, QStringLiteral("Wayland window"));
        QVERIFY(events.isEmpty()); // the first picture gave the size: no resize
        QTRY_VERIFY_WITH_TIMEOUT(cursorChanges.count() > 0, kTimeoutMs);
        QCOMPARE(source.cursor().x, 7);
        QVERIFY(source.cursor().visible);

        producer->resize(50, 40);
        QTRY_VERIFY_WITH_TIMEOUT(producer->streaming() && producer->width() == 50, kTimeoutMs);
        const Frame resized = picture(50, 40, 2);
        producer->sendUntil({resized, {}, {}, {}}, [&] { return !events.isEmpty(); });
        QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), kTimeoutMs);
        auto event = events.takeFirst().first().value<WindowEvent>();
        QCOMPARE(event.kind, WindowEventKind::Resized);
        QCOMPARE(event.geometry, (Rect{100, 50, 50, 40}));
        QVERIFY(source.captureFrame(frame));
        QVERIFY(frame.pixels == resized.view());
        QCOMPARE(frame.damage, Region(resized.rect()));

        session->end();
        QCOMPARE(events.count(), 1);
        event = events.takeFirst().first().value<WindowEvent>();
        QCOMPARE(event.kind, WindowEventKind::Closed);
        QVERIFY(!source.captureFrame(frame));
        QVERIFY(!source.isActive());
        QVERIFY(!source.start());
    }

    // The stream failing (its producer went) closes the window.
    void windowSourceProducerGone()
    {
        QString error;
        auto producer = ScreenCastProducer::create(SPA_VIDEO_FORMAT_BGRx, 32, 32, &error);
        QVERIFY2(producer, qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(producer->hasNode(), kTimeoutMs);
        PipeWireWindowSource source(
            std::make_unique<ProducerSession>(producer->nodeId(), QPoint()));
        QSignalSpy events(&source, &WindowSource::windowEvent);
        QVERIFY2(source.start(), qPrintable(source.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(producer->streaming(), kStartTimeoutMs);
        producer.reset();
        QTRY_COMPARE_WITH_TIMEOUT(events.count(), 1, kTimeoutMs);
        QCOMPARE(events.first().first().value<WindowEvent>().kind, WindowEventKind::Closed);
        CapturedFrame frame;
        QVERIFY(!source.captureFrame(frame));
    }

    void noSuchNode()
    {
        QString error;
        auto consumer = PipeWireStream::open(-1, 999999, &error);
        QVERIFY2(consumer, qPrintable(error));
        QSignalSpy failures(consumer.get(), &PipeWireStream::failed);
        QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, kTimeoutMs);
    }
};

QTEST_GUILESS_MAIN(TestPipeWireStream)
#include "tst_pipewirestream.moc"
