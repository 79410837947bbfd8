#include "codecs/diff/DiffKernel.h"
#include "codecs/diff/FrameDiffer.h"

#include <QRandomGenerator>
#include <QTest>

#include <vector>

using namespace baton;

Q_DECLARE_METATYPE(baton::SimdLevel)

namespace {

// A frame in a caller-owned buffer with a chosen stride and a start that is only
// 4-byte aligned, to exercise kernels on memory a Frame would never hand them.
class PaddedFrame {
public:
    PaddedFrame(int32_t width, int32_t height, int32_t padPixels)
        : width_(width),
          height_(height),
          strideBytes_((width + padPixels) * kBytesPerPixel),
          storage_(static_cast<std::size_t>(strideBytes_) * height + 8, 0xAB)
    {
    }
    uint8_t *data() { return storage_.data() + 4; }
    FrameView view() { return {data(), width_, height_, strideBytes_}; }
    MutableFrameView mutableView() { return {data(), width_, height_, strideBytes_}; }
    void copyFrom(const FrameView &source) { mutableView().copyFrom(source, 0, 0); }

private:
    int32_t width_;
    int32_t height_;
    int32_t strideBytes_;
    std::vector<uint8_t> storage_;
};

Frame randomFrame(int32_t width, int32_t height, QRandomGenerator &random)
{
    Frame frame(width, height);
    for (int32_t y = 0; y < height; ++y)
        for (uint32_t &pixel : frame.mutableView().row(y))
            pixel = random.generate();
    return frame;
}

// Changes a few random pixels and a random block, flipping one random byte each.
void scribble(Frame &frame, QRandomGenerator &random, int count)
{
    for (int i = 0; i < count; ++i) {
        const int32_t x = random.bounded(frame.width());
        const int32_t y = random.bounded(frame.height());
        frame.setPixel(x, y, frame.pixel(x, y) ^ (0xffu << (8 * random.bounded(4))));
    }
    const Rect block{random.bounded(frame.width()), random.bounded(frame.height()),
                     random.bounded(1, 20), random.bounded(1, 20)};
    frame.mutableView().fill(block, random.generate());
}

Region randomHint(const Rect &bounds, QRandomGenerator &random)
{
    Region hint;
    for (int i = 0; i < 4; ++i)
        hint |=
            Region(Rect{random.bounded(bounds.width), random.bounded(bounds.height),
                        random.bounded(1, bounds.width + 1), random.bounded(1, bounds.height + 1)});
    return hint;
}

// The definition of the differ's output, pixel by pixel: a row segment (a tile column
// clipped to one hint rectangle) is dirty when any of its pixels differs.
Region expectedDirty(const FrameView &before, const FrameView &after, const Region &hint,
                     int32_t tileSizePx)
{
    std::vector<Rect> rows;
    const Region clipped = hint.intersected(after.rect());
    for (const Rect &r : clipped.rects()) {
        for (int32_t y = r.y; y < r.bottom(); ++y) {
            for (int32_t x = r.x; x < r.right();) {
                const int32_t end = std::min((x / tileSizePx + 1) * tileSizePx, r.right());
                bool changed = false;
                for (int32_t px = x; px < end; ++px)
                    changed |= before.pixel(px, y) != after.pixel(px, y);
                if (changed)
                    rows.push_back({x, y, end - x, 1});
                x = end;
            }
        }
    }
    return Region::fromRects(rows);
}

std::vector<uint8_t> expectedTiles(const Region &dirty, const TileGrid &grid)
{
    std::vector<uint8_t> tiles(static_cast<std::size_t>(grid.count()), 0);
    for (int32_t row = 0; row < grid.rows(); ++row)
        for (int32_t column = 0; column < grid.columns(); ++column)
            tiles[static_cast<std::size_t>(grid.indexOf(column, row))] =
                dirty.intersects(grid.tileRect(column, row)) ? 1 : 0;
    return tiles;
}

} // namespace

