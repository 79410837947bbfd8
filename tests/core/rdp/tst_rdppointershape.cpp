// RdpPointerShape: the masks read back by the RDP spec's rules (MS-RDPBCGR 2.2.9.1.1.4.4)
// and by FreeRDP's client-side decoder, which xfreerdp uses, against the source's pixels.

#include "core/rdp/RdpPointerShape.h"

#include <QtTest>

#include <freerdp/codec/color.h>

using namespace baton;
using namespace baton::rdp;

Q_DECLARE_METATYPE(baton::Frame)

namespace {

uint32_t premultiplied(uint8_t r, uint8_t g, uint8_t b, uint8_t a)
{
    const auto scale = [a](uint8_t c) { return uint32_t((c * a + 127) / 255); };
    return uint32_t(a) << 24 | scale(r) << 16 | scale(g) << 8 | scale(b);
}

// An arrow: black outline, white inside, a half-transparent coloured shadow, clear around.
Frame arrow(int width, int height)
{
    Frame image(width, height);
    image.fill(0);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            if (x > y)
                continue;
            if (x == 0 || x == y || y == height - 1)
                image.setPixel(x, y, premultiplied(0, 0, 0, 255));
            else if (x + 1 < y)
                image.setPixel(x, y, premultiplied(255, 255, 255, 255));
            else
                image.setPixel(x, y, premultiplied(200, 60, uint8_t(x * 7), uint8_t(40 + y)));
        }
    return image;
}

// The pixel the spec's masks describe at (x, y) (rows from the top), premultiplied again.
uint32_t specPixel(const RdpPointerShape &shape, int x, int y)
{
    const int row = shape.height - 1 - y; // both masks are bottom-up
    const int andStep = ((shape.width + 7) / 8 + 1) / 2 * 2;
    const auto *xorPixel =
        reinterpret_cast<const uint8_t *>(shape.xorMask.constData()) + (row * shape.width + x) * 4;
    const bool andBit = uint8_t(shape.andMask[row * andStep + x / 8]) & (0x80 >> (x % 8));
    if (andBit) {
        // Transparent: the XOR pixel must be black, so alpha-blind clients draw nothing.
        if (xorPixel[0] || xorPixel[1] || xorPixel[2] || xorPixel[3])
            return 0xDEADBEEF;
        return 0;
    }
    return premultiplied(xorPixel[2], xorPixel[1], xorPixel[0], xorPixel[3]);
}

} // namespace

class TestRdpPointerShape : public QObject {
    Q_OBJECT
private slots:
    void masksMatchTheImage_data();
    void masksMatchTheImage();
    void largeImagesAreScaledDown();
    void hotSpotStaysInside();
    void nullImage();
};

void TestRdpPointerShape::masksMatchTheImage_data()
{
    QTest::addColumn<Frame>("image");
    QTest::newRow("arrow 32x32") << arrow(32, 32);
    QTest::newRow("arrow 17x23") << arrow(17, 23); // AND rows of 3 bytes padded to 4
    QTest::newRow("arrow 9x96") << arrow(9, 96);
    QTest::newRow("1x1") << arrow(1, 1);
    QTest::newRow("arrow 300x300, large pointer") << arrow(300, 300);
}

void TestRdpPointerShape::masksMatchTheImage()
{
    QFETCH(Frame, image);
    const RdpPointerShape shape = RdpPointerShape::fromImage(image, 3, 4);
    QCOMPARE(int(shape.width), image.width());
    QCOMPARE(int(shape.height), image.height());
    QCOMPARE(shape.hotX, uint16_t(std::min(3, image.width() - 1)));
    QCOMPARE(shape.hotY, uint16_t(std::min(4, image.height() - 1)));
    QCOMPARE(shape.needsLargePointer(), image.width() > 96 || image.height() > 96);
    const int andStep = ((image.width() + 7) / 8 + 1) / 2 * 2;
    QCOMPARE(shape.xorMask.size(), qsizetype(image.width()) * 4 * image.height());
    QCOMPARE(shape.andMask.size(), qsizetype(andStep) * image.height());

    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (specPixel(shape, x, y) != image.pixel(x, y))
                QFAIL(qPrintable(QStringLiteral("by the spec, pixel %1,%2 is %3, not %4")
                                     .arg(x)
                                     .arg(y)
                                     .arg(specPixel(shape, x, y), 8, 16)
                                     .arg(image.pixel(x, y), 8, 16)));

    // What xfreerdp does with a New Pointer update: straight-alpha BGRA, top-down.
    Frame client(shape.width, shape.height);
    QVERIFY(freerdp_image_copy_from_pointer_data(
        client.data(), PIXEL_FORMAT_BGRA32, uint32_t(client.strideBytes()), 0, 0, shape.width,
        shape.height, reinterpret_cast<const BYTE *>(shape.xorMask.constData()),
        uint32_t(shape.xorMask.size()), reinterpret_cast<const BYTE *>(shape.andMask.constData()),
        uint32_t(shape.andMask.size()), 32, nullptr));
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const uint32_t pixel = client.pixel(x, y);
            const uint32_t again = premultiplied(uint8_t(pixel >> 16), uint8_t(pixel >> 8),
                                                 uint8_t(pixel), uint8_t(pixel >> 24));
            if (again != image.pixel(x, y))
                QFAIL(qPrintable(QStringLiteral("FreeRDP reads pixel %1,%2 as %3, not %4")
                                     .arg(x)
                                     .arg(y)
                                     .arg(again, 8, 16)
                                     .arg(image.pixel(x, y), 8, 16)));
        }
}

void TestRdpPointerShape::largeImagesAreScaledDown()
{
    const Frame image = arrow(400, 200);
    const RdpPointerShape large = RdpPointerShape::fromImage(image, 200, 100);
    QCOMPARE(large.width, uint16_t(384));
    QCOMPARE(large.height, uint16_t(192));
    QCOMPARE(large.hotX, uint16_t(192));
    QCOMPARE(large.hotY, uint16_t(96));
    QVERIFY(large.needsLargePointer());

    const RdpPointerShape small =
        RdpPointerShape::fromImage(image, 200, 100, RdpPointerShape::kMaxSizePx);
    QCOMPARE(small.width, uint16_t(96));
    QCOMPARE(small.height, uint16_t(48));
    QCOMPARE(small.hotX, uint16_t(48));
    QCOMPARE(small.hotY, uint16_t(24));
    QVERIFY(!small.needsLargePointer());
    QCOMPARE(small.xorMask.size(), qsizetype(96 * 4 * 48));
    QCOMPARE(small.andMask.size(), qsizetype(12 * 48));
    // Still an arrow: clear at the top right, opaque on the left edge.
    QVERIFY(specPixel(small, 95, 0) == 0);
    QCOMPARE(specPixel(small, 0, 40) >> 24, 255u);
}

void TestRdpPointerShape::hotSpotStaysInside()
{
    const RdpPointerShape shape = RdpPointerShape::fromImage(arrow(10, 12), 50, -3);
    QCOMPARE(shape.hotX, uint16_t(9));
    QCOMPARE(shape.hotY, uint16_t(0));
}

void TestRdpPointerShape::nullImage()
{
    const RdpPointerShape shape = RdpPointerShape::fromImage(Frame(), 1, 1);
    QVERIFY(shape.isNull());
    QVERIFY(shape.xorMask.isEmpty() && shape.andMask.isEmpty());
}

QTEST_GUILESS_MAIN(TestRdpPointerShape)
#include "tst_rdppointershape.moc"
