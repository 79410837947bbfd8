// The tile variant of a video batch: the video picture becomes exact tiles of the same
// captured picture, everything else stays as it was (cache hits and kept tiles included),
// and a viewer applying the variants holds the host's exact picture and the same cache.

#include "core/protocol/Capabilities.h"
#include "core/protocol/SurfacePdus.h"
#include "core/session/RegionEncoder.h"
#include "core/session/TileSlotCache.h"
#include "core/session/TileVariantPlanner.h"
#include "core/viewer/UpdateApplier.h"

#include <QTest>

using namespace baton;
using namespace baton::protocol;

namespace {

constexpr int32_t kCell = 64;
const Rect kText{0, 0, 2 * kCell, kCell};
const Rect kVideo{2 * kCell, 0, 2 * kCell, kCell};

// On the left a glyph-like cell (two colours: cacheable), then the same glyph again or,
// in the first picture, a plain cell; on the right noise, where the video plays.
baton::Frame picture(int number)
{
    baton::Frame frame(4 * kCell, kCell);
    uint32_t state = 0x9e3779b9u * uint32_t(number);
    for (int32_t y = 0; y < frame.height(); ++y)
        for (int32_t x = 0; x < frame.width(); ++x) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            const bool ink = (x % kCell + y) % 7 == 0 && (number > 1 || x < kCell);
            frame.setPixel(x, y,
                           kText.contains(x, y) ? (ink ? 0xff202020u : 0xfff0f0f0u)
                                                : (0xff000000u | state));
        }
    return frame;
}

VideoRegionUpdatePdu videoPicture(uint32_t frameId)
{
    VideoRegionUpdatePdu pdu;
    pdu.frameId = frameId;
    pdu.regionId = 1;
    pdu.x = uint16_t(kVideo.x);
    pdu.width = uint16_t(kVideo.width);
    pdu.height = uint16_t(kVideo.height);
    pdu.codecId = uint8_t(CodecId::H264Avc420);
    pdu.flags = VideoRegionUpdatePdu::kFlagKeyFrame | VideoRegionUpdatePdu::kFlagEndOfFrame;
    pdu.data = Bytes(100, 0x42); // never decoded: the variant has no picture
    return pdu;
}

bool applyAll(UpdateApplier &applier, const std::vector<PduBody> &pdus)
{
    for (const PduBody &pdu : pdus) {
        QString error;
        if (applier.apply(pdu, &error) != UpdateApplier::Outcome::Applied) {
            qWarning() << "not applied:" << error;
            return false;
        }
    }
    return true;
}

} // namespace

class TestTileVariantPlanner : public QObject {
    Q_OBJECT
private slots:
    void replacesThePictureAndKeepsTheRest()
    {
        const baton::Frame before = picture(1);
        const baton::Frame frame = picture(2);
        TileLayout layout;
        layout.maxStripWidthPx = kCell; // a tile per cell, each small enough to keep
        RegionEncoder encoder(RegionEncoder::Format::Tiles, layout);
        TileSlotCache cache;
        TileVariantPlanner planner(layout);

        // Batch 1 keeps the glyph in a slot, batch 2 draws it twice from there; both carry
        // a video picture, ordered as UpdatePlanner::plan does: the picture, then the rest.
        PlannedUpdate first{{videoPicture(1)}, Region(before.rect())};
        encoder.encode(before, Region(kText), first.pdus, RegionEncoder::CacheUse{cache, 1, 0});
        PlannedUpdate second{{videoPicture(2)}, Region(frame.rect())};
        encoder.encode(frame, Region(kText), second.pdus, RegionEncoder::CacheUse{cache, 2, 1});
        QCOMPARE(encoder.stats().cacheHits, int64_t{2});
        QCOMPARE(TileVariantPlanner::videoCodec(second.pdus), uint8_t(CodecId::H264Avc420));

        const PlannedUpdate firstTiles = planner.plan(before, first);
        const PlannedUpdate secondTiles = planner.plan(frame, second);
        QCOMPARE(planner.stats().variants, int64_t{2});
        QCOMPARE(TileVariantPlanner::videoCodec(secondTiles.pdus), std::nullopt);
        QVERIFY(secondTiles.region == second.region);
        // Everything after the picture is the original's, in its order.
        const std::size_t rest = second.pdus.size() - 1;
        QVERIFY(secondTiles.pdus.size() > rest);
        QVERIFY(std::equal(second.pdus.begin() + 1, second.pdus.end(),
                           secondTiles.pdus.end() - std::ptrdiff_t(rest)));
        // The picture's tiles neither use nor fill the cache.
        for (auto pdu = secondTiles.pdus.begin();
             pdu != secondTiles.pdus.end() - std::ptrdiff_t(rest); ++pdu) {
            QVERIFY(!std::holds_alternative<TileCacheHitsPdu>(*pdu));
            if (const auto *tiles = std::get_if<TileUpdatePdu>(&*pdu))
                for (const TileEntry &tile : tiles->tiles) {
                    QCOMPARE(tile.flags & TileEntry::kFlagCache, 0);
                    QVERIFY(kVideo.contains(Rect{tile.x, tile.y, tile.width, tile.height}));
                }
        }

        // A viewer of the variants, from a black picture: exact after each, the second's
        // hits drawing the glyph the first kept where a plain cell was.
        UpdateApplier applier;
        QString error;
        QVERIFY2(applier.resize(frame.width(), frame.height(), &error), qPrintable(error));
        QVERIFY(applyAll(applier, firstTiles.pdus));
        QVERIFY(applier.framebuffer() == before);
        QVERIFY(applyAll(applier, secondTiles.pdus));
        QVERIFY(applier.framebuffer() == frame);
        QCOMPARE(applier.stats().videoPictures, int64_t{0});
    }

    void onlyTheChangedCellsOfThePicture()
    {
        const baton::Frame frame = picture(1);
        const TileLayout layout;
        TileVariantPlanner planner(layout);
        // The video's rectangle changed in one cell only: the viewer holds the rest exactly.
        const Rect changed{kVideo.x + kCell, 0, kCell, kCell};
        const PlannedUpdate update{{videoPicture(1)}, Region(changed)};
        const PlannedUpdate variant = planner.plan(frame, update);
        Region drawn;
        for (const PduBody &pdu : variant.pdus)
            if (const auto *tiles = std::get_if<TileUpdatePdu>(&pdu))
                for (const TileEntry &tile : tiles->tiles)
                    drawn |= Region(Rect{tile.x, tile.y, tile.width, tile.height});
        QVERIFY(drawn == Region(changed));
    }

    void aBatchWithoutVideoHasNoCodec()
    {
        const std::vector<PduBody> pdus{FrameMarkerPdu{}, TileUpdatePdu{}};
        QCOMPARE(TileVariantPlanner::videoCodec(pdus), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestTileVariantPlanner)
#include "tst_tilevariantplanner.moc"
