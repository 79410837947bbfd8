// RdpPictureEncoder against FreeRDP's own planar decoder, called as xfreerdp's GDI calls it
// for a 32-bpp compressed Bitmap Update rectangle: every decoded pixel must be the source's.

#include "core/rdp/RdpPictureEncoder.h"

#include <QFont>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QtTest>

#include <freerdp/codec/color.h>
#include <freerdp/codec/planar.h>
#include <memory>

using namespace baton;
using namespace baton::rdp;

Q_DECLARE_METATYPE(baton::Frame)

namespace {

struct PlanarContextFree {
    void operator()(BITMAP_PLANAR_CONTEXT *context) const
    {
        freerdp_bitmap_planar_context_free(context);
    }
};

Frame frameOf(const QImage &image)
{
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    return Frame::copyOf(
        FrameView(argb.constBits(), argb.width(), argb.height(), int32_t(argb.bytesPerLine())));
}

Frame textPicture(int width, int height)
{
    QImage image(width, height, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    QFont font;
    font.setPixelSize(13);
    painter.setFont(font);
    painter.setPen(Qt::black);
    for (int line = 0; line * 15 < height; ++line)
        painter.drawText(2, 13 + line * 15,
                         QStringLiteral("$ ls -l /usr/share/doc | grep %1 "
                                        "&& echo 'antialiased text'")
                             .arg(line));
    painter.setPen(QColor(0, 120, 215));
    painter.drawText(QRect(0, 0, width, height), Qt::AlignCenter, QStringLiteral("Baton ✓ RDP"));
    return frameOf(image);
}

Frame gradientPicture(int width, int height)
{
    Frame frame(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            frame.setPixel(x, y,
                           0xFF000000u | uint32_t((x * 255) / std::max(1, width - 1)) << 16 |
                               uint32_t((y * 255) / std::max(1, height - 1)) << 8 |
                               uint32_t((x + y) & 0xFF));
    return frame;
}

// Photo-like: smooth colour with noise on top. The alpha is random too: it is never sent.
Frame noisePicture(int width, int height, quint32 seed)
{
    QRandomGenerator random(seed);
    Frame frame(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const uint32_t noise = random.generate();
            const auto channel = [&](int base, int shift) {
                return uint32_t(std::clamp(base + int((noise >> shift) & 0x3F) - 32, 0, 255));
            };
            frame.setPixel(x, y,
                           (noise & 0xFF000000u) | channel((x * 3) & 0xFF, 0) << 16 |
                               channel((y * 2) & 0xFF, 6) << 8 | channel(128, 12));
        }
    return frame;
}

// What a client sees: the tiles decoded into a copy of what it had before. topDown: the
// graphics pipeline's variant, decoded as FreeRDP's gdi_SurfaceCommand_Planar does (no flip).
Frame decoded(const RdpPictureUpdate &update, Frame before, bool topDown = false)
{
    std::unique_ptr<BITMAP_PLANAR_CONTEXT, PlanarContextFree> planar(
        freerdp_bitmap_planar_context_new(0, RdpPictureEncoder::kMaxTileSize,
                                          RdpPictureEncoder::kMaxTileSize));
    if (!planar)
        qFatal("no planar context");
    for (const RdpTile &tile : update.tiles) {
        const QByteArray &stream = topDown ? tile.planarTopDown : tile.planar;
        Frame pixels(tile.width, tile.height);
        if (!planar_decompress(planar.get(), reinterpret_cast<const BYTE *>(stream.data()),
                               uint32_t(stream.size()), tile.width, tile.height, pixels.data(),
                               PIXEL_FORMAT_BGRA32, uint32_t(pixels.strideBytes()), 0, 0,
                               tile.width, tile.height, !topDown)) {
            qWarning() << "tile" << tile.x << tile.y << tile.width << tile.height
                       << "does not decode";
            return {};
        }
        before.mutableView().copyFrom(pixels.view(), tile.x, tile.y);
    }
    return before;
}

// The source as a client shows it: opaque.
Frame opaque(const Frame &frame)
{
    Frame copy = frame;
    for (int y = 0; y < copy.height(); ++y)
        for (uint32_t &pixel : copy.mutableView().row(y))
            pixel |= 0xFF000000u;
    return copy;
}

void checkGeometry(const RdpPictureUpdate &update, const Region &changed, const Frame &picture)
{
    const int tileSize = RdpPictureEncoder::kMaxTileSize;
    Region covered;
    for (const RdpTile &tile : update.tiles) {
        const Rect rect{tile.x, tile.y, tile.width, tile.height};
        QVERIFY(!rect.isEmpty());
        QVERIFY2(picture.rect().contains(rect), "a tile reaches outside the picture");
        QVERIFY(tile.width <= tileSize && tile.height <= tileSize);
        // Inside one cell of the grid.
        QCOMPARE(tile.x / tileSize, (tile.x + tile.width - 1) / tileSize);
        QCOMPARE(tile.y / tileSize, (tile.y + tile.height - 1) / tileSize);
        QVERIFY2(changed.intersects(rect), "a tile the change does not touch");
        QVERIFY2(!covered.intersects(rect), "tiles overlap");
        covered |= Region(rect);
    }
    QVERIFY2(changed.intersected(picture.rect()).subtracted(covered).isEmpty(),
             "the change is not covered");
}

} // namespace

class TestRdpPictureEncoder : public QObject {
    Q_OBJECT
private slots:
    void wholePicture_data();
    void wholePicture();
    void scatteredChange();
    void changeOutsideThePicture();
    void copiesAndPixels();
    void oneEncoderManyPictures();
    void topDownVariant_data();
    void topDownVariant();
};

void TestRdpPictureEncoder::wholePicture_data()
{
    QTest::addColumn<Frame>("picture");
    QTest::newRow("text 640x400") << textPicture(640, 400);
    QTest::newRow("gradient 300x200") << gradientPicture(300, 200);
    QTest::newRow("noise 200x130") << noisePicture(200, 130, 1);
    QTest::newRow("1x1") << noisePicture(1, 1, 2);
    QTest::newRow("65x3") << noisePicture(65, 3, 3);
    QTest::newRow("1000x67 text") << textPicture(1000, 67);
    QTest::newRow("3x129 gradient") << gradientPicture(3, 129);
    Frame flat(130, 70);
    flat.fill(0xFF336699u);
    QTest::newRow("flat 130x70") << flat;
    // Flat right edges one and two pixels wide, where run-length encoding would win.
    Frame flatEdges(66, 9);
    flatEdges.fill(0xFF000000u);
    QTest::newRow("flat 66x9") << flatEdges;
    Frame flatColumn(1, 40);
    flatColumn.fill(0xFFFFFFFFu);
    QTest::newRow("flat 1x40") << flatColumn;
}

void TestRdpPictureEncoder::wholePicture()
{
    QFETCH(Frame, picture);
    RdpPictureEncoder encoder;
    const RdpPictureUpdatePtr update = encoder.encodeWhole(picture);
    QCOMPARE(update->desktopWidth, picture.width());
    QCOMPARE(update->desktopHeight, picture.height());
    checkGeometry(*update, Region(picture.rect()), picture);
    if (QTest::currentTestFailed())
        return;
    qsizetype bytes = 0;
    for (const RdpTile &tile : update->tiles)
        bytes += tile.planar.size();
    QCOMPARE(update->bytes, bytes);

    Frame before(picture.width(), picture.height());
    const Frame after = decoded(*update, before);
    QVERIFY(!after.isNull());
    QVERIFY(after == opaque(picture));
}

void TestRdpPictureEncoder::scatteredChange()
{
    const Frame before = textPicture(517, 301);
    const Frame picture = noisePicture(517, 301, 7);
    const Region changed{{0, 0, 1, 1},       {127, 127, 2, 2},  {100, 5, 7, 13},
                         {130, 40, 200, 3},  {511, 290, 6, 11}, {250, 128, 1, 100},
                         {300, 100, 66, 70}, {64, 200, 64, 64}};
    RdpPictureEncoder encoder;
    const RdpPictureUpdatePtr update = encoder.encode(picture, changed);
    checkGeometry(*update, changed, picture);
    if (QTest::currentTestFailed())
        return;
    const Frame after = decoded(*update, opaque(before));
    QVERIFY(!after.isNull());
    const Frame expected = opaque(picture);
    Region tiles;
    for (const RdpTile &tile : update->tiles)
        tiles |= Region(Rect{tile.x, tile.y, tile.width, tile.height});
    for (int y = 0; y < picture.height(); ++y)
        for (int x = 0; x < picture.width(); ++x) {
            const uint32_t want =
                tiles.contains(x, y) ? expected.pixel(x, y) : (before.pixel(x, y) | 0xFF000000u);
            if (after.pixel(x, y) != want)
                QFAIL(qPrintable(QStringLiteral("pixel %1,%2 is %3, not %4")
                                     .arg(x)
                                     .arg(y)
                                     .arg(after.pixel(x, y), 8, 16)
                                     .arg(want, 8, 16)));
        }
    // The small change at 127,127 spans four cells: four small tiles, not four whole cells.
    int tilesAtCorner = 0;
    for (const RdpTile &tile : update->tiles)
        if (Rect{tile.x, tile.y, tile.width, tile.height}.intersects({127, 127, 2, 2})) {
            ++tilesAtCorner;
            QVERIFY(tile.width == 4 && tile.height == 1);
        }
    QCOMPARE(tilesAtCorner, 4);
}

void TestRdpPictureEncoder::changeOutsideThePicture()
{
    const Frame picture = gradientPicture(100, 50);
    RdpPictureEncoder encoder;
    QVERIFY(encoder.encode(picture, Region(Rect{100, 0, 50, 50}))->tiles.empty());
    QVERIFY(encoder.encode(picture, Region())->tiles.empty());
    const Region overhanging(Rect{90, 40, 50, 50});
    const RdpPictureUpdatePtr update = encoder.encode(picture, overhanging);
    checkGeometry(*update, overhanging, picture);
    QCOMPARE(update->tiles.size(), std::size_t(1));
    QCOMPARE(update->tiles[0].x, uint16_t(88));
    QCOMPARE(update->tiles[0].width, uint16_t(12));
}

// A change's copies are kept as they are and only its pixels become tiles; copies that do not
// all lie inside the picture cannot be replayed: then its whole damage becomes tiles.
void TestRdpPictureEncoder::copiesAndPixels()
{
    const Frame picture = textPicture(300, 200);
    PictureChange change;
    change.copies = {{Rect{0, 13, 300, 187}, 0, 0}, {Rect{10, 20, 30, 40}, 50, 60}};
    change.pixels = Region(Rect{0, 187, 300, 13});
    RdpPictureEncoder encoder;
    const RdpPictureUpdatePtr update = encoder.encode(picture, change);
    QCOMPARE(update->copies.size(), std::size_t(2));
    const RdpCopy &second = update->copies[1];
    QVERIFY(second.x == 50 && second.y == 60 && second.width == 30 && second.height == 40 &&
            second.fromX == 10 && second.fromY == 20);
    checkGeometry(*update, change.pixels, picture);
    for (const RdpTile &tile : update->tiles)
        QVERIFY(tile.y >= 187);

    change.copies.push_back({Rect{280, 0, 30, 10}, 0, 0}); // its source overhangs
    const RdpPictureUpdatePtr fallback = encoder.encode(picture, change);
    QVERIFY(fallback->copies.empty());
    checkGeometry(*fallback, change.damage(), picture);
}

// The encoder's contexts and scratch are reused: a large noisy tile must not leave anything
// behind for the next, smaller or flatter one.
void TestRdpPictureEncoder::oneEncoderManyPictures()
{
    RdpPictureEncoder encoder;
    for (const Frame &picture : {noisePicture(128, 128, 11), gradientPicture(70, 5),
                                 textPicture(200, 90), noisePicture(5, 70, 12)}) {
        const RdpPictureUpdatePtr update = encoder.encodeWhole(picture);
        const Frame after = decoded(*update, Frame(picture.width(), picture.height()));
        QVERIFY(!after.isNull());
        QVERIFY(after == opaque(picture));
    }
    // Noise does not run-length encode: its tiles go raw, still lossless.
    QVERIFY(encoder.rawTileCount() > 0);
}

void TestRdpPictureEncoder::topDownVariant_data()
{
    wholePicture_data();
}

// The graphics pipeline's variant alone, then both at once from one encoder: each decodes to
// the picture, and only what was asked for is made.
void TestRdpPictureEncoder::topDownVariant()
{
    QFETCH(Frame, picture);
    RdpPictureEncoder encoder;
    const RdpPictureUpdatePtr topDown = encoder.encodeWhole(picture, {false, true});
    QVERIFY(topDown->topDown && !topDown->bottomUp);
    qsizetype bytes = 0;
    for (const RdpTile &tile : topDown->tiles) {
        QVERIFY(tile.planar.isEmpty() && !tile.planarTopDown.isEmpty());
        bytes += tile.planarTopDown.size();
    }
    QCOMPARE(topDown->bytes, bytes);
    const Frame blank(picture.width(), picture.height());
    QVERIFY(decoded(*topDown, blank, true) == opaque(picture));

    const RdpPictureUpdatePtr both = encoder.encodeWhole(picture, {true, true});
    QVERIFY(both->topDown && both->bottomUp);
    QVERIFY(decoded(*both, blank, true) == opaque(picture));
    QVERIFY(decoded(*both, blank, false) == opaque(picture));
    const RdpPictureUpdatePtr bottomUp = encoder.encodeWhole(picture);
    for (const RdpTile &tile : bottomUp->tiles)
        QVERIFY(!tile.planar.isEmpty() && tile.planarTopDown.isEmpty());
}

QTEST_MAIN(TestRdpPictureEncoder)
#include "tst_rdppictureencoder.moc"
