// The planner and the applier against each other without a network: whatever the host
// plans and frames, the viewer's picture must become the host's, for every codec; and
// whatever a hostile host sends, the applier refuses it with a reason, never drawing
// outside the window. Also writes (BATON_WRITE_SEEDS=1) and checks the seed corpora of
// fuzz_updateapplier and fuzz_viewerresize.

#include "codecs/diff/FrameDiffer.h"
#include "codecs/motion/MotionDetector.h"
#include "codecs/video/VideoPayload.h"
#include "core/capture/SyntheticScene.h"
#include "core/protocol/FrameDecoder.h"
#include "core/protocol/PduDecoder.h"
#include "core/protocol/SurfacePdus.h"
#include "core/protocol/UpdatePdus.h"
#include "core/session/BatchBuilder.h"
#include "core/session/TileLayout.h"
#include "core/session/UpdatePlanner.h"
#include "core/viewer/DemandedWindow.h"
#include "core/viewer/UpdateApplier.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace baton;
using namespace baton::protocol;

Q_DECLARE_METATYPE(baton::UpdateCodec)

namespace {

// The viewer's half: frames in, PDUs decoded, updates applied.
struct Receiver {
    UpdateApplier applier;
    FrameDecoder frames;
    PduDecoder decoder;
    QString error;

    Receiver() { frames.acceptFastPath(true); }

    bool receive(const QByteArray &bytes)
    {
        frames.feed(
            ByteView(reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size())));
        while (auto frame = frames.next()) {
            auto pdu = decoder.decodeFrame(*frame);
            if (!pdu) {
                error = QString::fromStdString(pdu.error().toString());
                return false;
            }
            if (*pdu && applier.apply((*pdu)->body, &error) == UpdateApplier::Outcome::Failed)
                return false;
        }
        return !frames.failed();
    }
};

// The host's half for a synthetic scene: diff, motion, plan, frame.
struct Sender {
    SyntheticScene scene;
    FrameDiffer differ{FrameDifferOptions{64, std::nullopt, true}};
    MotionDetector motion;
    UpdatePlanner planner;
    BatchBuilder builder{kHostUserId, kBroadcastChannelId};

    Sender(SyntheticSceneKind kind, int32_t width, int32_t height, UpdateCodec codec)
        : scene(kind, width, height, 5), planner(UpdatePlannerOptions{codec, TileLayout{}, 30, {}})
    {
        // As HostSession frames them.
        builder.setFastPath(codec != UpdateCodec::T128);
        differ.diff(scene.frame());
    }

    QByteArray refresh()
    {
        return bytesOf(planner.planRefresh(differ.reference(), Region(differ.reference().rect())));
    }

    QByteArray step()
    {
        const Region damage = scene.step();
        const DiffResult &diff = differ.diff(scene.frame(), damage);
        MotionResult moves;
        if (planner.usesMoves())
            moves = motion.detect(differ.previous(), differ.reference(), diff.dirty);
        else
            moves.residual = diff.dirty;
        // One viewer that has had every batch: every cached slot is usable.
        return bytesOf(
            planner.plan(differ.reference(), moves, diff.dirty, builder.nextFrameId(), 0));
    }

    QByteArray bytesOf(PlannedUpdate update)
    {
        QString error;
        const UpdateBatchPtr batch = builder.build(std::move(update.pdus), update.region, &error);
        QByteArray bytes;
        if (batch)
            for (const QByteArray &frame : batch->frames)
                bytes += frame;
        return bytes;
    }
};

QByteArray frameOf(PduBody body)
{
    Pdu pdu;
    pdu.context.source = kHostUserId;
    pdu.body = std::move(body);
    const auto frame = PduEncoder::encodeFrame(SendDataKind::Indication, kBroadcastChannelId, pdu);
    return frame
        ? QByteArray(reinterpret_cast<const char *>(frame->data()), qsizetype(frame->size()))
        : QByteArray();
}

TileEntry tileAt(int x, int y, int width, int height)
{
    TileEntry tile;
    tile.x = uint16_t(x);
    tile.y = uint16_t(y);
    tile.width = uint16_t(width);
    tile.height = uint16_t(height);
    tile.codecId = uint8_t(CodecId::ZstdTiles);
    baton::Frame pixels(width, height);
    pixels.fill(0xff102030u);
    pixels.setPixel(0, 0, 0xff405060u);
    std::vector<uint8_t> payload;
    tile::TileEncoder().encode(pixels.view(), payload);
    tile.data.assign(payload.begin(), payload.end());
    return tile;
}

