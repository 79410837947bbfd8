// Region classification: moving many-colour areas become video after a few frames and
// stop being video when they stop; text, however often it changes, never does. And the
// stream's rectangle (VideoRectKeeper) stays put while the video tiles flicker.
#include "codecs/classify/RegionClassifier.h"
#include "codecs/classify/VideoRectKeeper.h"

#include <QTest>

#include <random>

using namespace baton;
using namespace baton::classify;

namespace {

constexpr int kWidth = 640;
constexpr int kHeight = 384;
const Rect kVideoRect{128, 64, 256, 192}; // tile-aligned: 4×3 tiles

void paintNoise(Frame &frame, const Rect &rect, uint32_t seed)
{
    std::mt19937 rng(seed);
    for (int y = rect.top(); y < rect.bottom(); ++y)
        for (int x = rect.left(); x < rect.right(); ++x)
            frame.setPixel(x, y, rng() | 0xFF000000u);
}

// Anti-aliased-looking text: a few grey levels of strokes on white.
void paintText(Frame &frame, const Rect &rect, int frameIndex)
{
    for (int y = rect.top(); y < rect.bottom(); ++y)
        for (int x = rect.left(); x < rect.right(); ++x) {
            const int v = (x * 13 + y * 7 + frameIndex * 5) % 23;
            const uint32_t grey = v < 4 ? static_cast<uint32_t>(v * 60) : 255u;
            frame.setPixel(x, y, 0xFF000000u | grey * 0x010101u);
        }
}

} // namespace

class TestRegionClassifier : public QObject {
    Q_OBJECT

private slots:
    void movingPictureBecomesVideoAndStops()
    {
        RegionClassifier classifier;
        Frame frame(kWidth, kHeight);
        frame.fill(0xFFFFFFFFu);
        int firstVideoFrame = -1;
        for (int i = 0; i < 12; ++i) {
            paintNoise(frame, kVideoRect, static_cast<uint32_t>(i));
            const Classification c = classifier.classify(frame, Region(kVideoRect));
            if (!c.video.isEmpty() && firstVideoFrame < 0)
                firstVideoFrame = i;
            if (i >= 5) {
                QCOMPARE(c.video, Region(kVideoRect));
                QVERIFY(c.lossless.isEmpty());
            } else {
                QVERIFY(c.video.isEmpty());
                QCOMPARE(c.lossless, Region(kVideoRect));
            }
        }
        QCOMPARE(firstVideoFrame, ClassifierConfig{}.minChangedFrames - 1);
        // A dropped frame (nothing changed) keeps the stream going.
        Classification c = classifier.classify(frame, Region());
        QCOMPARE(c.video, Region(kVideoRect));
        // Motion stops: the area leaves video once its history is empty, and that
        // frame re-sends it losslessly.
        bool released = false;
        for (int i = 0; i < ClassifierConfig{}.historyFrames + 1 && !released; ++i) {
            c = classifier.classify(frame, Region());
            released = c.video.isEmpty();
        }
        QVERIFY(released);
        QCOMPARE(c.lossless, Region(kVideoRect));
    }

    void textNeverBecomesVideo()
    {
        RegionClassifier classifier;
        Frame frame(kWidth, kHeight);
        frame.fill(0xFFFFFFFFu);
        const Rect textRect{0, 0, kWidth, kHeight};
        for (int i = 0; i < 30; ++i) {
            paintText(frame, textRect, i); // the whole window's text changes every frame
            const Classification c = classifier.classify(frame, Region(textRect));
            QVERIFY(c.video.isEmpty());
            QCOMPARE(c.lossless, Region(textRect));
        }
    }

    void textOverVideoAreaLeavesVideoAtOnce()
    {
        RegionClassifier classifier;
        Frame frame(kWidth, kHeight);
        frame.fill(0xFFFFFFFFu);
        for (int i = 0; i < 8; ++i) {
            paintNoise(frame, kVideoRect, static_cast<uint32_t>(i));
            classifier.classify(frame, Region(kVideoRect));
        }
        // The player shows a text page in its place: lossless on that very frame.
        paintText(frame, kVideoRect, 0);
        const Classification c = classifier.classify(frame, Region(kVideoRect));
        QVERIFY(c.video.isEmpty());
        QCOMPARE(c.lossless, Region(kVideoRect));
    }

    void smallSpinnerIsNotVideo()
    {
        RegionClassifier classifier;
        Frame frame(kWidth, kHeight);
        frame.fill(0xFFFFFFFFu);
        const Rect spinner{64, 64, 64, 64}; // one tile of noise
        for (int i = 0; i < 12; ++i) {
            paintNoise(frame, spinner, static_cast<uint32_t>(i));
            QVERIFY(classifier.classify(frame, Region(spinner)).video.isEmpty());
        }
    }

    void videoBesideTypingSplitsCleanly()
    {
        RegionClassifier classifier;
        Frame frame(kWidth, kHeight);
        frame.fill(0xFFFFFFFFu);
        const Rect textRect{448, 0, 192, 128};
        Classification c;
        for (int i = 0; i < 10; ++i) {
            paintNoise(frame, kVideoRect, static_cast<uint32_t>(i));
            paintText(frame, textRect, i);
            c = classifier.classify(frame, Region{kVideoRect, textRect});
        }
        QCOMPARE(c.video, Region(kVideoRect));
        QCOMPARE(c.lossless, Region(textRect));
    }

    void rejectsInconsistentConfiguration()
    {
        ClassifierConfig config;
        config.minChangedFrames = 40;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RegionClassifier{config});
    }

    // A decoded video's edge tiles drop in and out: the stream keeps the rectangle that
    // holds them all instead of a new one (a new encoder, a key frame) each time.
    void keptRectGrowsAtOnceAndIgnoresFlicker()
    {
        VideoRectKeeper keeper(10);
        const Rect whole{0, 0, 640, 360};
        const Rect inner{64, 64, 512, 256};
        QCOMPARE(keeper.update(inner), inner);
        QCOMPARE(keeper.update(whole), whole);
        for (int frame = 0; frame < 9; ++frame)
            QCOMPARE(keeper.update(frame % 2 == 0 ? inner : Rect{0, 64, 576, 192}), whole);
    }

    // Video that stays inside a smaller rectangle for the whole delay gets it.
    void keptRectShrinksAfterTheDelay()
    {
        VideoRectKeeper keeper(10);
        const Rect whole{0, 0, 640, 360};
        const Rect left{0, 0, 320, 360};
        const Rect leftTop{0, 0, 320, 192};
        keeper.update(whole);
        for (int frame = 0; frame < 9; ++frame)
            QCOMPARE(keeper.update(frame % 2 == 0 ? left : leftTop), whole);
        QCOMPARE(keeper.update(leftTop), left);
    }

    // No video at all ends the stream: the next video starts from its own rectangle.
    void emptyClassificationEndsTheKeptRect()
    {
        VideoRectKeeper keeper(10);
        keeper.update(Rect{0, 0, 640, 360});
        QCOMPARE(keeper.update(Rect{}), Rect{});
        const Rect small{64, 64, 128, 128};
        QCOMPARE(keeper.update(small), small);
    }
};

QTEST_APPLESS_MAIN(TestRegionClassifier)
#include "tst_regionclassifier.moc"
