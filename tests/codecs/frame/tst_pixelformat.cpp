#include "codecs/frame/PixelFormat.h"
#include "codecs/frame/PixelFormatRow.h"

#include <QRandomGenerator>
#include <QTest>

#include <bit>
#include <cmath>
#include <vector>

using namespace baton;

Q_DECLARE_METATYPE(baton::PixelFormat)

namespace {

constexpr uint8_t kSentinel = 0xab;

// What a pixel means, written from the X server's definition rather than the converter's
// code: a TrueColor channel v of max value m has intensity v * 65535 / m on 16 bits
// (miInitializeColormap), and 8-bit output keeps the top byte; DirectColor looks v up in
// its ramp; indexed pixels look up the palette.
uint32_t expectedBgra(const PixelFormat &format, uint32_t pixel)
{
    const uint32_t depthMask = format.depth == 32 ? ~0u : (1u << format.depth) - 1;
    if (format.kind == PixelFormat::Kind::Indexed) {
        const uint32_t index = pixel & depthMask;
        return index < format.palette.size() ? format.palette[index] : 0xff000000u;
    }
    const auto channel = [&](uint32_t mask, const std::vector<uint8_t> &ramp) -> uint32_t {
        const uint32_t v = (pixel & mask) >> std::countr_zero(mask);
        if (format.kind == PixelFormat::Kind::DirectColor)
            return ramp[v];
        const uint64_t max = mask >> std::countr_zero(mask);
        return static_cast<uint32_t>(v * 65535ull / max >> 8);
    };
    uint32_t alpha = 0xff;
    if (format.premultipliedAlpha) {
        const uint32_t alphaMask =
            depthMask & ~(format.redMask | format.greenMask | format.blueMask);
        alpha = (pixel & alphaMask) >> std::countr_zero(alphaMask);
    }
    return alpha << 24 | channel(format.redMask, format.redRamp) << 16 |
        channel(format.greenMask, format.greenRamp) << 8 |
        channel(format.blueMask, format.blueRamp);
}

std::vector<uint8_t> ramp(uint32_t mask, uint8_t (*curve)(double))
{
    const uint32_t max = mask >> std::countr_zero(mask);
    std::vector<uint8_t> values(max + 1);
    for (uint32_t v = 0; v <= max; ++v)
        values[v] = curve(double(v) / max);
    return values;
}

uint8_t inverted(double x)
{
    return static_cast<uint8_t>(std::lround((1 - x) * 255));
}

uint8_t gamma(double x)
{
    return static_cast<uint8_t>(std::lround(std::pow(x, 2.2) * 255));
}

uint8_t linear(double x)
{
    return static_cast<uint8_t>(std::lround(x * 255));
}

PixelFormat directColor(PixelFormat format, uint8_t (*red)(double), uint8_t (*green)(double),
                        uint8_t (*blue)(double))
{
    format.kind = PixelFormat::Kind::DirectColor;
    format.redRamp = ramp(format.redMask, red);
    format.greenRamp = ramp(format.greenMask, green);
    format.blueRamp = ramp(format.blueMask, blue);
    return format;
}

// A DirectColor format whose ramps hold what TrueColor would show: it converts as TrueColor.
PixelFormat directColorAsTrueColor(const PixelFormat &trueColorFormat)
{
    PixelFormat format = trueColorFormat;
    format.kind = PixelFormat::Kind::DirectColor;
    const auto rampOf = [&](uint32_t mask, int byte) {
        std::vector<uint8_t> values((mask >> std::countr_zero(mask)) + 1);
        for (uint32_t v = 0; v < values.size(); ++v)
            values[v] = static_cast<uint8_t>(
                expectedBgra(trueColorFormat, v << std::countr_zero(mask)) >> (8 * byte));
        return values;
    };
    format.redRamp = rampOf(format.redMask, 2);
    format.greenRamp = rampOf(format.greenMask, 1);
    format.blueRamp = rampOf(format.blueMask, 0);
    return format;
}

PixelFormat trueColor(int bpp, int depth, uint32_t red, uint32_t green, uint32_t blue,
                      bool alpha = false)
{
    PixelFormat format;
    format.bitsPerPixel = bpp;
    format.depth = depth;
    format.redMask = red;
    format.greenMask = green;
    format.blueMask = blue;
    format.premultipliedAlpha = alpha;
    return format;
}

PixelFormat indexed(int depth, int entries, QRandomGenerator &random)
{
    PixelFormat format;
    format.kind = PixelFormat::Kind::Indexed;
    format.bitsPerPixel = 8;
    format.depth = depth;
    for (int i = 0; i < entries; ++i)
        format.palette.push_back(0xff000000u | (random.generate() & 0xffffffu));
    return format;
}

uint32_t readPixel(const uint8_t *p, int bytes)
{
    return bytes == 1 ? p[0] : bytes == 2 ? pixel::load16(p) : pixel::load32(p);
}

// A random source image in a buffer that starts off alignment, with padded rows; the
// destination likewise, filled with a sentinel so writes past a row show.
struct Images {
    Images(int width, int height, int bytesPerPixel, int offset, QRandomGenerator &random)
        : srcStride(width * bytesPerPixel + offset + 3),
          dstStride(width * 4 + 4 * offset + 5),
          src(static_cast<std::size_t>(srcStride) * height + 8),
          dst(static_cast<std::size_t>(dstStride) * height + 8, kSentinel),
          offset_(offset)
    {
        for (uint8_t &byte : src)
            byte = static_cast<uint8_t>(random.generate());
    }
    const uint8_t *source() const { return src.data() + offset_; }
    uint8_t *destination() { return dst.data() + offset_; }

