#include "codecs/frame/Frame.h"

#include <QTest>

#include <cstring>
#include <stdexcept>

using baton::Frame;
using baton::FrameView;
using baton::Rect;

class TestFrame : public QObject {
    Q_OBJECT
private slots:
    void strideIsAlignedAndPaddingZero()
    {
        const Frame frame(17, 3);
        QCOMPARE(frame.strideBytes(), 128);
        QCOMPARE(reinterpret_cast<uintptr_t>(frame.data()) % Frame::kRowAlignmentBytes,
                 uintptr_t{0});
        for (std::size_t i = 0; i < frame.sizeBytes(); ++i)
            QCOMPARE(frame.data()[i], uint8_t{0});
    }

    void refusesInvalidSizes_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::newRow("zero width") << 0 << 10;
        QTest::newRow("negative height") << 10 << -1;
        QTest::newRow("too wide") << Frame::kMaxDimensionPx + 1 << 1;
        QTest::newRow("too tall") << 1 << Frame::kMaxDimensionPx + 1;
    }
    void refusesInvalidSizes()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QVERIFY(!Frame::isValidSize(width, height));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Frame(width, height));
    }

    void pixelsAndFill()
    {
        Frame frame(5, 4);
        frame.fill(0xff102030u);
        frame.setPixel(4, 3, 0xffabcdefu);
        QCOMPARE(frame.pixel(0, 0), 0xff102030u);
        QCOMPARE(frame.pixel(4, 3), 0xffabcdefu);
        // Memory order is B, G, R, A.
        const uint8_t *last = frame.data() + 3 * frame.strideBytes() + 4 * 4;
        QCOMPARE(last[0], uint8_t{0xef});
        QCOMPARE(last[3], uint8_t{0xff});
    }

    void subViewIsClipped()
    {
        Frame frame(10, 10);
        frame.setPixel(9, 9, 7);
        const FrameView view = frame.view().subView(Rect{8, 8, 5, 5});
        QCOMPARE(view.width(), 2);
        QCOMPARE(view.height(), 2);
        QCOMPARE(view.pixel(1, 1), 7u);
        QVERIFY(frame.view().subView(Rect{20, 20, 2, 2}).isNull());
    }

    void copyFromClipsBothSides()
    {
        Frame source(4, 4);
        source.fill(0x11);
        Frame target(6, 6);
        target.mutableView().copyFrom(source, 4, -2);
        // Only columns 4..5 and rows 0..1 receive pixels.
        for (int y = 0; y < 6; ++y)
            for (int x = 0; x < 6; ++x)
                QCOMPARE(target.pixel(x, y), (x >= 4 && y < 2) ? 0x11u : 0u);
    }

    void equalityIgnoresPadding()
    {
        Frame a(3, 2);
        a.fill(5);
        // A view over a differently padded buffer with the same pixels compares equal.
        std::vector<uint8_t> padded(2 * 20, 0xEE);
        const uint32_t five = 5;
        for (std::size_t y = 0; y < 2; ++y)
            for (std::size_t x = 0; x < 3; ++x)
                std::memcpy(&padded[y * 20 + x * 4], &five, sizeof five);
        const FrameView other(padded.data(), 3, 2, 20);
        QVERIFY(a.view() == other);
        QCOMPARE(Frame::copyOf(other), a);
        Frame b = a;
        b.setPixel(2, 1, 6);
        QVERIFY(!(a == b));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, FrameView(padded.data(), 6, 2, 20));
    }
};

QTEST_APPLESS_MAIN(TestFrame)
#include "tst_frame.moc"