// A DemandActive frame for a width×height window, as HostSession sends it.
QByteArray demandActiveFrame(uint32_t shareId, int width, int height)
{
    BitmapCapability bitmap;
    bitmap.desktopWidth = uint16_t(width);
    bitmap.desktopHeight = uint16_t(height);
    bitmap.desktopResizeFlag = 1;
    DemandActivePdu demand;
    demand.shareId = shareId;
    demand.sourceDescriptor = "Baton";
    demand.capabilities = {GeneralCapability{}, bitmap, ShareCapability{}};
    return frameOf(std::move(demand));
}

// fuzz_viewerresize's viewer: every DemandActive judged against the limit before the
// picture is resized, the updates between them applied; a refusal ends the stream.
struct ActivatingReceiver {
    PictureLimit limit;
    Receiver viewer;
    std::optional<DemandedWindow::Verdict> refusal;

    explicit ActivatingReceiver(const QByteArray &seed)
        : limit{1 + uint8_t(seed[0]), (1 + int64_t{uint8_t(seed[1])}) * 256}
    {
    }

    bool receive(const QByteArray &bytes)
    {
        FrameDecoder &frames = viewer.frames;
        frames.feed(
            ByteView(reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size())));
        while (auto frame = frames.next()) {
            auto pdu = viewer.decoder.decodeFrame(*frame);
            if (!pdu || !*pdu)
                return pdu.ok();
            const PduBody &body = (*pdu)->body;
            if (const auto *demand = std::get_if<DemandActivePdu>(&body)) {
                const DemandedWindow window = DemandedWindow::of(*demand, limit);
                if (window.verdict != DemandedWindow::Verdict::Accepted) {
                    refusal = window.verdict;
                    return true;
                }
                if (!viewer.applier.resize(window.widthPx, window.heightPx, &viewer.error))
                    return false;
            } else if (viewer.applier.apply(body, &viewer.error) ==
                       UpdateApplier::Outcome::Failed) {
                return false;
            }
        }
        return true;
    }
};

} // namespace

class TestUpdateApplier : public QObject {
    Q_OBJECT

private slots:
    void tileLayoutCoversExactly();
    void plannedUpdatesReproduceTheHost_data();
    void plannedUpdatesReproduceTheHost();
    void copiesFromFreshPixelsCountAsPixels();
    void repeatedTilesComeFromTheCache();
    void tileCacheHitsDrawWhatWasStored();
    void refusesWhatDoesNotFit_data();
    void refusesWhatDoesNotFit();
    void videoWaitsForKeyFrameAfterSynchronize();
    void fuzzSeedsApply();
    void resizeFuzzSeedsActivate();
};

void TestUpdateApplier::tileLayoutCoversExactly()
{
    const Region region =
        Region({{3, 5, 300, 20}, {100, 60, 10, 90}, {500, 0, 70, 70}, {0, 200, 1, 1}});
    const std::vector<Rect> tiles = TileLayout{64, 256}.tilesFor(region);
    Region covered;
    for (const Rect &tile : tiles) {
        QVERIFY(tile.width <= 256 && tile.height <= 64);
        QVERIFY(!covered.intersects(tile)); // no overlaps
        QCOMPARE(tile.y / 64, (tile.bottom() - 1) / 64); // inside one grid row
        covered |= Region(tile);
    }
    QVERIFY(covered.subtracted(region).area() >= 0);
    QCOMPARE(region.subtracted(covered), Region()); // everything covered
}

void TestUpdateApplier::plannedUpdatesReproduceTheHost_data()
{
    QTest::addColumn<UpdateCodec>("codec");
    QTest::addColumn<int>("scene");
    for (const UpdateCodec codec : {UpdateCodec::Lossless, UpdateCodec::T128, UpdateCodec::Auto})
        for (const auto kind : {SyntheticSceneKind::Typing, SyntheticSceneKind::Scrolling})
            QTest::addRow("%s %s", toString(codec),
                          kind == SyntheticSceneKind::Typing ? "typing" : "scrolling")
                << codec << int(kind);
}

