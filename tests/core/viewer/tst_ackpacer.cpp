// When a viewer acknowledges: sparse frames at once, dense ones together, never more than
// kMaxHeldFrames frames, kMaxHeldBytes or kMinIntervalMs late, with the time each
// acknowledgement was held.

#include "core/viewer/AckPacer.h"

#include <QTest>

using baton::AckPacer;
using Ack = AckPacer::Ack;

namespace {

constexpr int64_t kInterval = AckPacer::kMinIntervalMs;

} // namespace

class TestAckPacer : public QObject {
    Q_OBJECT
private slots:
    void sparseFramesAreAcknowledgedAtOnce()
    {
        AckPacer pacer;
        for (uint32_t frame = 1; frame <= 5; ++frame) {
            const auto ack =
                pacer.presented(frame, int64_t(frame) * kInterval, int64_t(frame) * 1000);
            QCOMPARE(ack, std::optional<Ack>(Ack{frame, 0}));
            QCOMPARE(pacer.dueAtMs(), std::nullopt);
        }
    }

    void denseFramesShareAnAcknowledgement()
    {
        // 40 frames a second, as the scrolling benchmark sends.
        AckPacer pacer;
        QCOMPARE(pacer.presented(1, 1000, 1000), std::optional<Ack>(Ack{1, 0}));
        QCOMPARE(pacer.presented(2, 1025, 2000), std::nullopt);
        QCOMPARE(pacer.dueAtMs(), std::optional<int64_t>(1000 + kInterval));
        QCOMPARE(pacer.presented(3, 1050, 3000), std::nullopt);
        QCOMPARE(pacer.presented(4, 1075, 4000), std::nullopt);
        // The fourth frame held: sent at once, covering frames 2 to 5.
        QCOMPARE(pacer.presented(5, 1099, 5000), std::optional<Ack>(Ack{5, 0}));
        QCOMPARE(pacer.dueAtMs(), std::nullopt);
    }

    void aHeldAcknowledgementSaysHowLongItWasHeld()
    {
        AckPacer pacer;
        QVERIFY(pacer.presented(7, 0, 7000));
        QCOMPARE(pacer.presented(8, 30, 8000), std::nullopt);
        QCOMPARE(pacer.presented(9, 60, 9000), std::nullopt);
        QCOMPARE(pacer.dueAtMs(), std::optional<int64_t>(kInterval));
        QCOMPARE(pacer.release(kInterval), std::optional<Ack>(Ack{9, uint16_t(kInterval - 60)}));
        QCOMPARE(pacer.release(kInterval + 1), std::nullopt);
        // The interval counts from that acknowledgement.
        QCOMPARE(pacer.presented(10, kInterval + 50, 10000), std::nullopt);
        QCOMPARE(pacer.dueAtMs(), std::optional<int64_t>(2 * kInterval));
    }

    void neverMoreThanMaxHeldFrames()
    {
        // However fast frames come, at most kMaxHeldFrames wait for one acknowledgement:
        // the host's window of unacknowledged batches is larger.
        AckPacer pacer;
        int acks = 0;
        int held = 0;
        for (uint32_t frame = 1; frame <= 1000; ++frame) {
            if (pacer.presented(frame, 5000 + frame, int64_t(frame) * 1000)) {
                ++acks;
                held = 0;
            } else {
                ++held;
            }
            QVERIFY(held < AckPacer::kMaxHeldFrames);
        }
        QCOMPARE(acks, 1 + 999 / AckPacer::kMaxHeldFrames);
    }

    void largeFramesAreAcknowledgedAtOnce()
    {
        // The host's window is also counted in bytes: a few large frames (key frames, a
        // lossless full window) would fill it before four were held.
        AckPacer pacer;
        QVERIFY(pacer.presented(1, 0, 1000));
        QCOMPARE(pacer.presented(2, 10, 1000 + AckPacer::kMaxHeldBytes - 1), std::nullopt);
        QCOMPARE(pacer.presented(3, 20, 1000 + AckPacer::kMaxHeldBytes),
                 std::optional<Ack>(Ack{3, 0}));
        QCOMPARE(pacer.presented(4, 30, 1000 + 2 * AckPacer::kMaxHeldBytes),
                 std::optional<Ack>(Ack{4, 0}));
    }

    void heldTimeIsCapped()
    {
        AckPacer pacer;
        QVERIFY(pacer.presented(1, 0, 1000));
        QCOMPARE(pacer.presented(2, 10, 2000), std::nullopt);
        QCOMPARE(pacer.release(10 + 200'000), std::optional<Ack>(Ack{2, 65535}));
    }
};

QTEST_APPLESS_MAIN(TestAckPacer)
#include "tst_ackpacer.moc"
