#include "codecs/frame/Region.h"

#include <QRandomGenerator>
#include <QTest>

#include <vector>

using baton::Rect;
using baton::Region;

namespace {

// A per-pixel model of a region on a small grid: the reference every Region
// operation is checked against.
class Bitmap {
public:
    static constexpr int kWidth = 48;
    static constexpr int kHeight = 40;

    static Bitmap of(const Region &region)
    {
        Bitmap bitmap;
        for (const Rect &r : region.rects())
            bitmap.set(r);
        return bitmap;
    }

    void set(const Rect &rect)
    {
        for (int y = rect.y; y < rect.bottom(); ++y)
            for (int x = rect.x; x < rect.right(); ++x)
                bits_[index(x, y)] = true;
    }
    bool at(int x, int y) const { return bits_[index(x, y)]; }

    template <typename Op> Bitmap combined(const Bitmap &other, Op op) const
    {
        Bitmap out;
        for (std::size_t i = 0; i < bits_.size(); ++i)
            out.bits_[i] = op(bits_[i], other.bits_[i]);
        return out;
    }
    int64_t count() const { return std::count(bits_.begin(), bits_.end(), true); }
    bool operator==(const Bitmap &) const = default;

private:
    static std::size_t index(int x, int y) { return static_cast<std::size_t>(y * kWidth + x); }
    std::vector<bool> bits_ = std::vector<bool>(kWidth * kHeight, false);
};

Rect randomRect(QRandomGenerator &rng)
{
    const int x = static_cast<int>(rng.bounded(Bitmap::kWidth));
    const int y = static_cast<int>(rng.bounded(Bitmap::kHeight));
    const int w = 1 + static_cast<int>(rng.bounded(Bitmap::kWidth - x));
    const int h = 1 + static_cast<int>(rng.bounded(Bitmap::kHeight - y));
    return {x, y, w, h};
}

Region randomRegion(QRandomGenerator &rng)
{
    std::vector<Rect> rects(rng.bounded(1, 7));
    for (Rect &r : rects)
        r = randomRect(rng);
    return Region::fromRects(rects);
}

// Checks the canonical y-x banded form that Region promises.
bool isCanonical(const Region &region, QString *why)
{
    const auto rects = region.rects();
    for (std::size_t i = 0; i < rects.size(); ++i) {
        const Rect &r = rects[i];
        if (r.isEmpty()) {
            *why = QStringLiteral("empty rect %1").arg(i);
            return false;
        }
        if (i == 0)
            continue;
        const Rect &p = rects[i - 1];
        if (r.y == p.y) {
            if (r.bottom() != p.bottom()) {
                *why = QStringLiteral("band %1 has uneven bottoms").arg(i);
                return false;
            }
            if (r.x <= p.right()) {
                *why = QStringLiteral("spans %1 and %2 touch or overlap").arg(i - 1).arg(i);
                return false;
            }
        } else if (r.y < p.bottom()) {
            *why = QStringLiteral("band at rect %1 overlaps the band before").arg(i);
            return false;
        }
    }
    // Vertically adjacent bands with identical spans must have been merged.
    std::size_t bandStart = 0;
    std::size_t previousStart = SIZE_MAX;
    while (bandStart < rects.size()) {
        std::size_t end = bandStart;
        while (end < rects.size() && rects[end].y == rects[bandStart].y)
            ++end;
        if (previousStart != SIZE_MAX && rects[previousStart].bottom() == rects[bandStart].y &&
            bandStart - previousStart == end - bandStart) {
            bool same = true;
            for (std::size_t k = 0; k < end - bandStart; ++k)
                same = same && rects[previousStart + k].x == rects[bandStart + k].x &&
                    rects[previousStart + k].width == rects[bandStart + k].width;
            if (same) {
                *why = QStringLiteral("bands at rects %1 and %2 were not merged")
                           .arg(previousStart)
                           .arg(bandStart);
                return false;
            }
        }
        previousStart = bandStart;
        bandStart = end;
    }
    return true;
}

} // namespace

class TestRegion : public QObject {
    Q_OBJECT
private slots:
    void emptyRegion()
    {
        const Region empty;
        QVERIFY(empty.isEmpty());
        QCOMPARE(empty.area(), 0);
        QVERIFY(empty.boundingRect().isEmpty());
        QVERIFY(Region(Rect{5, 5, 0, 10}).isEmpty());
        QVERIFY(Region(Rect{5, 5, 10, -1}).isEmpty());
    }