void TestUpdateApplier::plannedUpdatesReproduceTheHost()
{
    QFETCH(UpdateCodec, codec);
    QFETCH(int, scene);
    Sender host(SyntheticSceneKind(scene), 333, 211, codec);
    Receiver viewer;
    QVERIFY(viewer.applier.resize(333, 211, nullptr));
    QVERIFY2(viewer.receive(host.refresh()), qPrintable(viewer.error));
    QVERIFY(viewer.applier.framebuffer() == host.scene.frame());
    viewer.applier.takeChange();
    // What a gateway's client holds: the previous picture, changed only by replaying each
    // PictureChange (its copies, then its pixels from the new picture).
    baton::Frame replayed = viewer.applier.framebuffer();
    int64_t copies = 0;
    for (int i = 0; i < 40; ++i) {
        QVERIFY2(viewer.receive(host.step()), qPrintable(viewer.error));
        QVERIFY2(viewer.applier.framebuffer() == host.scene.frame(),
                 qPrintable(QString::number(i)));
        const PictureChange change = viewer.applier.takeChange();
        for (const PictureChange::Copy &copy : change.copies) {
            const baton::Frame source = baton::Frame::copyOf(replayed.view().subView(copy.source));
            replayed.mutableView().copyFrom(source.view(), copy.toX, copy.toY);
        }
        copies += int64_t(change.copies.size());
        for (const Rect &rect : change.pixels.rects())
            replayed.mutableView().copyFrom(viewer.applier.framebuffer().view().subView(rect),
                                            rect.x, rect.y);
        QVERIFY2(replayed == host.scene.frame(), qPrintable(QString::number(i)));
    }
    // Every codec sends the scrolling scene's moves as ScrBlt: they arrive as copies.
    if (SyntheticSceneKind(scene) == SyntheticSceneKind::Scrolling)
        QVERIFY(copies > 0);
}

// A copy from pixels already drawn in the same frame cannot be replayed before them: it
// counts as pixels; one before any drawing stays a copy.
void TestUpdateApplier::copiesFromFreshPixelsCountAsPixels()
{
    Receiver viewer;
    QVERIFY(viewer.applier.resize(100, 80, nullptr));
    viewer.applier.takeChange();
    OrdersUpdatePdu scroll;
    scroll.orders.emplace_back(ScrBltOrder{0, 0, 100, 70, 0xCC, 0, 10});
    QVERIFY2(viewer.receive(frameOf(scroll)), qPrintable(viewer.error));
    TileUpdatePdu tile;
    tile.tiles.push_back(tileAt(0, 48, 32, 32));
    QVERIFY2(viewer.receive(frameOf(tile)), qPrintable(viewer.error));
    OrdersUpdatePdu late;
    late.orders.emplace_back(ScrBltOrder{50, 0, 20, 20, 0xCC, 10, 50});
    QVERIFY2(viewer.receive(frameOf(late)), qPrintable(viewer.error));

    const PictureChange change = viewer.applier.takeChange();
    QCOMPARE(change.copies.size(), std::size_t(1));
    QCOMPARE(change.copies[0], (PictureChange::Copy{Rect{0, 10, 100, 70}, 0, 0}));
    QCOMPARE(change.pixels, Region(Rect{0, 48, 32, 32}).united(Region(Rect{50, 0, 20, 20})));
    QVERIFY(viewer.applier.takeChange().isEmpty());
}

