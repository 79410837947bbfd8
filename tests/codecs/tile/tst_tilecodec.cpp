// The lossless tile codec: bit-exact round trips over every kind of content and size
// edge, the kind chosen for each, the content hash, and hostile payloads.
#include "TileTestImages.h"

#include "codecs/tile/ColourTable.h"
#include "codecs/tile/TileDecoder.h"
#include "codecs/tile/TileEncoder.h"
#include "codecs/tile/PaletteBuilder.h"
#include "codecs/tile/TileHash.h"

#include <QTest>

#include <zstd.h>

#include <algorithm>
#include <array>
#include <random>

using namespace baton;
using namespace baton::tile;
using namespace baton::tile::test;

namespace {

struct RoundTrip {
    TileKind kind;
    std::vector<uint8_t> payload;
    Frame decoded;
    TileDecodeError error;
};

RoundTrip roundTrip(const FrameView &tile)
{
    TileEncoder encoder;
    TileDecoder decoder;
    RoundTrip result;
    result.kind = encoder.encode(tile, result.payload);
    result.decoded = Frame(tile.width(), tile.height());
    result.decoded.fill(0x12345678u); // so a decoder that skips pixels is caught
    result.error = decoder.decode(result.payload, result.decoded.mutableView());
    return result;
}

} // namespace