    void adjacentRectanglesMerge_data()
    {
        QTest::addColumn<Rect>("a");
        QTest::addColumn<Rect>("b");
        QTest::addColumn<Rect>("merged");
        QTest::newRow("side by side")
            << Rect{0, 0, 10, 10} << Rect{10, 0, 5, 10} << Rect{0, 0, 15, 10};
        QTest::newRow("stacked") << Rect{0, 0, 10, 10} << Rect{0, 10, 10, 7} << Rect{0, 0, 10, 17};
        QTest::newRow("contained") << Rect{0, 0, 10, 10} << Rect{2, 2, 3, 3} << Rect{0, 0, 10, 10};
        QTest::newRow("identical") << Rect{4, 4, 4, 4} << Rect{4, 4, 4, 4} << Rect{4, 4, 4, 4};
    }
    void adjacentRectanglesMerge()
    {
        QFETCH(Rect, a);
        QFETCH(Rect, b);
        QFETCH(Rect, merged);
        const Region region = Region(a).united(b);
        QCOMPARE(region.rectCount(), std::size_t{1});
        QCOMPARE(region.rects()[0], merged);
        QCOMPARE(region, Region(merged));
    }

    void overlappingUnionIsCanonical()
    {
        // Two overlapping squares become three bands: top, middle (one wide span), bottom.
        const Region region{Rect{0, 0, 10, 10}, Rect{5, 5, 10, 10}};
        const std::vector<Rect> expected{{0, 0, 10, 5}, {0, 5, 15, 5}, {5, 10, 10, 5}};
        QCOMPARE(std::vector<Rect>(region.rects().begin(), region.rects().end()), expected);
        QCOMPARE(region.area(), 175);
        QCOMPARE(region.boundingRect(), (Rect{0, 0, 15, 15}));
    }

    void subtractMakesAHole()
    {
        const Region frame = Region(Rect{0, 0, 30, 30}).subtracted(Rect{10, 10, 10, 10});
        QCOMPARE(frame.area(), 800);
        QCOMPARE(frame.rectCount(), std::size_t{4});
        QVERIFY(!frame.contains(15, 15));
        QVERIFY(frame.contains(5, 15));
        QVERIFY(frame.contains(Rect{0, 0, 30, 10}));
        QVERIFY(!frame.contains(Rect{0, 0, 30, 11}));
        QVERIFY(frame.intersects(Rect{9, 9, 2, 2}));
        QVERIFY(!frame.intersects(Rect{10, 10, 10, 10}));
        QCOMPARE(frame.boundingRect(), (Rect{0, 0, 30, 30}));
    }

    void intersect()
    {
        const Region a{Rect{0, 0, 10, 10}, Rect{20, 0, 10, 10}};
        const Region b(Rect{5, 5, 20, 20});
        const Region expected{Rect{5, 5, 5, 5}, Rect{20, 5, 5, 5}};
        QCOMPARE(a.intersected(b), expected);
        QVERIFY(a.intersected(Rect{100, 100, 5, 5}).isEmpty());
    }

    void translated()
    {
        const Region a{Rect{0, 0, 10, 10}, Rect{5, 5, 10, 10}};
        const Region moved = a.translated(-3, 7);
        QCOMPARE(moved.area(), a.area());
        QCOMPARE(moved.boundingRect(), (Rect{-3, 7, 15, 15}));
        QVERIFY(moved.contains(-3, 7));
        QVERIFY(!moved.contains(-4, 7));
    }

    void equalityIsByPixels()
    {
        // The same pixels built in different orders give identical rectangles.
        const Region a{Rect{0, 0, 4, 8}, Rect{4, 0, 4, 4}, Rect{4, 4, 4, 4}};
        const Region b(Rect{0, 0, 8, 8});
        QCOMPARE(a, b);
    }

    void randomizedAgainstBitmap()
    {
        QRandomGenerator rng(20261123);
        for (int iteration = 0; iteration < 3000; ++iteration) {
            const Region a = randomRegion(rng);
            const Region b = randomRegion(rng);
            const Bitmap ba = Bitmap::of(a);
            const Bitmap bb = Bitmap::of(b);

            const Region results[] = {a.united(b), a.intersected(b), a.subtracted(b)};
            const Bitmap expected[] = {
                ba.combined(bb, [](bool x, bool y) { return x || y; }),
                ba.combined(bb, [](bool x, bool y) { return x && y; }),
                ba.combined(bb, [](bool x, bool y) { return x && !y; }),
            };
            for (int op = 0; op < 3; ++op) {
                const Region &r = results[op];
                QString why;
                QVERIFY2(
                    isCanonical(r, &why),
                    qPrintable(
                        QStringLiteral("iteration %1 op %2: %3").arg(iteration).arg(op).arg(why)));
                QVERIFY2(Bitmap::of(r) == expected[op],
                         qPrintable(
                             QStringLiteral("iteration %1 op %2 differs").arg(iteration).arg(op)));
                QCOMPARE(r.area(), expected[op].count());

                Rect box;
                for (const Rect &rect : r.rects())
                    box = box.united(rect);
                QCOMPARE(r.boundingRect(), box);
            }
            // contains(point) agrees with the model everywhere.
            if (iteration % 50 == 0) {
                for (int y = 0; y < Bitmap::kHeight; ++y)
                    for (int x = 0; x < Bitmap::kWidth; ++x)
                        QCOMPARE(a.contains(x, y), ba.at(x, y));
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestRegion)
#include "tst_region.moc"
