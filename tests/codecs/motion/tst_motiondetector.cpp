#include "codecs/diff/FrameDiffer.h"
#include "codecs/motion/MotionDetector.h"
#include "codecs/motion/RowHash.h"

#include <QRandomGenerator>
#include <QTest>

using namespace baton;

namespace {

constexpr int32_t kGlyphWidthPx = 8;
constexpr int32_t kLineHeightPx = 18; // 16-pixel glyphs and a 2-pixel gap

// Draws line number `line` of a deterministic text: glyph shapes and line lengths come
// from the line number, so the same line looks the same wherever it is drawn.
void drawLine(Frame &frame, const Rect &area, int32_t top, int32_t line)
{
    QRandomGenerator random(uint32_t(line) * 2654435761u + 1);
    const int32_t glyphs = 4 + random.bounded(std::max(1, area.width / kGlyphWidthPx - 4));
    for (int32_t g = 0; g < glyphs; ++g) {
        const uint64_t bits = random.generate64() | 1;
        for (int32_t gy = 0; gy < 16; ++gy) {
            for (int32_t gx = 0; gx < kGlyphWidthPx; ++gx) {
                const int32_t x = area.x + g * kGlyphWidthPx + gx;
                const int32_t y = top + gy;
                if (x >= area.right() || y < area.y || y >= area.bottom())
                    continue;
                const bool ink = (bits >> ((gy * 8 + gx) % 64)) & 1;
                frame.setPixel(x, y, ink ? 0xff202020u : 0xfffafafau);
            }
        }
    }
}

// A text view showing lines firstLine… inside area, on a white page.
void drawText(Frame &frame, const Rect &area, int32_t firstLine)
{
    frame.mutableView().fill(area, 0xfffafafau);
    for (int32_t i = 0; i * kLineHeightPx < area.height; ++i)
        drawLine(frame, area, area.y + i * kLineHeightPx, firstLine + i);
}

// What a viewer does: moves on its copy of the old frame, then the residual pixels.
Frame apply(const FrameView &old, const FrameView &current, const MotionResult &motion)
{
    Frame out = Frame::copyOf(old);
    for (const CopyMove &move : motion.moves) {
        const Frame source = Frame::copyOf(out.view().subView(move.source));
        out.mutableView().copyFrom(source, move.destination().x, move.destination().y);
    }
    for (const Rect &r : motion.residual.rects())
        out.mutableView().copyFrom(current.subView(r), r.x, r.y);
    return out;
}

struct Pipeline {
    FrameDiffer differ{{64, std::nullopt, true}};
    MotionDetector detector;

    MotionResult run(const Frame &frame)
    {
        const DiffResult &diff = differ.diff(frame);
        return detector.detect(differ.previous(), frame, diff.dirty);
    }
};

} // namespace

class TestMotionDetector : public QObject {
    Q_OBJECT

private slots:
    void hashersAgree()
    {
        // The CRC-32C check value of "123456789" pins the polynomial and reflection.
        const uint8_t check[] = {'1', '2', '3', '4', '5', '6', '7', '8', '9'};
        QRandomGenerator random(7);
        std::vector<uint8_t> bytes(1000);
        for (uint8_t &b : bytes)
            b = uint8_t(random.generate());
        for (const RowHasher &hasher : availableRowHashers()) {
            qInfo("row hasher: %s", hasher.name.data());
            QCOMPARE(hasher.hash(check, sizeof check), 0xe3069283u);
            for (std::size_t n : {0, 1, 7, 8, 9, 63, 1000})
                QCOMPARE(hasher.hash(bytes.data(), n), motion::crc32cScalar(bytes.data(), n));
        }
    }

    void scrollByLines_data()
    {
        QTest::addColumn<int>("lines");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        for (int lines : {1, 3, -2, 10})
            QTest::newRow(qPrintable(QStringLiteral("%1 lines 800x600").arg(lines)))
                << lines << 800 << 600;
        QTest::newRow("5 lines full HD") << 5 << 1920 << 1080;
        QTest::newRow("1 line odd size") << 1 << 333 << 217;
    }

