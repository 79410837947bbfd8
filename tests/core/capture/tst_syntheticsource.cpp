#include "codecs/diff/FrameDiffer.h"
#include "codecs/motion/MotionDetector.h"
#include "core/capture/SyntheticWindowSource.h"

#include <QSignalSpy>
#include <QTest>

using namespace baton;

Q_DECLARE_METATYPE(baton::SyntheticSceneKind)

class TestSyntheticSource : public QObject {
    Q_OBJECT

private slots:
    void damageIsExact_data()
    {
        QTest::addColumn<SyntheticSceneKind>("kind");
        QTest::newRow("idle") << SyntheticSceneKind::Idle;
        QTest::newRow("typing") << SyntheticSceneKind::Typing;
        QTest::newRow("scrolling") << SyntheticSceneKind::Scrolling;
        QTest::newRow("video") << SyntheticSceneKind::Video;
    }

    // No pixel changes outside the damage the source reports, and two sources with the
    // same seed agree pixel for pixel.
    void damageIsExact()
    {
        QFETCH(SyntheticSceneKind, kind);
        SyntheticWindowSource source(kind, 333, 201, 7);
        SyntheticWindowSource twin(kind, 333, 201, 7);
        QVERIFY(source.start() && twin.start());
        FrameDiffer differ;
        int64_t changedPixels = 0;
        for (int step = 0; step < 60; ++step) {
            CapturedFrame frame;
            CapturedFrame twinFrame;
            QVERIFY(source.captureFrame(frame));
            QVERIFY(twin.captureFrame(twinFrame));
            QCOMPARE(frame.sequence, uint64_t(step + 1));
            QCOMPARE(frame.pixels, twinFrame.pixels);
            // Diffing inside the damage first, then over the whole frame: if the damage
            // missed a changed pixel, the second pass finds it.
            const int64_t dirtyArea = differ.diff(frame.pixels, frame.damage).dirty.area();
            QVERIFY(differ.diff(frame.pixels).dirty.isEmpty());
            if (step > 0)
                changedPixels += dirtyArea;
        }
        QCOMPARE(changedPixels == 0, kind == SyntheticSceneKind::Idle);
    }

    void scrollingSceneIsOneMove()
    {
        SyntheticWindowSource source(SyntheticSceneKind::Scrolling, 640, 480);
        QVERIFY(source.start());
        FrameDiffer differ({64, std::nullopt, true});
        MotionDetector detector;
        CapturedFrame frame;
        QVERIFY(source.captureFrame(frame));
        differ.diff(frame.pixels, frame.damage);
        for (int step = 0; step < 5; ++step) {
            QVERIFY(source.captureFrame(frame));
            const DiffResult &diff = differ.diff(frame.pixels, frame.damage);
            const MotionResult motion =
                detector.detect(differ.previous(), frame.pixels, diff.dirty);
            QCOMPARE(motion.moves.size(), std::size_t{1});
            QCOMPARE(motion.moves[0].dy, -SyntheticScene::kLineHeightPx);
            QVERIFY(motion.residual.area() <= int64_t{2} * SyntheticScene::kLineHeightPx * 640);
        }
    }

    void timerDrivesDamaged()
    {
        SyntheticWindowSource source(SyntheticSceneKind::Video, 64, 64, 1, 10);
        QSignalSpy damaged(&source, &WindowSource::damaged);
        QVERIFY(source.start());
        QTRY_VERIFY(damaged.count() >= 3);
        source.stop();
        CapturedFrame frame;
        QVERIFY(!source.captureFrame(frame));
    }
};

QTEST_GUILESS_MAIN(TestSyntheticSource)
#include "tst_syntheticsource.moc"