// A glyph drawn again elsewhere travels as one six-byte cache hit, lone, on the fast
// path: 15 bytes for the whole batch. Slots stored before usableFrom are not named.
void TestUpdateApplier::repeatedTilesComeFromTheCache()
{
    baton::Frame picture(120, 60);
    picture.fill(0xff202020u);
    Region damage; // what the window system would report
    const auto drawGlyph = [&picture, &damage](int x, int y) {
        damage = Region(Rect{x, y, 12, 13});
        for (int gy = 0; gy < 13; ++gy)
            for (int gx = 0; gx < 12; ++gx)
                picture.setPixel(x + gx, y + gy, (gx * 7 + gy * 3) % 5 ? 0xffe0e0e0u : 0xff202020u);
    };
    FrameDiffer differ{FrameDifferOptions{64, std::nullopt, true}};
    UpdatePlanner planner(UpdatePlannerOptions{UpdateCodec::Lossless, TileLayout{}, 30, {}});
    BatchBuilder builder{kHostUserId, kBroadcastChannelId};
    builder.setFastPath(true);
    Receiver viewer;
    QVERIFY(viewer.applier.resize(120, 60, nullptr));
    differ.diff(picture);
    const auto send = [&](std::optional<uint32_t> usableFrom) {
        PlannedUpdate update;
        if (usableFrom) {
            const DiffResult &diff = differ.diff(picture, damage);
            MotionResult motion;
            motion.residual = diff.dirty;
            update = planner.plan(differ.reference(), motion, diff.dirty, builder.nextFrameId(),
                                  *usableFrom);
        } else {
            update = planner.planRefresh(differ.reference(), Region(picture.rect()));
        }
        const UpdateBatchPtr batch = builder.build(std::move(update.pdus), update.region, nullptr);
        QByteArray bytes;
        for (const QByteArray &frame : batch->frames)
            bytes += frame;
        return bytes;
    };

    QVERIFY2(viewer.receive(send(std::nullopt)), qPrintable(viewer.error)); // frame 1
    drawGlyph(4, 4); // frame 2: stored
    QVERIFY2(viewer.receive(send(2)), qPrintable(viewer.error));
    drawGlyph(50, 30); // frame 3: a hit
    const QByteArray hit = send(2);
    QCOMPARE(hit.size(), 15);
    QVERIFY2(viewer.receive(hit), qPrintable(viewer.error));
    QCOMPARE(viewer.applier.stats().cacheHits, 1);
    QVERIFY(viewer.applier.framebuffer() == picture);

    drawGlyph(80, 10); // frame 4, for a viewer live since frame 4: the pixels again
    const QByteArray again = send(4);
    QVERIFY(again.size() > 40);
    QVERIFY2(viewer.receive(again), qPrintable(viewer.error));
    QCOMPARE(viewer.applier.stats().cacheHits, 1);
    QVERIFY(viewer.applier.framebuffer() == picture);
    QCOMPARE(planner.losslessStats().cacheHits, 1);
}

void TestUpdateApplier::tileCacheHitsDrawWhatWasStored()
{
    Receiver viewer;
    QVERIFY(viewer.applier.resize(100, 80, nullptr));
    TileUpdatePdu store;
    store.tiles.push_back(tileAt(0, 0, 32, 32));
    store.tiles.back().flags = TileEntry::kFlagCache;
    store.tiles.back().cacheIndex = 5;
    QVERIFY2(viewer.receive(frameOf(store)), qPrintable(viewer.error));
    viewer.applier.takeDamage();

    QVERIFY2(viewer.receive(frameOf(TileCacheHitsPdu{2, {{60, 40, 5}}})), qPrintable(viewer.error));
    const baton::Frame &picture = viewer.applier.framebuffer();
    for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 32; ++x)
            QCOMPARE(picture.pixel(60 + x, 40 + y), picture.pixel(x, y));
    QCOMPARE(picture.pixel(60, 40), 0xff405060u);
    QCOMPARE(viewer.applier.takeDamage(), Region(Rect{60, 40, 32, 32}));
    QCOMPARE(viewer.applier.stats().cacheHits, 1);

    Receiver empty;
    QVERIFY(empty.applier.resize(100, 80, nullptr));
    QVERIFY(!empty.receive(frameOf(TileCacheHitsPdu{2, {{0, 0, 6}}})));
    QVERIFY2(empty.error.contains(QLatin1String("holds no tile")), qPrintable(empty.error));

    QVERIFY(!viewer.receive(frameOf(TileCacheHitsPdu{3, {{80, 60, 5}}})));
    QVERIFY2(viewer.error.contains(QLatin1String("leaves the window")), qPrintable(viewer.error));
    QVERIFY(viewer.applier.takeDamage().isEmpty());
}

