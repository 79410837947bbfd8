// The T.128 / RDP interleaved RLE bitmap codec: the decoder against streams worked
// out by hand from the order definitions (research/t128.md §5.5, MS-RDPBCGR
// 2.2.9.1.1.3.1.2.4), the encoder's exact output for simple pictures, round trips,
// and hostile streams.
#include "codecs/t128/T128BitmapDecoder.h"
#include "codecs/t128/T128BitmapEncoder.h"

#include <QTest>

#include <random>

using namespace baton;
using namespace baton::t128;

namespace {

constexpr uint32_t B = 0xFF000000u; // black
constexpr uint32_t W = 0xFFFFFFFFu; // white

// Decodes stream into a width × height frame; rows are top-down in the result.
Frame decode(std::vector<uint8_t> stream, int width, int height, int bpp = 24,
             T128DecodeError expected = T128DecodeError::None)
{
    Frame frame(width, height);
    const T128DecodeError error = T128BitmapDecoder::decode(stream, bpp, frame.mutableView());
    if (error != expected)
        qWarning("decode error %s, expected %s", toString(error), toString(expected));
    return error == expected ? frame : Frame();
}

bool rowIs(const Frame &frame, int y, std::vector<uint32_t> pixels)
{
    if (frame.isNull())
        return false;
    const auto row = frame.view().row(y);
    return std::equal(row.begin(), row.end(), pixels.begin(), pixels.end());
}

Frame textLike(int width, int height, uint32_t seed)
{
    std::mt19937 rng(seed);
    Frame frame(width, height);
    frame.fill(0xFFF0F0F0u);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            if ((y % 11) > 2 && (rng() % 3) == 0)
                frame.setPixel(x, y, (rng() % 5) == 0 ? 0xFF0000C0u : 0xFF101010u);
        }
    return frame;
}

} // namespace

class TestT128Bitmap : public QObject {
    Q_OBJECT

private slots:
    // 0x08: a regular background run of 8. On the first scanline the line above is
    // black, and an order begun there keeps that meaning, so 4×2 comes out black.
    void backgroundRunOnFirstLineIsBlack()
    {
        const Frame f = decode({0x08}, 4, 2);
        QVERIFY(rowIs(f, 0, {B, B, B, B}));
        QVERIFY(rowIs(f, 1, {B, B, B, B}));
    }

    // 0x64 00 00 FF: colour run (code 3) of 4 of the 24-bpp pixel B=00 G=00 R=FF.
    void colourRun()
    {
        const Frame f = decode({0x64, 0x00, 0x00, 0xFF}, 4, 1);
        QVERIFY(rowIs(f, 0, {0xFFFF0000u, 0xFFFF0000u, 0xFFFF0000u, 0xFFFF0000u}));
    }

    // Line 1 (the bottom row): 0x08 = 8 black. Line 2: 0x41 = FG/BG image of 1×8
    // pixels, mask 0x55 = bits 0, 2, 4, 6 → above XOR white (the initial foreground).
    void foregroundBackgroundImage()
    {
        const Frame f = decode({0x08, 0x41, 0x55}, 8, 2);
        QVERIFY(rowIs(f, 0, {W, B, W, B, W, B, W, B}));
        QVERIFY(rowIs(f, 1, {B, B, B, B, B, B, B, B}));
    }

    // A background run right after another inserts one foreground pixel (above XOR
    // fg) first; the end of the first scanline clears that state.
    void consecutiveBackgroundRunsInsertForeground()
    {
        const Frame f = decode({0x04, 0x01, 0x03}, 4, 2);
        QVERIFY(rowIs(f, 0, {B, W, B, B}));
        QVERIFY(rowIs(f, 1, {B, B, B, B}));
    }

    // 0xC3 11 22 33: lite set-foreground run of 3; on the first line above is black,
    // so the pixels are the new foreground 0x332211 (B=11 G=22 R=33).
    void setForegroundRun()
    {
        const Frame f = decode({0xC3, 0x11, 0x22, 0x33}, 3, 1);
        QVERIFY(rowIs(f, 0, {0xFF332211u, 0xFF332211u, 0xFF332211u}));
    }