    // Scrolling a full-window text view by N lines is one move plus N lines of pixels,
    // and the move costs under 1 % of sending the window again.
    void scrollByLines()
    {
        QFETCH(int, lines);
        QFETCH(int, width);
        QFETCH(int, height);
        Frame frame(width, height);
        drawText(frame, frame.rect(), 100);
        Pipeline pipeline;
        pipeline.run(frame);
        const Frame old = frame;
        drawText(frame, frame.rect(), 100 + lines);
        const MotionResult motion = pipeline.run(frame);

        QCOMPARE(motion.moves.size(), std::size_t{1});
        QCOMPARE(motion.moves[0].dx, 0);
        QCOMPARE(motion.moves[0].dy, -lines * kLineHeightPx);
        const int64_t newRowsPx = int64_t{std::abs(lines) * kLineHeightPx} * width;
        QVERIFY2(
            motion.residual.area() <= newRowsPx,
            qPrintable(
                QStringLiteral("residual %1 px > %2").arg(motion.residual.area()).arg(newRowsPx)));
        QCOMPARE(apply(old, frame, motion), frame);

        const int64_t moveBytes = int64_t(motion.moves.size()) * CopyMove::kWireBytes;
        const int64_t windowBytes = int64_t{width} * height * kBytesPerPixel;
        qInfo("scroll %d lines at %dx%d: move %lld bytes = %.5f %% of re-sending %lld bytes; "
              "residual %lld px (%d rows)",
              lines, width, height, static_cast<long long>(moveBytes),
              100.0 * double(moveBytes) / double(windowBytes), static_cast<long long>(windowBytes),
              static_cast<long long>(motion.residual.area()), int(motion.residual.area() / width));
        QVERIFY(moveBytes * 100 <= windowBytes);
    }

    // A scroll inside an editor next to an animated chart and a static sidebar: the
    // editor scroll is a move, the chart stays pixels, the sidebar stays untouched.
    void scrollInsideAPart()
    {
        Frame frame(1000, 700);
        frame.fill(0xffc0c0c0u);
        const Rect editor{150, 40, 520, 600};
        const Rect chart{760, 100, 200, 150};
        drawText(frame, editor, 0);
        QRandomGenerator random(3);
        Pipeline pipeline;
        pipeline.run(frame);
        for (int step = 1; step <= 3; ++step) {
            const Frame old = frame;
            drawText(frame, editor, step * 2);
            for (int32_t y = chart.y; y < chart.bottom(); ++y)
                for (int32_t x = chart.x; x < chart.right(); ++x)
                    frame.setPixel(x, y, random.generate() | 0xff000000u);
            const MotionResult motion = pipeline.run(frame);
            QCOMPARE(motion.moves.size(), std::size_t{1});
            QCOMPARE(motion.moves[0].dy, -2 * kLineHeightPx);
            // Moves are whole 64-pixel strips: they may take in unchanged background
            // beside the editor, never the chart.
            const Rect moved = motion.moves[0].destination();
            QVERIFY(moved.contains(
                {editor.x, editor.y, editor.width, editor.height - 2 * kLineHeightPx}));
            QVERIFY(!moved.intersects(chart));
            QVERIFY(!motion.moves[0].source.intersects(chart));
            QVERIFY(motion.residual.contains(chart));
            QVERIFY(motion.residual.intersected(editor).area() <= 2 * kLineHeightPx * editor.width);
            QCOMPARE(apply(old, frame, motion), frame);
        }
    }

    void noMotionInNoise()
    {
        Frame frame(256, 256);
        QRandomGenerator random(11);
        Pipeline pipeline;
        pipeline.run(frame);
        for (int32_t y = 0; y < 256; ++y)
            for (uint32_t &pixel : frame.mutableView().row(y))
                pixel = random.generate();
        const MotionResult motion = pipeline.run(frame);
        QVERIFY(motion.moves.empty());
        QCOMPARE(motion.residual, Region(frame.rect()));
    }

    void nothingWithoutPrevious()
    {
        Frame frame(64, 64);
        MotionDetector detector;
        const MotionResult motion = detector.detect({}, frame, Region(frame.rect()));
        QVERIFY(motion.moves.empty());
        QCOMPARE(motion.residual, Region(frame.rect()));
    }
};

QTEST_APPLESS_MAIN(TestMotionDetector)
#include "tst_motiondetector.moc"