void TestUpdateApplier::refusesWhatDoesNotFit_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("reason");
    OrdersUpdatePdu fill;
    fill.orders.emplace_back(OpaqueRectOrder{90, 0, 20, 10, 1, 2, 3});
    QTest::newRow("fill past the edge") << frameOf(fill) << "fill";
    OrdersUpdatePdu copy;
    copy.orders.emplace_back(ScrBltOrder{0, 0, 10, 10, 0xCC, 95, 0});
    QTest::newRow("copy from outside") << frameOf(copy) << "copy";
    OrdersUpdatePdu memBlt;
    memBlt.orders.emplace_back(MemBltOrder{});
    QTest::newRow("cache without a cache") << frameOf(memBlt) << "MemBlt";
    TileUpdatePdu tiles;
    tiles.tiles.push_back(tileAt(64, 32, 64, 64));
    QTest::newRow("tile past the edge") << frameOf(tiles) << "leaves";
    TileUpdatePdu corrupt;
    corrupt.tiles.push_back(tileAt(0, 0, 32, 32));
    corrupt.tiles.back().data.resize(4);
    QTest::newRow("truncated tile") << frameOf(corrupt) << "decode";
    TileUpdatePdu wrongSize;
    wrongSize.tiles.push_back(tileAt(0, 0, 32, 32));
    wrongSize.tiles.back().width = 16;
    QTest::newRow("tile of another size") << frameOf(wrongSize) << "decode";
    BitmapUpdatePdu bitmap;
    BitmapRectangle rectangle;
    rectangle.destLeft = 0;
    rectangle.destRight = 9;
    rectangle.destBottom = 9;
    rectangle.width = 10;
    rectangle.height = 10;
    rectangle.bitsPerPixel = 24;
    rectangle.flags = BitmapRectangle::kFlagCompressed | BitmapRectangle::kFlagNoCompressionHeader;
    rectangle.data = {0x0f, 0x01, 0x02}; // a colour run cut short, then nothing
    bitmap.rectangles.push_back(rectangle);
    QTest::newRow("truncated RLE bitmap") << frameOf(bitmap) << "bitmap";
    VideoRegionUpdatePdu video;
    video.x = 0;
    video.width = 64;
    video.height = 64;
    video.codecId = uint8_t(CodecId::H264Avc420);
    video.flags = VideoRegionUpdatePdu::kFlagKeyFrame;
    video.data.assign(100, 0x42);
    QTest::newRow("video garbage") << frameOf(video) << "video";
    video.x = 80;
    QTest::newRow("video past the edge") << frameOf(video) << "leaves";
    // The payload's own size bounds the decoder's pictures: one larger than the region
    // (inside the window) is refused before anything is decoded or allocated.
    video.x = 0;
    video.data.clear();
    const baton::video::VideoPayloadHeader huge{
        baton::video::VideoCodec::H264, baton::video::ChromaFormat::Yuv420, true, 16000, 16000};
    baton::video::appendVideoPayloadHeader(huge, video.data);
    video.data.resize(video.data.size() + 100, 0x42);
    QTest::newRow("video payload larger than its region") << frameOf(video) << "not of its region";
}

void TestUpdateApplier::refusesWhatDoesNotFit()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, reason);
    QVERIFY(!frame.isEmpty());
    Receiver viewer;
    QVERIFY(viewer.applier.resize(100, 80, nullptr));
    viewer.applier.takeDamage();
    QVERIFY(!viewer.receive(frame));
    QVERIFY2(viewer.error.contains(reason), qPrintable(viewer.error));
    QVERIFY(viewer.applier.takeDamage().isEmpty() || reason == QLatin1String("decode"));
}

void TestUpdateApplier::videoWaitsForKeyFrameAfterSynchronize()
{
    Sender host(SyntheticSceneKind::Typing, 160, 96, UpdateCodec::H264);
    Receiver viewer;
    QVERIFY(viewer.applier.resize(160, 96, nullptr));
    QVERIFY(viewer.receive(host.refresh()));
    for (int i = 0; i < 5; ++i)
        QVERIFY2(viewer.receive(host.step()), qPrintable(viewer.error));
    QCOMPARE(viewer.applier.stats().videoPictures, 5);
    // A second viewer that saw only the catch-up skips pictures until a key frame.
    Receiver late;
    QVERIFY(late.applier.resize(160, 96, nullptr));
    QVERIFY(late.receive(host.refresh())); // asks the planner for a key frame
    QVERIFY(late.receive(host.step()));
    QCOMPARE(late.applier.stats().videoSkipped, 0);
    QCOMPARE(late.applier.stats().videoPictures, 1);
    QVERIFY(late.receive(host.step()));
    QCOMPARE(late.applier.stats().videoPictures, 2);
}

void TestUpdateApplier::fuzzSeedsApply()
{
    struct Seed {
        QString name;
        SyntheticSceneKind kind;
        UpdateCodec codec;
    };
    const QList<Seed> seeds{
        {QStringLiteral("typing-lossless"), SyntheticSceneKind::Typing, UpdateCodec::Lossless},
        {QStringLiteral("scrolling-lossless"), SyntheticSceneKind::Scrolling,
         UpdateCodec::Lossless},
        {QStringLiteral("typing-t128"), SyntheticSceneKind::Typing, UpdateCodec::T128},
        {QStringLiteral("typing-h264"), SyntheticSceneKind::Typing, UpdateCodec::H264},
    };
    const QDir corpus(QStringLiteral(BATON_SOURCE_DIR "/tests/fuzz/corpus/updateapplier"));
    const bool write = qEnvironmentVariableIsSet("BATON_WRITE_SEEDS");
    for (const Seed &seed : seeds) {
        // 96×64 (bytes 0 and 1 as the fuzz target reads them), a catch-up, three steps.
        Sender host(seed.kind, 96, 64, seed.codec);
        QByteArray bytes("\x5f\x3f", 2);
        bytes += host.refresh();
        for (int i = 0; i < 3; ++i)
            bytes += host.step();
        QFile file(corpus.filePath(seed.name));
        if (write) {
            QVERIFY(corpus.mkpath(QStringLiteral(".")));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
            file.close();
        }
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QByteArray stored = file.readAll();
        Receiver viewer;
        QVERIFY(viewer.applier.resize(96, 64, nullptr));
        QVERIFY2(viewer.receive(stored.mid(2)),
                 qPrintable(seed.name + QLatin1String(": ") + viewer.error));
        if (seed.codec != UpdateCodec::H264)
            QVERIFY2(viewer.applier.framebuffer() == host.scene.frame(), qPrintable(seed.name));
    }
}