class TestTileCodec : public QObject {
    Q_OBJECT

private slots:
    void roundTripsBitExact_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<QString>("content");
        QTest::addColumn<int>("expectedKind");
        const int solid = int(TileKind::Solid);
        const int palette = int(TileKind::Palette);
        const int generic = int(TileKind::Generic);
        QTest::newRow("1x1") << 1 << 1 << "noise" << solid;
        QTest::newRow("one colour 64x64") << 64 << 64 << "solid" << solid;
        QTest::newRow("one colour odd 63x17") << 63 << 17 << "solid" << solid;
        QTest::newRow("2 colours") << 64 << 64 << "2" << palette;
        QTest::newRow("3 colours odd width") << 33 << 64 << "3" << palette;
        QTest::newRow("4 colours") << 64 << 64 << "4" << palette;
        QTest::newRow("16 colours width 1") << 1 << 64 << "16" << palette;
        QTest::newRow("17 colours height 1") << 64 << 1 << "17" << palette;
        QTest::newRow("256 colours") << 64 << 64 << "256" << palette;
        // 257 colours from the first row on: photographic, never escaped.
        QTest::newRow("257 colours") << 64 << 64 << "257" << generic;
        QTest::newRow("300 colours 256x64") << 256 << 64 << "300" << generic;
        // Few colours and rare others all over: the rare ones beyond 255 are escaped.
        QTest::newRow("bands and 600 rare colours 256x64") << 256 << 64 << "rare600" << palette;
        QTest::newRow("2000 colours") << 64 << 64 << "2000" << generic;
        QTest::newRow("gradient") << 64 << 64 << "gradient" << generic;
        QTest::newRow("gradient odd 65x63") << 65 << 63 << "gradient" << generic;
        QTest::newRow("noise") << 64 << 64 << "noise" << generic;
        QTest::newRow("noise with alpha") << 37 << 29 << "alpha" << generic;
        QTest::newRow("big 1021x7") << 1021 << 7 << "gradient" << generic;
    }
    void roundTripsBitExact()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(QString, content);
        QFETCH(int, expectedKind);
        Frame tile;
        if (content == "noise")
            tile = noise(width, height, 7);
        else if (content == "alpha")
            tile = noise(width, height, 9, false);
        else if (content == "gradient")
            tile = gradient(width, height);
        else if (content == "rare600")
            tile = bandsWithRareColours(width, height, 600);
        else if (content == "solid") {
            tile = Frame(width, height);
            tile.fill(0xFF336699u);
        } else
            tile = withColours(width, height, content.toInt(), 3);

        const RoundTrip result = roundTrip(tile);
        QCOMPARE(int(result.error), int(TileDecodeError::None));
        QCOMPARE(int(result.kind), expectedKind);
        QVERIFY(result.decoded == tile);
        if (content == "rare600")
            QVERIFY(result.payload[0] & kEscapes);
        const std::optional<TileHeader> header = parseTileHeader(result.payload);
        QVERIFY(header);
        QCOMPARE(header->width, width);
        QCOMPARE(header->height, height);
    }

    void paletteHoldsAtMost256Colours()
    {
        PaletteBuilder builder;
        QCOMPARE(int(builder.build(withColours(64, 64, 256, 1))), int(PaletteFit::Palette));
        QCOMPARE(builder.colours().size(), std::size_t{256});
        QVERIFY(builder.opaque());
        QCOMPARE(int(builder.build(withColours(64, 64, 257, 1))), int(PaletteFit::TooManyColours));
        QVERIFY(builder.opaque());
        QCOMPARE(int(builder.build(noise(64, 64, 1, false))), int(PaletteFit::TooManyColours));
        QVERIFY(!builder.opaque());
    }

    // With escapes allowed, the first 255 colours keep their indices and every pixel of
    // another colour (the 256th included) is marked kEscapeIndex.
    void paletteEscapesColoursBeyond255()
    {
        PaletteBuilder builder;
        // 4 band colours, then 300 single-pixel colours in scan order: colours 256 to 304.
        const Frame tile = bandsWithRareColours(64, 64, 300);
        QCOMPARE(int(builder.build(tile, 64 * 64 / 4)), int(PaletteFit::WithEscapes));
        QCOMPARE(builder.colours().size(), std::size_t{255});
        std::size_t escaped = 0;
        for (int32_t y = 0; y < 64; ++y) {
            for (int32_t x = 0; x < 64; ++x) {
                const uint8_t index = builder.indices()[static_cast<std::size_t>(y * 64 + x)];
                if (index == kEscapeIndex) {
                    ++escaped;
                    QVERIFY(std::find(builder.colours().begin(), builder.colours().end(),
                                      tile.pixel(x, y)) == builder.colours().end());
                } else {
                    QCOMPARE(builder.colours()[index], tile.pixel(x, y));
                }
            }
        }
        QCOMPARE(escaped, std::size_t{304 - 255});
        // The 257th colour within the first eighth of the tile: a photograph.
        QCOMPARE(int(builder.build(withColours(64, 64, 300, 2), 64 * 64 / 4)),
                 int(PaletteFit::TooManyColours));
        // Too many escaped pixels.
        QCOMPARE(int(builder.build(bandsWithRareColours(64, 64, 2000), 64 * 64 / 4)),
                 int(PaletteFit::TooManyColours));
        // Exactly 256 colours never escape.
        QCOMPARE(int(builder.build(withColours(64, 64, 256, 1), 64 * 64 / 4)), int(PaletteFit::Palette));
    }

    void colourTableSortsAndRoundTrips()
    {
        std::mt19937 rng(5);
        for (const bool opaque : {true, false}) {
            std::vector<uint32_t> colours;
            while (colours.size() < 200) {
                const uint32_t colour = opaque ? (rng() | 0xFF000000u) : static_cast<uint32_t>(rng());
                if (std::find(colours.begin(), colours.end(), colour) == colours.end())
                    colours.push_back(colour);
            }
            std::vector<uint32_t> sorted(colours.size());
            std::array<uint8_t, 256> rank{};
            QVERIFY(ColourTable::sort(colours, sorted, rank));
            QVERIFY(std::is_sorted(sorted.begin(), sorted.end()));
            for (std::size_t i = 0; i < colours.size(); ++i)
                QCOMPARE(sorted[rank[i]], colours[i]);
            QVERIFY(!ColourTable::sort(sorted, colours, rank)); // already in order
            std::vector<uint8_t> table;
            ColourTable::write(sorted, opaque, table);
            QCOMPARE(table.size(), ColourTable::bytes(sorted.size(), opaque));
            std::vector<uint32_t> read(sorted.size());
            ColourTable::read(table, opaque, read);
            QVERIFY(read == sorted);
        }
    }

    // A palette payload with plain index bytes, built by hand from docs/codecs.md:
    // 3 colours, 4×2 pixels, the body raw and as a zstd frame.
    void plainIndexPaletteDecodes()
    {
        const uint32_t k = 0xFF000000u, r = 0xFFFF0000u, w = 0xFFFFFFFFu; // sorted ascending
        const std::vector<uint8_t> body{
            0x00, 0x00, 0xFF, // G: 0, 0, 255
            0x00, 0x00, 0x00, // B−G: 0, 0, 0
            0x00, 0xFF, 0x01, // R−G: 0, 255, 0 (255 − 0, then 0 − 255 modulo 256)
            0, 2, 1, 2,       // indices, row 0
            1, 1, 0, 0};      // row 1
        const std::vector<uint8_t> header{0x01 | 0x04 | 0x10, 4, 0, 2, 0, 2};
        std::vector<uint8_t> raw = header;
        raw.insert(raw.end(), body.begin(), body.end());
        std::vector<uint8_t> frame(ZSTD_compressBound(body.size()));
        frame.resize(ZSTD_compress(frame.data(), frame.size(), body.data(), body.size(), 1));
        std::vector<uint8_t> packed = header;
        packed[0] |= 0x08;
        packed.insert(packed.end(), frame.begin(), frame.end());
        TileDecoder decoder;
        for (const std::vector<uint8_t> &payload : {raw, packed}) {
            Frame target(4, 2);
            QCOMPARE(int(decoder.decode(payload, target.mutableView())), int(TileDecodeError::None));
            QCOMPARE(target.pixel(0, 0), k);
            QCOMPARE(target.pixel(1, 0), w);
            QCOMPARE(target.pixel(2, 0), r);
            QCOMPARE(target.pixel(1, 1), r);
            QCOMPARE(target.pixel(3, 1), k);
        }
        // An index beyond the table is refused.
        std::vector<uint8_t> bad = raw;
        bad[header.size() + 9 + 2] = 3;
        Frame target(4, 2);
        QCOMPARE(int(decoder.decode(bad, target.mutableView())), int(TileDecodeError::BadPalette));
        // Escapes need plain indices and exactly 255 colours.
        bad = raw;
        bad[0] |= 0x20;
        QCOMPARE(int(decoder.decode(bad, target.mutableView())), int(TileDecodeError::BadPalette));
        bad[0] &= ~0x10;
        QCOMPARE(int(decoder.decode(bad, target.mutableView())), int(TileDecodeError::BadHeader));
    }

    void solidTileIsNineBytesOrFewer()
    {
        Frame opaque(64, 64);
        opaque.fill(0xFF202020u);
        QCOMPARE(roundTrip(opaque).payload.size(), std::size_t{8});
        Frame translucent(64, 64);
        translucent.fill(0x80202020u);
        QCOMPARE(roundTrip(translucent).payload.size(), std::size_t{9});
        QVERIFY(roundTrip(translucent).decoded == translucent);
    }

    void twoColourTextIsSmall()
    {
        // Black glyph-like strokes on white: palette with 1-bit indices.
        Frame tile(64, 64);
        tile.fill(0xFFFFFFFFu);
        for (int y = 8; y < 56; y += 12)
            for (int x = 4; x < 60; ++x)
                if ((x * 7 + y) % 5 < 2)
                    tile.setPixel(x, y, 0xFF000000u);
        const RoundTrip result = roundTrip(tile);
        QCOMPARE(int(result.kind), int(TileKind::Palette));
        QVERIFY(result.decoded == tile);
        QVERIFY2(result.payload.size() < 200, std::to_string(result.payload.size()).c_str());
    }

    void paddedViewsEncodeOnlyVisiblePixels()
    {
        const Frame big = gradient(200, 100);
        const FrameView view = big.view().subView({13, 7, 64, 41});
        const RoundTrip result = roundTrip(view);
        QCOMPARE(int(result.error), int(TileDecodeError::None));
        QVERIFY(result.decoded.view() == view);
        // Decoding into a padded target leaves its other pixels alone.
        Frame canvas(100, 100);
        canvas.fill(0xFF00FF00u);
        TileDecoder decoder;
        QCOMPARE(int(decoder.decode(result.payload, canvas.mutableView().subView({5, 5, 64, 41}))),
                 int(TileDecodeError::None));
        QVERIFY(canvas.view().subView({5, 5, 64, 41}) == view);
        QCOMPARE(canvas.pixel(4, 5), 0xFF00FF00u);
        QCOMPARE(canvas.pixel(69, 5), 0xFF00FF00u);
    }

    void hashIgnoresStrideAndSeesEveryPixel()
    {
        const Frame a = gradient(64, 64);
        Frame padded(100, 64);
        padded.mutableView().copyFrom(a, 0, 0);
        QCOMPARE(tileHash(a), tileHash(padded.view().subView({0, 0, 64, 64})));
        Frame b = a;
        b.setPixel(63, 63, b.pixel(63, 63) ^ 1u);
        QVERIFY(tileHash(a) != tileHash(b));
        QVERIFY(tileHash(a.view().subView({0, 0, 32, 64})) !=
                tileHash(a.view().subView({0, 0, 64, 32})));
    }

    // Kind 3 (the cache hit of earlier drafts) is reserved: the session's tile cache
    // names slots in its own PDU (docs/protocol.md §8.7).
    void reservedKindIsRefused()
    {
        const std::vector<uint8_t> payload{0x03, 64, 0, 64, 0, 1, 2, 3, 4, 5, 6, 7, 8};
        TileDecodeError error = TileDecodeError::None;
        QVERIFY(!parseTileHeader(payload, &error));
        QCOMPARE(int(error), int(TileDecodeError::BadHeader));
        Frame target(64, 64);
        QCOMPARE(int(TileDecoder().decode(payload, target.mutableView())),
                 int(TileDecodeError::BadHeader));
    }

    void everyTruncationIsAnError()
    {
        const std::vector<Frame> tiles{withColours(64, 64, 2, 1), withColours(64, 64, 200, 2),
                                       gradient(64, 64), noise(17, 9, 4, false)};
        TileEncoder encoder;
        TileDecoder decoder;
        for (const Frame &tile : tiles) {
            std::vector<uint8_t> payload;
            encoder.encode(tile, payload);
            Frame target(tile.width(), tile.height());
            for (std::size_t size = 0; size < payload.size(); ++size) {
                const TileDecodeError error = decoder.decode(
                    std::span(payload).first(size), target.mutableView());
                QVERIFY2(error != TileDecodeError::None, std::to_string(size).c_str());
            }
            payload.push_back(0);
            QVERIFY(decoder.decode(payload, target.mutableView()) != TileDecodeError::None);
        }
    }

    void corruptedPayloadsNeverCrash()
    {
        std::mt19937 rng(5);
        TileEncoder encoder;
        TileDecoder decoder;
        const std::vector<Frame> tiles{withColours(64, 64, 3, 1), withColours(64, 64, 40, 2),
                                       withColours(64, 64, 250, 2), gradient(64, 64)};
        int errors = 0;
        for (int round = 0; round < 2000; ++round) {
            const Frame &tile = tiles[static_cast<std::size_t>(round) % tiles.size()];
            std::vector<uint8_t> payload;
            encoder.encode(tile, payload);
            const int flips = 1 + static_cast<int>(rng() % 4);
            for (int f = 0; f < flips; ++f)
                payload[rng() % payload.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));
            Frame target(64, 64);
            if (decoder.decode(payload, target.mutableView()) != TileDecodeError::None)
                ++errors;
        }
        // Most flips must be detected (a flip inside a palette colour is not).
        QVERIFY(errors > 500);
    }

    void headerRejectsNonsense()
    {
        std::vector<uint8_t> payload{0x00, 0x00, 0x00, 0x01, 0x00, 1, 2, 3}; // width 0
        TileDecodeError error = TileDecodeError::None;
        QVERIFY(!parseTileHeader(payload, &error));
        QCOMPARE(int(error), int(TileDecodeError::BadHeader));
        payload = {0x40, 0x01, 0x00, 0x01, 0x00, 1, 2, 3}; // reserved bit
        QVERIFY(!parseTileHeader(payload));
        payload = {0x00, 0x01, 0x40, 0x01, 0x00, 1, 2, 3}; // width 16385
        QVERIFY(!parseTileHeader(payload));
        payload = {0x10, 0x01, 0x00, 0x01, 0x00, 1, 2, 3}; // a filter on a solid tile
        QVERIFY(!parseTileHeader(payload));
        payload = {0x04, 0x02, 0x00, 0x02, 0x00, 1, 2, 3}; // valid 2x2 opaque solid
        QVERIFY(parseTileHeader(payload));
        Frame wrongSize(3, 2);
        TileDecoder decoder;
        QCOMPARE(int(decoder.decode(payload, wrongSize.mutableView())),
                 int(TileDecodeError::SizeMismatch));
    }
};

QTEST_APPLESS_MAIN(TestTileCodec)
#include "tst_tilecodec.moc"
