#include "PrivateXServer.h"
#include "codecs/frame/PixelFormat.h"
#include "core/capture/x11/X11PixelFormat.h"
#include "core/capture/x11/XcbConnection.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <vector>

using namespace baton;
using baton::test::PrivateXServer;

namespace {

constexpr uint16_t kWindowWidthPx = 256;

uint32_t channelMax(uint32_t mask)
{
    return mask >> std::countr_zero(mask);
}

// The non-identity colours a test stores in a DirectColor colormap, on 16 bits: red
// inverted, green a gamma curve, blue rotated by a third.
uint16_t rampValue(int channel, uint32_t value, uint32_t max)
{
    const double x = double(value) / max;
    switch (channel) {
    case 0:
        return static_cast<uint16_t>(std::lround((1 - x) * 65535));
    case 1:
        return static_cast<uint16_t>(std::lround(std::pow(x, 2.2) * 65535));
    default:
        return static_cast<uint16_t>(double((value + max / 3) % (max + 1)) / max * 65535);
    }
}

// A PseudoColor test palette: index i has a colour of its own, on 8 bits per channel
// (stored as byte * 257, which X keeps exactly).
uint32_t paletteColour(uint32_t index)
{
    return (index * 0x9e3779b1u >> 8) & 0xffffffu;
}

const xcb_visualtype_t *findVisual(const xcb_screen_t &screen, uint8_t depth, uint8_t visualClass,
                                   uint32_t redMask)
{
    for (auto depths = xcb_screen_allowed_depths_iterator(&screen); depths.rem;
         xcb_depth_next(&depths)) {
        if (depths.data->depth != depth)
            continue;
        for (auto visuals = xcb_depth_visuals_iterator(depths.data); visuals.rem;
             xcb_visualtype_next(&visuals)) {
            if (visuals.data->_class == visualClass &&
                (visualClass == XCB_VISUAL_CLASS_PSEUDO_COLOR || visuals.data->red_mask == redMask))
                return visuals.data;
        }
    }
    return nullptr;
}

// The pixel values a window shows: every value where there are at most 2^16, else a
// sweep of each channel through all its values plus random pixels (alpha included).
std::vector<uint32_t> testPixels(const xcb_visualtype_t &visual, int depth)
{
    const uint32_t depthMask = depth == 32 ? ~0u : (1u << depth) - 1;
    std::vector<uint32_t> pixels;
    if (depth <= 16) {
        for (uint32_t v = 0; v <= depthMask; ++v)
            pixels.push_back(v);
        return pixels;
    }
    const uint32_t r = visual.red_mask, g = visual.green_mask, b = visual.blue_mask;
    const uint32_t widest = std::max({channelMax(r), channelMax(g), channelMax(b)});
    for (uint32_t i = 0; i <= widest; ++i)
        pixels.push_back((i & channelMax(r)) << std::countr_zero(r) |
                         (i * 37 & channelMax(g)) << std::countr_zero(g) |
                         (channelMax(b) - (i & channelMax(b))) << std::countr_zero(b));
    QRandomGenerator random{uint32_t(depth)};
    while (pixels.size() % kWindowWidthPx != 0 || pixels.size() < 16u * kWindowWidthPx)
        pixels.push_back(random.generate() & depthMask);
    return pixels;
}

int bytesPerPixel(const xcb_setup_t *setup, uint8_t depth)
{
    for (auto formats = xcb_setup_pixmap_formats_iterator(setup); formats.rem;
         xcb_format_next(&formats)) {
        if (formats.data->depth == depth)
            return formats.data->bits_per_pixel / 8;
    }
    return 0;
}

void sync(xcb_connection_t *c)
{
    XcbReply<xcb_get_input_focus_reply_t>(
        xcb_get_input_focus_reply(c, xcb_get_input_focus(c), nullptr));
}

// A mapped window of one visual showing given pixel values, kWindowWidthPx to a row, on
// its own colormap.
class VisualWindow {
public:
    VisualWindow(XcbConnection &connection, const xcb_visualtype_t &visual, uint8_t depth)
        : connection_(connection), depth_(depth)
    {
        xcb_connection_t *c = connection.get();
        const bool dynamic = visual._class == XCB_VISUAL_CLASS_DIRECT_COLOR ||
            visual._class == XCB_VISUAL_CLASS_PSEUDO_COLOR;
        colormap_ = xcb_generate_id(c);
        xcb_create_colormap(c, dynamic ? XCB_COLORMAP_ALLOC_ALL : XCB_COLORMAP_ALLOC_NONE,
                            colormap_, connection.root(), visual.visual_id);
        window_ = xcb_generate_id(c);
        const uint32_t values[] = {0, colormap_}; // border pixel, colormap
        xcb_create_window(c, depth, window_, connection.root(), 0, 0, kWindowWidthPx, 1, 0,
                          XCB_WINDOW_CLASS_INPUT_OUTPUT, visual.visual_id,
                          XCB_CW_BORDER_PIXEL | XCB_CW_COLORMAP, values);
        gc_ = xcb_generate_id(c);
        xcb_create_gc(c, gc_, window_, 0, nullptr);
    }
    ~VisualWindow()
    {
        xcb_connection_t *c = connection_.get();
        xcb_free_gc(c, gc_);
        xcb_destroy_window(c, window_);
        xcb_free_colormap(c, colormap_);
        sync(c);
    }