// The seeds of fuzz_viewerresize: byte 0 and 1 make the limit 96 pixels a side and 6144
// (96×64) in all; activations at that limit, re-activations turned on their side for
// each codec, and one a row over the limit, which must end the stream unallocated.
void TestUpdateApplier::resizeFuzzSeedsActivate()
{
    struct Seed {
        QString name;
        UpdateCodec codec;
        bool resize;
    };
    const QList<Seed> seeds{
        {QStringLiteral("activate-lossless"), UpdateCodec::Lossless, false},
        {QStringLiteral("resize-lossless"), UpdateCodec::Lossless, true},
        {QStringLiteral("resize-t128"), UpdateCodec::T128, true},
        {QStringLiteral("resize-h264"), UpdateCodec::H264, true},
    };
    const QDir corpus(QStringLiteral(BATON_SOURCE_DIR "/tests/fuzz/corpus/viewerresize"));
    const bool write = qEnvironmentVariableIsSet("BATON_WRITE_SEEDS");
    const QByteArray limit("\x5f\x17", 2);
    const auto check = [&](const QString &name, const QByteArray &bytes) -> QByteArray {
        QFile file(corpus.filePath(name));
        if (write) {
            if (!corpus.mkpath(QStringLiteral(".")) || !file.open(QIODevice::WriteOnly))
                return {};
            file.write(bytes);
            file.close();
        }
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    for (const Seed &seed : seeds) {
        Sender first(SyntheticSceneKind::Typing, 96, 64, seed.codec);
        QByteArray bytes = limit + demandActiveFrame(1, 96, 64) + first.refresh() + first.step();
        std::optional<Sender> second;
        if (seed.resize) {
            second.emplace(SyntheticSceneKind::Typing, 64, 96, seed.codec);
            bytes += frameOf(DeactivateAllPdu{1, "Baton"}) + demandActiveFrame(2, 64, 96) +
                second->refresh() + second->step();
        }
        const QByteArray stored = check(seed.name, bytes);
        QVERIFY2(!stored.isEmpty(), qPrintable(corpus.filePath(seed.name)));
        ActivatingReceiver viewer(stored);
        QVERIFY2(viewer.receive(stored.mid(2)),
                 qPrintable(seed.name + QLatin1String(": ") + viewer.viewer.error));
        QVERIFY2(!viewer.refusal, qPrintable(seed.name));
        const SyntheticScene &last = second ? second->scene : first.scene;
        QCOMPARE(viewer.viewer.applier.framebuffer().width(), last.frame().width());
        QCOMPARE(viewer.viewer.applier.framebuffer().height(), last.frame().height());
        if (seed.codec == UpdateCodec::H264)
            QVERIFY(viewer.viewer.applier.stats().videoPictures >= 2); // one for each size
        else
            QVERIFY2(viewer.viewer.applier.framebuffer() == last.frame(), qPrintable(seed.name));
    }

    Sender over(SyntheticSceneKind::Typing, 96, 65, UpdateCodec::Lossless);
    const QByteArray stored = check(QStringLiteral("refused-a-row-over"),
                                    limit + demandActiveFrame(1, 96, 65) + over.refresh());
    ActivatingReceiver viewer(stored);
    QVERIFY(viewer.receive(stored.mid(2)));
    QVERIFY(viewer.refusal == DemandedWindow::Verdict::TooLarge);
    QVERIFY(viewer.viewer.applier.framebuffer().isNull());
}

QTEST_GUILESS_MAIN(TestUpdateApplier)
#include "tst_updateapplier.moc"