    // Regular colour run with length 0: the next byte + 32 is the length (8 + 32).
    void extendedRegularLength()
    {
        const Frame f = decode({0x60, 0x08, 0x01, 0x02, 0x03}, 40, 1);
        QVERIFY(rowIs(f, 0, std::vector<uint32_t>(40, 0xFF030201u)));
    }

    // 0xE2 A B: lite dithered run of 2 pairs; 0xF4 03 00 + 3 pixels: mega-mega colour
    // image; 0xFD white; 0xFE black.
    void ditheredMegaAndSpecials()
    {
        const Frame f = decode({0xE2, 1, 2, 3, 4, 5, 6, 0xF4, 0x03, 0x00, 7, 8, 9, 10, 11, 12,
                                13, 14, 15, 0xFD, 0xFE},
                               9, 1);
        QVERIFY(rowIs(f, 0, {0xFF030201u, 0xFF060504u, 0xFF030201u, 0xFF060504u, 0xFF090807u,
                             0xFF0C0B0Au, 0xFF0F0E0Du, W, B}));
    }

    // Foreground run on the second line: above XOR fg. Line 1: colour run of 2 of
    // 0x0000FF (red); line 2: 0x22 = foreground run of 2 with fg = white → cyan-ish
    // 0xFFFF00 ^ ... (red XOR white = 0x00FFFF).
    void foregroundRunXorsAbove()
    {
        const Frame f = decode({0x62, 0x00, 0x00, 0xFF, 0x22}, 2, 2);
        QVERIFY(rowIs(f, 1, {0xFFFF0000u, 0xFFFF0000u}));
        QVERIFY(rowIs(f, 0, {0xFF00FFFFu, 0xFF00FFFFu}));
    }

    // Special FG/BG 1 (mask 0x03) on line 2: pixels 0 and 1 are above XOR white.
    void specialForegroundBackground()
    {
        const Frame f = decode({0x08, 0xF9}, 8, 2);
        QVERIFY(rowIs(f, 0, {W, W, B, B, B, B, B, B}));
        const Frame g = decode({0x08, 0xFA}, 8, 2);
        QVERIFY(rowIs(g, 0, {W, B, W, B, B, B, B, B}));
    }

    // 16 bpp: colour run of RGB565 0xF800 (pure red), little-endian.
    void sixteenBitsPerPixel()
    {
        const Frame f = decode({0x62, 0x00, 0xF8}, 2, 1, 16);
        QVERIFY(rowIs(f, 0, {0xFFFF0000u, 0xFFFF0000u}));
        const Frame g = decode({0x61, 0x1F, 0x00}, 1, 1, 15); // RGB555 blue
        QVERIFY(rowIs(g, 0, {0xFF0000FFu}));
    }

    // The encoder's output for simple pictures, derived by hand.
    void encoderVectors()
    {
        Frame black(4, 2);
        black.fill(B);
        std::vector<uint8_t> out;
        T128BitmapEncoder::encode(black, 24, out);
        // One background run per scanline: orders never cross the first line's end.
        QCOMPARE(out, (std::vector<uint8_t>{0x04, 0x04}));

        Frame red(4, 1);
        red.fill(0xFFFF0000u);
        out.clear();
        T128BitmapEncoder::encode(red, 24, out);
        QCOMPARE(out, (std::vector<uint8_t>{0x64, 0x00, 0x00, 0xFF}));

        // Two pixels without a run: one colour image order (code 4, length 2).
        Frame two(2, 1);
        two.setPixel(0, 0, 0xFF010203u);
        two.setPixel(1, 0, 0xFF040506u);
        out.clear();
        T128BitmapEncoder::encode(two, 24, out);
        QCOMPARE(out, (std::vector<uint8_t>{0x82, 0x03, 0x02, 0x01, 0x06, 0x05, 0x04}));
    }