    xcb_window_t id() const { return window_; }
    xcb_colormap_t colormap() const { return colormap_; }

    // Sizes the window to the pixels, maps it and puts them there.
    void show(const std::vector<uint32_t> &pixels, int bytesPerPixel)
    {
        xcb_connection_t *c = connection_.get();
        height_ = uint16_t((pixels.size() + kWindowWidthPx - 1) / kWindowWidthPx);
        const uint32_t height = height_;
        xcb_configure_window(c, window_, XCB_CONFIG_WINDOW_HEIGHT, &height);
        xcb_map_window(c, window_);
        std::vector<uint8_t> bytes(std::size_t(kWindowWidthPx) * height_ * bytesPerPixel);
        for (std::size_t i = 0; i < pixels.size(); ++i)
            std::memcpy(bytes.data() + i * bytesPerPixel, &pixels[i], bytesPerPixel);
        // Chunks of rows well under the core protocol's 256 KiB request limit.
        const int strideBytes = kWindowWidthPx * bytesPerPixel;
        const int rowsPerRequest = 65536 / strideBytes;
        for (int y = 0; y < height_; y += rowsPerRequest) {
            const int rows = std::min(rowsPerRequest, height_ - y);
            xcb_put_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, window_, gc_, kWindowWidthPx,
                          uint16_t(rows), 0, int16_t(y), 0, depth_, uint32_t(rows * strideBytes),
                          bytes.data() + std::size_t(y) * strideBytes);
        }
        sync(c);
    }

    // The window's ZPixmap image, as a capture reads it.
    XcbReply<xcb_get_image_reply_t> image() const
    {
        xcb_connection_t *c = connection_.get();
        return XcbReply<xcb_get_image_reply_t>(
            xcb_get_image_reply(c,
                                xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, window_, 0, 0,
                                              kWindowWidthPx, height_, ~0u),
                                nullptr));
    }
    uint16_t height() const { return height_; }

private:
    XcbConnection &connection_;
    uint8_t depth_;
    xcb_colormap_t colormap_ = 0;
    xcb_window_t window_ = 0;
    xcb_gcontext_t gc_ = 0;
    uint16_t height_ = 1;
};

void storeRamps(xcb_connection_t *c, xcb_colormap_t colormap, const xcb_visualtype_t &visual,
                uint16_t (*ramp)(int, uint32_t, uint32_t))
{
    const uint32_t masks[3] = {visual.red_mask, visual.green_mask, visual.blue_mask};
    const uint8_t flags[3] = {XCB_COLOR_FLAG_RED, XCB_COLOR_FLAG_GREEN, XCB_COLOR_FLAG_BLUE};
    for (int channel = 0; channel < 3; ++channel) {
        std::vector<xcb_coloritem_t> items;
        const uint32_t max = channelMax(masks[channel]);
        for (uint32_t v = 0; v <= max; ++v) {
            const uint16_t value = ramp(channel, v, max);
            items.push_back(
                {v << std::countr_zero(masks[channel]), value, value, value, flags[channel], 0});
        }
        xcb_store_colors(c, colormap, uint32_t(items.size()), items.data());
    }
}

