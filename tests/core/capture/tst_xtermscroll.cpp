#include "XtermFixture.h"
#include "codecs/diff/FrameDiffer.h"
#include "codecs/motion/MotionDetector.h"
#include "core/capture/x11/X11WindowSource.h"
#include "core/capture/x11/XcbConnection.h"

#include <QTest>

using namespace baton;
using namespace baton::test;

namespace {

// Captures until three captures in a row, 60 ms apart, are identical: the terminal has
// finished drawing. Returns a copy.
Frame stableFrame(X11WindowSource &source)
{
    Frame last;
    int same = 0;
    const QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired() && same < 3) {
        CapturedFrame frame;
        if (source.captureFrame(frame)) {
            same = (!last.isNull() && frame.pixels == last.view()) ? same + 1 : 0;
            last = Frame::copyOf(frame.pixels);
        }
        QTest::qWait(60);
    }
    return same >= 3 ? last : Frame();
}

} // namespace

class TestXtermScroll : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY((xServer_ = holdXServer()) != nullptr); }
    // A real xterm scrolls by five lines; the motion detector turns it into one move plus
    // the new lines, and a viewer applying them gets the xterm's pixels exactly.
    void xtermScrollIsOneMove()
    {
        Xterm xterm(QStringLiteral("scroll"),
                    {QStringLiteral("-e"), QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("seq -f 'line %g of a scrolling terminal' 1 60; read x; "
                                    "seq -f 'new line %g' 1 4; exec sleep 60")},
                    QStringLiteral("80x30+10+10"));
        QVERIFY(xterm.windowId() != 0);
        X11WindowSource source(xterm.windowId());
        QVERIFY(source.start());
        const Frame before = stableFrame(source);
        QVERIFY(!before.isNull());

        QVERIFY(xdotool({QStringLiteral("windowfocus"), QString::number(xterm.windowId()),
                         QStringLiteral("key"), QStringLiteral("Return")}));
        Frame after;
        QTRY_VERIFY_WITH_TIMEOUT(!(after = stableFrame(source)).isNull() && !(after == before),
                                 10000);

        FrameDiffer differ({64, std::nullopt, true});
        differ.diff(before);
        const DiffResult &diff = differ.diff(after);
        MotionDetector detector;
        const MotionResult motion = detector.detect(differ.previous(), after, diff.dirty);
        QCOMPARE(motion.moves.size(), std::size_t{1});
        const CopyMove &move = motion.moves[0];
        QCOMPARE(move.dx, 0);
        QVERIFY(move.dy < 0);
        // The Return's line feed and four new lines: five text lines of movement.
        const int32_t lineHeightPx = -move.dy / 5;
        QCOMPARE(move.dy, -5 * lineHeightPx);
        QVERIFY(move.source.height >= after.height() - 6 * lineHeightPx - 8);
        QVERIFY2(motion.residual.area() <= int64_t{6} * lineHeightPx * after.width(),
                 qPrintable(QStringLiteral("residual %1 px").arg(motion.residual.area())));

        Frame viewer = before;
        const Frame source2 = Frame::copyOf(viewer.view().subView(move.source));
        viewer.mutableView().copyFrom(source2, move.destination().x, move.destination().y);
        for (const Rect &r : motion.residual.rects())
            viewer.mutableView().copyFrom(after.view().subView(r), r.x, r.y);
        QVERIFY(viewer == after);

        const int64_t windowBytes = int64_t{after.width()} * after.height() * kBytesPerPixel;
        qInfo("xterm %dx%d scrolled %d px: 1 move = %lld bytes, %.4f %% of re-sending %lld "
              "bytes; residual %lld px",
              after.width(), after.height(), -move.dy, static_cast<long long>(CopyMove::kWireBytes),
              100.0 * double(CopyMove::kWireBytes) / double(windowBytes),
              static_cast<long long>(windowBytes), static_cast<long long>(motion.residual.area()));
        QVERIFY(CopyMove::kWireBytes * 100 <= windowBytes);
    }

private:
    std::unique_ptr<XcbConnection> xServer_;
};

QTEST_GUILESS_MAIN(TestXtermScroll)
#include "tst_xtermscroll.moc"