    void roundTrips_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<QString>("content");
        for (const QString &content : {QStringLiteral("text"), QStringLiteral("noise"),
                                      QStringLiteral("stripes"), QStringLiteral("solid")}) {
            QTest::newRow(qPrintable(content + " 64x64")) << 64 << 64 << content;
            QTest::newRow(qPrintable(content + " 1x1")) << 1 << 1 << content;
            QTest::newRow(qPrintable(content + " 37x5")) << 37 << 5 << content;
            QTest::newRow(qPrintable(content + " 300x3")) << 300 << 3 << content;
            QTest::newRow(qPrintable(content + " 1x70")) << 1 << 70 << content;
        }
    }
    void roundTrips()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(QString, content);
        Frame frame(width, height);
        std::mt19937 rng(11);
        if (content == "text")
            frame = textLike(width, height, 3);
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                if (content == "noise")
                    frame.setPixel(x, y, 0xFF000000u | (rng() % 4 == 0 ? rng() : 0x808080u));
                else if (content == "stripes")
                    frame.setPixel(x, y, ((x / 3 + y) % 2) ? 0xFFFFFFFFu : 0xFF2040C0u);
                else if (content == "solid")
                    frame.setPixel(x, y, 0xFF445566u);
            }
        for (const int bpp : {24, 16}) {
            std::vector<uint8_t> stream;
            T128BitmapEncoder::encode(frame, bpp, stream);
            Frame decoded(width, height);
            QCOMPARE(int(T128BitmapDecoder::decode(stream, bpp, decoded.mutableView())),
                     int(T128DecodeError::None));
            if (bpp == 24) {
                QVERIFY(decoded == frame);
            } else {
                // 16 bpp keeps 5-6-5 bits: every channel within 8 (red, blue) or 4.
                for (int y = 0; y < height; ++y)
                    for (int x = 0; x < width; ++x) {
                        const uint32_t a = frame.pixel(x, y);
                        const uint32_t b = decoded.pixel(x, y);
                        for (int shift = 0; shift < 24; shift += 8)
                            QVERIFY(std::abs(int((a >> shift) & 0xFF) - int((b >> shift) & 0xFF)) <= 8);
                    }
            }
        }
    }

    void textCompresses()
    {
        const Frame frame = textLike(256, 64, 9);
        std::vector<uint8_t> stream;
        T128BitmapEncoder::encode(frame, 24, stream);
        QVERIFY2(stream.size() * 2 < std::size_t{256} * 64 * 3, std::to_string(stream.size()).c_str());
    }

    void hostileStreamsFailCleanly()
    {
        Frame frame(8, 2);
        decode({}, 8, 2, 24, T128DecodeError::Incomplete);
        decode({0x04}, 8, 2, 24, T128DecodeError::Incomplete);
        decode({0x11}, 8, 2, 24, T128DecodeError::Overflow);       // 17 > 16 pixels
        decode({0xA1}, 8, 2, 24, T128DecodeError::BadOrder);       // regular code 5
        decode({0xF5}, 8, 2, 24, T128DecodeError::BadOrder);
        decode({0xFF}, 8, 2, 24, T128DecodeError::BadOrder);
        decode({0x64, 0x00, 0x00}, 8, 2, 24, T128DecodeError::Truncated);
        decode({0xF0, 0x10}, 8, 2, 24, T128DecodeError::Truncated);
        decode({0x84, 1, 2, 3}, 8, 2, 24, T128DecodeError::Truncated);
        decode({0xF0, 0xFF, 0xFF}, 8, 2, 24, T128DecodeError::Overflow);
        QCOMPARE(int(T128BitmapDecoder::decode(std::vector<uint8_t>{0x04}, 32, frame.mutableView())),
                 int(T128DecodeError::BadArguments));
        QCOMPARE(int(T128BitmapDecoder::decode(std::vector<uint8_t>{0x04}, 8, frame.mutableView())),
                 int(T128DecodeError::BadArguments)); // 8 bpp without a palette

        // Every truncation of a real stream, and random corruptions, fail or decode:
        // never read or write out of bounds (ASan checks this run).
        const Frame text = textLike(64, 32, 4);
        std::vector<uint8_t> stream;
        T128BitmapEncoder::encode(text, 24, stream);
        Frame target(64, 32);
        for (std::size_t size = 0; size < stream.size(); ++size)
            QVERIFY(T128BitmapDecoder::decode(std::span(stream).first(size), 24,
                                              target.mutableView()) != T128DecodeError::None);
        std::mt19937 rng(2);
        for (int round = 0; round < 3000; ++round) {
            std::vector<uint8_t> bad = stream;
            bad[rng() % bad.size()] = static_cast<uint8_t>(rng());
            T128BitmapDecoder::decode(bad, 24, target.mutableView());
        }
    }
};

QTEST_APPLESS_MAIN(TestT128Bitmap)
#include "tst_t128bitmap.moc"