void storePalette(xcb_connection_t *c, xcb_colormap_t colormap)
{
    std::vector<xcb_coloritem_t> items;
    for (uint32_t i = 0; i < 256; ++i) {
        const uint32_t rgb = paletteColour(i);
        items.push_back({i, uint16_t((rgb >> 16) * 257), uint16_t((rgb >> 8 & 0xff) * 257),
                         uint16_t((rgb & 0xff) * 257),
                         XCB_COLOR_FLAG_RED | XCB_COLOR_FLAG_GREEN | XCB_COLOR_FLAG_BLUE, 0});
    }
    xcb_store_colors(c, colormap, uint32_t(items.size()), items.data());
}

// What the server itself says pixels look like in colormap (xcb_query_colors), as BGRA.
// For TrueColor this is the independent reference: the server computes it from the
// visual, not from anything Baton does.
std::vector<uint32_t> serverColours(xcb_connection_t *c, xcb_colormap_t colormap,
                                    std::vector<uint32_t> pixels)
{
    std::vector<uint32_t> bgra;
    for (std::size_t start = 0; start < pixels.size(); start += 16384) {
        const uint32_t count = uint32_t(std::min<std::size_t>(16384, pixels.size() - start));
        XcbReply<xcb_query_colors_reply_t> reply(xcb_query_colors_reply(
            c, xcb_query_colors(c, colormap, count, pixels.data() + start), nullptr));
        if (!reply)
            return {};
        const xcb_rgb_t *rgb = xcb_query_colors_colors(reply.get());
        for (uint32_t i = 0; i < count; ++i)
            bgra.push_back(0xff000000u | uint32_t(rgb[i].red >> 8) << 16 |
                           uint32_t(rgb[i].green >> 8) << 8 | uint32_t(rgb[i].blue >> 8));
    }
    return bgra;
}

// What each pixel should become: the server's colours for TrueColor (alpha from the
// spare top byte at depth 32), the colours the test stored for the others.
std::vector<uint32_t> expectedColours(xcb_connection_t *c, const VisualWindow &window,
                                      const xcb_visualtype_t &visual, int depth,
                                      const std::vector<uint32_t> &pixels)
{
    const uint32_t rgbMask = visual.red_mask | visual.green_mask | visual.blue_mask;
    std::vector<uint32_t> expected;
    if (visual._class == XCB_VISUAL_CLASS_TRUE_COLOR) {
        std::vector<uint32_t> colours(pixels.size());
        std::transform(pixels.begin(), pixels.end(), colours.begin(),
                       [rgbMask](uint32_t p) { return p & rgbMask; });
        expected = serverColours(c, window.colormap(), colours);
        for (std::size_t i = 0; depth == 32 && i < expected.size(); ++i)
            expected[i] = (pixels[i] & ~rgbMask) | (expected[i] & 0xffffffu);
        return expected;
    }
    for (const uint32_t p : pixels) {
        if (visual._class == XCB_VISUAL_CLASS_PSEUDO_COLOR) {
            expected.push_back(0xff000000u | paletteColour(p));
            continue;
        }
        uint32_t bgra = 0xff000000u;
        const uint32_t masks[3] = {visual.red_mask, visual.green_mask, visual.blue_mask};
        for (int channel = 0; channel < 3; ++channel) {
            const uint32_t v = (p & masks[channel]) >> std::countr_zero(masks[channel]);
            bgra |= uint32_t(rampValue(channel, v, channelMax(masks[channel])) >> 8)
                << (16 - 8 * channel);
        }
        expected.push_back(bgra);
    }
    return expected;
}

} // namespace

class TestX11PixelFormat : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void convertsWhatTheServerShows_data();
    void convertsWhatTheServerShows();
    void followsColormapEdits();
    void refusesAGoneWindow();