class TestFrameDiffer : public QObject {
    Q_OBJECT

private slots:
    void kernelTable()
    {
        const auto kernels = availableDiffKernels();
        QVERIFY(!kernels.empty());
        QCOMPARE(kernels.front().level, SimdLevel::Scalar);
        QCOMPARE(selectDiffKernel(SimdLevel::Scalar).level, SimdLevel::Scalar);
        QCOMPARE(selectDiffKernel(std::nullopt).level, kernels.back().level);
        for (const DiffKernel &kernel : kernels)
            qInfo("diff kernel available: %s", simdLevelName(kernel.level).data());
#if defined(__x86_64__)
        QVERIFY(isSimdLevelAvailable(SimdLevel::Sse2));
        QCOMPARE(selectDiffKernel(SimdLevel::Neon).level, kernels.back().level);
#endif
    }

    void simdNames()
    {
        for (SimdLevel level : {SimdLevel::Scalar, SimdLevel::Sse2, SimdLevel::Avx2,
                                SimdLevel::Avx512, SimdLevel::Neon})
            QCOMPARE(simdLevelFromName(simdLevelName(level)), std::optional(level));
        QCOMPARE(simdLevelFromName("avx3"), std::nullopt);
    }

    void kernelsMatchReference_data()
    {
        QTest::addColumn<SimdLevel>("level");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("padPixels");
        QTest::addColumn<int>("tileSizePx");
        const int sizes[][2] = {{1, 1},   {3, 2},   {7, 9},    {15, 4},    {17, 33}, {63, 65},
                                {64, 64}, {65, 63}, {127, 70}, {200, 131}, {257, 40}};
        for (const DiffKernel &kernel : availableDiffKernels()) {
            for (const auto &size : sizes) {
                for (int pad : {0, 3}) {
                    for (int tile : {64, 16, 13}) {
                        const QByteArray name = QByteArray(simdLevelName(kernel.level).data()) +
                            ' ' + QByteArray::number(size[0]) + 'x' + QByteArray::number(size[1]) +
                            " pad" + QByteArray::number(pad) + " tile" + QByteArray::number(tile);
                        QTest::newRow(name.constData())
                            << kernel.level << size[0] << size[1] << pad << tile;
                    }
                }
            }
        }
    }

    // Every kernel gives the pixel-by-pixel definition's result on random frames,
    // random changes and random hints, at odd sizes, padded strides and tile sizes.
    void kernelsMatchReference()
    {
        QFETCH(SimdLevel, level);
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, padPixels);
        QFETCH(int, tileSizePx);
        QRandomGenerator random(uint32_t(width * 131 + height * 7 + padPixels + tileSizePx));
        FrameDiffer differ({tileSizePx, level, true});
        FrameDiffer reference({tileSizePx, SimdLevel::Scalar, true});
        QCOMPARE(differ.simdLevel(), level);

        Frame model = randomFrame(width, height, random);
        PaddedFrame input(width, height, padPixels);
        input.copyFrom(model);
        QVERIFY(differ.diff(input.view()).fullFrame);
        reference.diff(input.view());