    int srcStride;
    int dstStride;
    std::vector<uint8_t> src;
    std::vector<uint8_t> dst;

private:
    int offset_;
};

// Converts a random image with every available kernel set and compares each pixel with
// expectedBgra(); the bytes around each row must keep the sentinel.
void checkFormat(const PixelFormat &format, int width, int height, int offset)
{
    QRandomGenerator random(uint32_t(width * 131 + offset));
    const int bytesPerPixel = format.bitsPerPixel / 8;
    for (const PixelKernels &kernels : availablePixelKernels()) {
        std::string reason;
        const auto converter = PixelConverter::create(format, kernels, &reason);
        QVERIFY2(converter, reason.c_str());
        Images images(width, height, bytesPerPixel, offset, random);
        converter->convert(images.source(), images.srcStride, width, height, images.destination(),
                           images.dstStride);
        for (int y = 0; y < height; ++y) {
            const uint8_t *srcRow = images.source() + y * images.srcStride;
            const uint8_t *dstRow = images.destination() + y * images.dstStride;
            for (int x = 0; x < width; ++x) {
                const uint32_t pixel = readPixel(srcRow + x * bytesPerPixel, bytesPerPixel);
                const uint32_t got = pixel::load32(dstRow + 4 * x);
                if (got != expectedBgra(format, pixel))
                    QFAIL(qPrintable(QStringLiteral("%1 (%2) at %3,%4 width %5: pixel %6 gave %7, "
                                                    "expected %8")
                                         .arg(QString::fromStdString(converter->name()))
                                         .arg(QString(simdLevelName(kernels.level).data()))
                                         .arg(x)
                                         .arg(y)
                                         .arg(width)
                                         .arg(pixel, 0, 16)
                                         .arg(got, 0, 16)
                                         .arg(expectedBgra(format, pixel), 0, 16)));
            }
            for (int x = 4 * width; x < images.dstStride; ++x)
                QCOMPARE(dstRow[x], kSentinel);
        }
        for (int x = 0; x < offset; ++x)
            QCOMPARE(images.dst[std::size_t(x)], kSentinel);
    }
}

// Every value a 16-bit pixel can have, in one row.
std::vector<uint8_t> all16BitPixels()
{
    std::vector<uint8_t> bytes(65536 * 2);
    for (uint32_t v = 0; v < 65536; ++v)
        std::memcpy(bytes.data() + 2 * v, &v, 2);
    return bytes;
}

} // namespace

class TestPixelFormat : public QObject {
    Q_OBJECT

private slots:
    void convertsEveryFormat_data();
    void convertsEveryFormat();
    void everySixteenBitPixel_data();
    void everySixteenBitPixel();
    void kernelsMatchScalar();
    void pathsAndIdentity_data();
    void pathsAndIdentity();
    void refusals_data();
    void refusals();
    void batonSimdCapsTheLevel();
};