private:
    XcbConnection *server(int depth);

    std::map<int, std::unique_ptr<PrivateXServer>> servers_;
    std::map<int, std::unique_ptr<XcbConnection>> connections_;
};

void TestX11PixelFormat::initTestCase()
{
    for (const int depth : {8, 15, 16, 24, 30}) {
        auto xserver = std::make_unique<PrivateXServer>();
        QString error;
        const QString display = xserver->start(depth, QSize(640, 480), {}, &error);
        QVERIFY2(!display.isEmpty(), qPrintable(error));
        auto connection = XcbConnection::open(display.toLocal8Bit(), &error);
        QVERIFY2(connection, qPrintable(error));
        servers_[depth] = std::move(xserver);
        connections_[depth] = std::move(connection);
    }
}

XcbConnection *TestX11PixelFormat::server(int depth)
{
    return connections_.at(depth).get();
}

void TestX11PixelFormat::convertsWhatTheServerShows_data()
{
    QTest::addColumn<int>("serverDepth");
    QTest::addColumn<int>("depth");
    QTest::addColumn<int>("visualClass");
    QTest::addColumn<uint>("redMask");
    QTest::addColumn<QString>("path"); // the converter's, without the SIMD level
    const int trueColor = XCB_VISUAL_CLASS_TRUE_COLOR;
    const int directColor = XCB_VISUAL_CLASS_DIRECT_COLOR;
    QTest::newRow("16-bit TrueColor") << 16 << 16 << trueColor << 0xf800u << "rgb565";
    QTest::newRow("16-bit DirectColor") << 16 << 16 << directColor << 0xf800u << "channels16";
    QTest::newRow("15-bit TrueColor") << 15 << 15 << trueColor << 0x7c00u << "rgb555";
    QTest::newRow("15-bit DirectColor") << 15 << 15 << directColor << 0x7c00u << "channels16";
    QTest::newRow("30-bit TrueColor") << 30 << 30 << trueColor << 0x3ff00000u << "rgb30";
    QTest::newRow("30-bit TrueColor, red low") << 30 << 30 << trueColor << 0x3ffu << "bgr30";
    QTest::newRow("30-bit DirectColor") << 30 << 30 << directColor << 0x3ff00000u << "channels32";
    QTest::newRow("30-bit DirectColor, red low")
        << 30 << 30 << directColor << 0x3ffu << "channels32";
    QTest::newRow("24-bit TrueColor") << 24 << 24 << trueColor << 0xff0000u << "bgrx";
    QTest::newRow("24-bit DirectColor") << 24 << 24 << directColor << 0xff0000u << "channels32";
    QTest::newRow("32-bit ARGB") << 24 << 32 << trueColor << 0xff0000u << "bgra";
    QTest::newRow("8-bit PseudoColor")
        << 8 << 8 << int(XCB_VISUAL_CLASS_PSEUDO_COLOR) << 0u << "palette8";
    QTest::newRow("8-bit TrueColor 332") << 8 << 8 << trueColor << 0x7u << "palette8";
}