        for (int round = 0; round < 6; ++round) {
            const Frame oldReference = Frame::copyOf(differ.reference());
            scribble(model, random, 1 + round * 3);
            input.copyFrom(model);
            const Region hint =
                round % 2 == 0 ? Region(model.rect()) : randomHint(model.rect(), random);

            const DiffResult &result = differ.diff(input.view(), hint);
            const DiffResult &scalar = reference.diff(input.view(), hint);
            const Region expected = expectedDirty(oldReference, model, hint, tileSizePx);
            QCOMPARE(result.dirty, expected);
            QCOMPARE(result.dirtyTiles, expectedTiles(expected, result.grid));
            QCOMPARE(result.dirty, scalar.dirty);
            QCOMPARE(result.dirtyTiles, scalar.dirtyTiles);
            QVERIFY(!result.fullFrame);
            QCOMPARE(result.dirty.intersected(hint), result.dirty);

            // The reference now equals the frame inside the hint and the old reference
            // outside it; previous() holds the old pixels wherever something changed.
            for (int32_t y = 0; y < height; ++y) {
                for (int32_t x = 0; x < width; ++x) {
                    const uint32_t want =
                        hint.contains(x, y) ? model.pixel(x, y) : oldReference.pixel(x, y);
                    QCOMPARE(differ.reference().pixel(x, y), want);
                    if (result.dirty.contains(x, y))
                        QCOMPARE(differ.previous().pixel(x, y), oldReference.pixel(x, y));
                }
            }
        }
    }

    void singlePixelAtTileEdges_data()
    {
        QTest::addColumn<SimdLevel>("level");
        for (const DiffKernel &kernel : availableDiffKernels())
            QTest::newRow(simdLevelName(kernel.level).data()) << kernel.level;
    }

    // A one-byte change at every corner and edge midpoint of every tile, in each of the
    // four bytes of the pixel, dirties exactly that tile and that row segment.
    void singlePixelAtTileEdges()
    {
        QFETCH(SimdLevel, level);
        constexpr int32_t kTile = 64;
        Frame frame(200, 150); // 4 × 3 tiles, the last column and row partial
        frame.fill(0xff336699u);
        FrameDiffer differ({kTile, level, false});
        differ.diff(frame);
        const TileGrid grid = TileGrid::of(frame.width(), frame.height(), kTile);
        for (int32_t row = 0; row < grid.rows(); ++row) {
            for (int32_t column = 0; column < grid.columns(); ++column) {
                const Rect tile = grid.tileRect(column, row);
                const int32_t xs[] = {tile.x, tile.x + tile.width / 2, tile.right() - 1};
                const int32_t ys[] = {tile.y, tile.y + tile.height / 2, tile.bottom() - 1};
                for (int32_t y : ys) {
                    for (int32_t x : xs) {
                        for (int byte = 0; byte < 4; ++byte) {
                            const uint32_t original = frame.pixel(x, y);
                            frame.setPixel(x, y, original ^ (1u << (8 * byte)));
                            const DiffResult &result = differ.diff(frame);
                            QCOMPARE(result.dirtyTileCount(), 1);
                            QVERIFY(result.isTileDirty(column, row));
                            QCOMPARE(result.dirty, Region(Rect{tile.x, y, tile.width, 1}));
                            frame.setPixel(x, y, original);
                            QCOMPARE(differ.diff(frame).dirty,
                                     Region(Rect{tile.x, y, tile.width, 1}));
                            QVERIFY(differ.diff(frame).dirty.isEmpty());
                        }
                    }
                }
            }
        }
    }

    // Changes outside the hint are neither reported nor copied; a later hint that
    // covers them finds them, because the reference kept the old pixels.
    void hintRestrictionIsExact()
    {
        Frame frame(300, 200);
        frame.fill(0xff000000u);
        FrameDiffer differ;
        differ.diff(frame);
        frame.mutableView().fill({10, 10, 20, 20}, 0xffff0000u); // inside the hint
        frame.mutableView().fill({200, 100, 30, 30}, 0xff00ff00u); // outside it
        const Region hint(Rect{0, 0, 100, 100});
        const DiffResult &first = differ.diff(frame, hint);
        QCOMPARE(first.dirty, Region(Rect{0, 10, 64, 20}));
        QCOMPARE(first.dirtyTileCount(), 1);
        QVERIFY(first.isTileDirty(0, 0));
        QCOMPARE(first.comparedPixels, int64_t{100 * 100});
        QCOMPARE(differ.reference().pixel(210, 110), 0xff000000u);
        QCOMPARE(differ.reference().pixel(15, 15), 0xffff0000u);

        const DiffResult &second = differ.diff(frame, Region(Rect{150, 90, 150, 110}));
        QCOMPARE(second.dirty, Region(Rect{192, 100, 64, 30}));
        QCOMPARE(second.dirtyTileCount(), 2);
        QVERIFY(differ.diff(frame).dirty.isEmpty());
        QVERIFY(differ.diff(frame, Region()).dirty.isEmpty());
    }

    void resizeGivesFullFrame()
    {
        FrameDiffer differ({32, std::nullopt, true});
        Frame small(100, 50);
        QVERIFY(differ.diff(small).fullFrame);
        QCOMPARE(differ.result().dirtyTileCount(), 4 * 2);
        QVERIFY(differ.previous().isNull());
        QVERIFY(!differ.diff(small).fullFrame);
        QVERIFY(!differ.previous().isNull());
        Frame large(120, 50);
        const DiffResult &result = differ.diff(large);
        QVERIFY(result.fullFrame);
        QCOMPARE(result.dirty, Region(large.rect()));
        QCOMPARE(result.grid.columns(), 4);
        differ.reset();
        QVERIFY(differ.diff(large).fullFrame);
    }
};

QTEST_APPLESS_MAIN(TestFrameDiffer)
#include "tst_framediffer.moc"