void TestPixelFormat::convertsEveryFormat_data()
{
    QTest::addColumn<PixelFormat>("format");
    QRandomGenerator random(16);
    QTest::newRow("bgrx32") << PixelFormat::bgrx32();
    QTest::newRow("bgra32 premultiplied") << PixelFormat::bgra32();
    QTest::newRow("rgb565") << PixelFormat::rgb565();
    QTest::newRow("rgb555") << PixelFormat::rgb555();
    QTest::newRow("rgb30") << PixelFormat::rgb30();
    QTest::newRow("bgr30") << PixelFormat::bgr30();
    QTest::newRow("rgbx32") << trueColor(32, 24, 0xffu, 0xff00u, 0xff0000u);
    QTest::newRow("abgr32 premultiplied") << trueColor(32, 32, 0xffu, 0xff00u, 0xff0000u, true);
    QTest::newRow("rgba32 alpha at the bottom")
        << trueColor(32, 32, 0xff000000u, 0xff0000u, 0xff00u, true);
    QTest::newRow("rgb444 in 16 bits") << trueColor(16, 12, 0xf00u, 0xf0u, 0xfu);
    QTest::newRow("rgb332 in 8 bits") << trueColor(8, 8, 0x7u, 0x38u, 0xc0u);
    QTest::newRow("rgb16-16-0 wide channels") << trueColor(32, 32, 0xffff0000u, 0xff00u, 0xffu);
    QTest::newRow("directcolor565 inverted")
        << directColor(PixelFormat::rgb565(), inverted, gamma, inverted);
    QTest::newRow("directcolor555 gamma")
        << directColor(PixelFormat::rgb555(), gamma, inverted, gamma);
    QTest::newRow("directcolor24 inverted")
        << directColor(PixelFormat::bgrx32(), inverted, inverted, gamma);
    QTest::newRow("directcolor24 linear")
        << directColor(PixelFormat::bgrx32(), linear, linear, linear);
    QTest::newRow("directcolor30 gamma")
        << directColor(PixelFormat::rgb30(), gamma, inverted, gamma);
    QTest::newRow("directcolor30 reversed")
        << directColor(PixelFormat::bgr30(), inverted, gamma, linear);
    QTest::newRow("directcolor332 in 8 bits")
        << directColor(trueColor(8, 8, 0x7u, 0x38u, 0xc0u), inverted, gamma, linear);
    QTest::newRow("pseudocolor 256") << indexed(8, 256, random);
    QTest::newRow("pseudocolor short palette") << indexed(8, 100, random);
    QTest::newRow("staticgray depth 4") << indexed(4, 16, random);
}

void TestPixelFormat::convertsEveryFormat()
{
    QFETCH(PixelFormat, format);
    for (const int width : {1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 67}) {
        for (const int offset : {0, 1, 3}) {
            checkFormat(format, width, 3, offset);
            if (QTest::currentTestFailed())
                return;
        }
    }
}

void TestPixelFormat::everySixteenBitPixel_data()
{
    QTest::addColumn<PixelFormat>("format");
    QTest::newRow("rgb565") << PixelFormat::rgb565();
    QTest::newRow("rgb555") << PixelFormat::rgb555();
}

// 16-bit formats are small enough to check every value with every kernel set, against
// the X server's definition.
void TestPixelFormat::everySixteenBitPixel()
{
    QFETCH(PixelFormat, format);
    const std::vector<uint8_t> src = all16BitPixels();
    std::vector<uint8_t> dst(65536 * 4);
    for (const PixelKernels &kernels : availablePixelKernels()) {
        const auto converter = PixelConverter::create(format, kernels, nullptr);
        QVERIFY(converter);
        QCOMPARE(converter->simdLevel(), kernels.level);
        converter->convert(src.data(), 0, 65536, 1, dst.data(), 0);
        for (uint32_t v = 0; v < 65536; ++v) {
            if (pixel::load32(dst.data() + 4 * v) != expectedBgra(format, v))
                QFAIL(qPrintable(QStringLiteral("%1: pixel %2 gave %3, expected %4")
                                     .arg(QString::fromStdString(converter->name()))
                                     .arg(v, 0, 16)
                                     .arg(pixel::load32(dst.data() + 4 * v), 0, 16)
                                     .arg(expectedBgra(format, v), 0, 16)));
        }
    }
}