// A window of each visual shows known pixels; the capture path (GetImage, then the
// format read from the server and its converter) must give exactly the expected colours.
void TestX11PixelFormat::convertsWhatTheServerShows()
{
    QFETCH(int, serverDepth);
    QFETCH(int, depth);
    QFETCH(int, visualClass);
    QFETCH(uint, redMask);
    QFETCH(QString, path);
    XcbConnection &connection = *server(serverDepth);
    xcb_connection_t *c = connection.get();
    const xcb_visualtype_t *visual =
        findVisual(connection.screen(), uint8_t(depth), uint8_t(visualClass), redMask);
    QVERIFY2(visual, "the server has no such visual");
    VisualWindow window(connection, *visual, uint8_t(depth));
    if (visualClass == XCB_VISUAL_CLASS_DIRECT_COLOR)
        storeRamps(c, window.colormap(), *visual, rampValue);
    if (visualClass == XCB_VISUAL_CLASS_PSEUDO_COLOR)
        storePalette(c, window.colormap());
    const std::vector<uint32_t> pixels = testPixels(*visual, depth);
    const int bytes = bytesPerPixel(xcb_get_setup(c), uint8_t(depth));
    window.show(pixels, bytes);

    QString error;
    const auto format = x11PixelFormat(connection, window.id(), &error);
    QVERIFY2(format, qPrintable(error));
    QCOMPARE(format->visual, visual->visual_id);
    QCOMPARE(format->format.bitsPerPixel, bytes * 8);
    std::string reason;
    const auto converter = PixelConverter::create(format->format, &reason);
    QVERIFY2(converter, reason.c_str());
    QCOMPARE(QString::fromStdString(converter->name()).section(QLatin1Char('/'), 0, 0), path);

    const auto image = window.image();
    QVERIFY(image);
    const int strideBytes = kWindowWidthPx * bytes;
    QCOMPARE(xcb_get_image_data_length(image.get()), strideBytes * window.height());
    std::vector<uint8_t> bgra(std::size_t(kWindowWidthPx) * window.height() * 4);
    converter->convert(xcb_get_image_data(image.get()), strideBytes, kWindowWidthPx,
                       window.height(), bgra.data(), kWindowWidthPx * 4);

    const std::vector<uint32_t> expected = expectedColours(c, window, *visual, depth, pixels);
    QCOMPARE(expected.size(), pixels.size());
    const uint32_t depthMask = depth == 32 ? ~0u : (1u << depth) - 1;
    const uint8_t *shown = xcb_get_image_data(image.get());
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        uint32_t readBack = 0;
        std::memcpy(&readBack, shown + i * bytes, bytes);
        QCOMPARE(readBack & depthMask, pixels[i]);
        uint32_t got = 0;
        std::memcpy(&got, bgra.data() + i * 4, 4);
        if (got != expected[i])
            QFAIL(qPrintable(QStringLiteral("pixel 0x%1 became 0x%2, the server shows 0x%3")
                                 .arg(pixels[i], 0, 16)
                                 .arg(got, 0, 16)
                                 .arg(expected[i], 0, 16)));
    }
}

// A DirectColor application that edits its colormap (gamma, fades) changes its colours
// without touching a pixel: the capture reads the format again on ColormapNotify. Here a
// ramp made linear turns the converter into the identity.
void TestX11PixelFormat::followsColormapEdits()
{
    XcbConnection &connection = *server(24);
    xcb_connection_t *c = connection.get();
    const xcb_visualtype_t *visual =
        findVisual(connection.screen(), 24, XCB_VISUAL_CLASS_DIRECT_COLOR, 0xff0000u);
    QVERIFY(visual);
    VisualWindow window(connection, *visual, 24);
    storeRamps(c, window.colormap(), *visual, rampValue);
    window.show(std::vector<uint32_t>(kWindowWidthPx, 0x204060u), 4);

    const auto inverted = x11PixelFormat(connection, window.id(), nullptr);
    QVERIFY(inverted);
    QCOMPARE(inverted->colormap, window.colormap());
    QCOMPARE(inverted->format.redRamp.at(0x20), uint8_t(rampValue(0, 0x20, 255) >> 8));
    QVERIFY(!PixelConverter::create(inverted->format)->isIdentity());

    storeRamps(c, window.colormap(), *visual,
               [](int, uint32_t value, uint32_t) { return uint16_t(value * 257); });
    const auto linear = x11PixelFormat(connection, window.id(), nullptr);
    QVERIFY(linear);
    QCOMPARE(linear->format.redRamp.at(0x20), uint8_t(0x20));
    QVERIFY(PixelConverter::create(linear->format)->isIdentity());
}

void TestX11PixelFormat::refusesAGoneWindow()
{
    XcbConnection &connection = *server(16);
    QString error;
    QVERIFY(!x11PixelFormat(connection, xcb_generate_id(connection.get()), &error));
    QVERIFY2(error.contains(QStringLiteral("no such window")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestX11PixelFormat)
#include "tst_x11pixelformat.moc"