// Each SIMD kernel against the scalar one on random rows of every width up to a few
// vectors, from unaligned sources into unaligned destinations.
void TestPixelFormat::kernelsMatchScalar()
{
    const PixelKernels &scalar = availablePixelKernels().front();
    QCOMPARE(scalar.level, SimdLevel::Scalar);
    const std::pair<pixel::ConvertRowFn PixelKernels::*, int> kernels[] = {
        {&PixelKernels::rgb565, 2},
        {&PixelKernels::rgb555, 2},
        {&PixelKernels::rgb30, 4},
        {&PixelKernels::bgr30, 4},
    };
    QRandomGenerator random(565);
    std::vector<uint8_t> src(100 * 4 + 8);
    std::vector<uint8_t> expected(100 * 4 + 8);
    std::vector<uint8_t> got(100 * 4 + 8);
    int compared = 0;
    for (const PixelKernels &candidate : availablePixelKernels().subspan(1)) {
        for (const auto &[kernel, bytesPerPixel] : kernels) {
            for (int width = 0; width <= 100; ++width) {
                for (const int offset : {0, 1, 2}) {
                    for (uint8_t &byte : src)
                        byte = static_cast<uint8_t>(random.generate());
                    std::fill(expected.begin(), expected.end(), kSentinel);
                    std::fill(got.begin(), got.end(), kSentinel);
                    (scalar.*kernel)(src.data() + offset, expected.data() + offset, width);
                    (candidate.*kernel)(src.data() + offset, got.data() + offset, width);
                    if (got != expected)
                        QFAIL(qPrintable(QStringLiteral("%1 differs from scalar at width %2, "
                                                        "offset %3, %4 bytes per pixel")
                                             .arg(QString(simdLevelName(candidate.level).data()))
                                             .arg(width)
                                             .arg(offset)
                                             .arg(bytesPerPixel)));
                    ++compared;
                }
            }
        }
    }
    qInfo("%d rows compared with %zu SIMD kernel sets", compared,
          availablePixelKernels().size() - 1);
}

void TestPixelFormat::pathsAndIdentity_data()
{
    QTest::addColumn<PixelFormat>("format");
    QTest::addColumn<QString>("path"); // the name without the SIMD level
    QTest::addColumn<bool>("identity");
    QRandomGenerator random(8);
    QTest::newRow("bgrx32") << PixelFormat::bgrx32() << "bgrx" << true;
    QTest::newRow("bgra32") << PixelFormat::bgra32() << "bgra" << true;
    QTest::newRow("directcolor24 linear")
        << directColor(PixelFormat::bgrx32(), linear, linear, linear) << "bgrx" << true;
    QTest::newRow("directcolor24 inverted")
        << directColor(PixelFormat::bgrx32(), inverted, linear, linear) << "channels32" << false;
    QTest::newRow("rgbx32") << trueColor(32, 24, 0xffu, 0xff00u, 0xff0000u) << "channels32"
                            << false;
    QTest::newRow("rgb565") << PixelFormat::rgb565() << "rgb565" << false;
    QTest::newRow("rgb555") << PixelFormat::rgb555() << "rgb555" << false;
    QTest::newRow("rgb30") << PixelFormat::rgb30() << "rgb30" << false;
    QTest::newRow("bgr30") << PixelFormat::bgr30() << "bgr30" << false;
    QTest::newRow("directcolor30 linear ramp (X's widening)")
        << directColorAsTrueColor(PixelFormat::rgb30()) << "rgb30" << false;
    QTest::newRow("directcolor565 linear ramp (X's widening)")
        << directColorAsTrueColor(PixelFormat::rgb565()) << "rgb565" << false;
    QTest::newRow("directcolor565 inverted")
        << directColor(PixelFormat::rgb565(), inverted, inverted, inverted) << "channels16"
        << false;
    QTest::newRow("rgb332") << trueColor(8, 8, 0x7u, 0x38u, 0xc0u) << "palette8" << false;
    QTest::newRow("pseudocolor") << indexed(8, 256, random) << "palette8" << false;
}

void TestPixelFormat::pathsAndIdentity()
{
    QFETCH(PixelFormat, format);
    QFETCH(QString, path);
    QFETCH(bool, identity);
    std::string reason;
    const auto converter = PixelConverter::create(format, &reason);
    QVERIFY2(converter, reason.c_str());
    QCOMPARE(QString::fromStdString(converter->name()).section(QLatin1Char('/'), 0, 0), path);
    QCOMPARE(converter->isIdentity(), identity);
}

void TestPixelFormat::refusals_data()
{
    QTest::addColumn<PixelFormat>("format");
    QTest::addColumn<QString>("reason"); // a part of the reason given
    PixelFormat msb = PixelFormat::rgb565();
    msb.msbFirst = true;
    QTest::newRow("MSB first") << msb << "MSB-first";
    QTest::newRow("24 bits per pixel")
        << trueColor(24, 24, 0xff0000u, 0xff00u, 0xffu) << "24 bits per pixel";
    QTest::newRow("depth above bpp") << trueColor(16, 24, 0xf800u, 0x7e0u, 0x1fu) << "depth 24";
    QTest::newRow("mask with a hole")
        << trueColor(32, 24, 0xff0000u, 0xf0f0u, 0xffu) << "green mask 0xf0f0";
    QTest::newRow("empty mask") << trueColor(32, 24, 0xff0000u, 0xff00u, 0) << "blue mask 0x0";
    QTest::newRow("overlapping masks") << trueColor(32, 24, 0xff0000u, 0xfff0u, 0xffu) << "overlap";
    QTest::newRow("mask outside depth")
        << trueColor(32, 24, 0xff000000u, 0xff00u, 0xffu) << "outside depth 24";
    QTest::newRow("channel over 16 bits")
        << trueColor(32, 32, 0xfffff000u, 0xf00u, 0xffu) << "wider than 16";
    QTest::newRow("alpha of 2 bits")
        << trueColor(32, 32, 0x3ff00000u, 0xffc00u, 0x3ffu, true) << "alpha";
    QTest::newRow("alpha without spare bits")
        << trueColor(32, 24, 0xff0000u, 0xff00u, 0xffu, true) << "alpha";
    PixelFormat shortRamp = directColor(PixelFormat::rgb565(), linear, linear, linear);
    shortRamp.greenRamp.resize(32);
    QTest::newRow("DirectColor ramp too short") << shortRamp << "green ramp has 32 entries";
    PixelFormat indexed16;
    indexed16.kind = PixelFormat::Kind::Indexed;
    indexed16.bitsPerPixel = 16;
    indexed16.depth = 16;
    indexed16.palette.assign(256, 0);
    QTest::newRow("indexed at 16 bpp") << indexed16 << "8 bits per pixel";
    PixelFormat noPalette;
    noPalette.kind = PixelFormat::Kind::Indexed;
    noPalette.bitsPerPixel = 8;
    noPalette.depth = 8;
    QTest::newRow("indexed without palette") << noPalette << "palette";
}

void TestPixelFormat::refusals()
{
    QFETCH(PixelFormat, format);
    QFETCH(QString, reason);
    std::string why;
    QVERIFY(!PixelConverter::create(format, &why));
    QVERIFY2(QString::fromStdString(why).contains(reason), why.c_str());
}

void TestPixelFormat::batonSimdCapsTheLevel()
{
    const PixelKernels &fastest = availablePixelKernels().back();
    QCOMPARE(choosePixelKernels(nullptr).kernels.level, fastest.level);
    QCOMPARE(choosePixelKernels("").kernels.level, fastest.level);
    const PixelKernelsChoice scalar = choosePixelKernels("scalar");
    QCOMPARE(scalar.kernels.level, SimdLevel::Scalar);
    QVERIFY(scalar.warning.empty());
    const PixelKernelsChoice bogus = choosePixelKernels("mmx");
    QCOMPARE(bogus.kernels.level, fastest.level);
    QVERIFY(bogus.warning.find("BATON_SIMD=mmx") != std::string::npos);
    // There are no AVX-512 pixel kernels: a CPU with AVX-512 gets the AVX2 ones, silently;
    // one without gets the fastest and a warning.
    const PixelKernelsChoice avx512 = choosePixelKernels("avx512");
    QCOMPARE(avx512.kernels.level, fastest.level);
    QCOMPARE(avx512.warning.empty(), isSimdLevelAvailable(SimdLevel::Avx512));
    if (isSimdLevelAvailable(SimdLevel::Sse2)) {
        const PixelKernelsChoice sse2 = choosePixelKernels("sse2");
        QCOMPARE(sse2.kernels.level, SimdLevel::Sse2);
        QVERIFY(sse2.warning.empty());
    }
}

QTEST_GUILESS_MAIN(TestPixelFormat)
#include "tst_pixelformat.moc"
