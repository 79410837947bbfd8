#include "core/capture/x11/X11PixelFormat.h"

#include "core/capture/x11/XcbConnection.h"

#include <algorithm>
#include <bit>
#include <vector>

namespace baton {
namespace {

struct ScreenVisual {
    const xcb_visualtype_t *visual = nullptr;
    uint8_t depth = 0;
};

std::optional<ScreenVisual> findVisual(const xcb_setup_t *setup, xcb_visualid_t id)
{
    for (auto roots = xcb_setup_roots_iterator(setup); roots.rem; xcb_screen_next(&roots)) {
        for (auto depths = xcb_screen_allowed_depths_iterator(roots.data); depths.rem;
             xcb_depth_next(&depths)) {
            for (auto visuals = xcb_depth_visuals_iterator(depths.data); visuals.rem;
                 xcb_visualtype_next(&visuals)) {
                if (visuals.data->visual_id == id)
                    return ScreenVisual{visuals.data, depths.data->depth};
            }
        }
    }
    return std::nullopt;
}

std::optional<int> bitsPerPixel(const xcb_setup_t *setup, uint8_t depth)
{
    for (auto formats = xcb_setup_pixmap_formats_iterator(setup); formats.rem;
         xcb_format_next(&formats)) {
        if (formats.data->depth == depth)
            return formats.data->bits_per_pixel;
    }
    return std::nullopt;
}

// The colours of pixels in colormap, 16 bits per channel.
std::optional<std::vector<xcb_rgb_t>> queryColors(xcb_connection_t *c, xcb_colormap_t colormap,
                                                  const std::vector<uint32_t> &pixels,
                                                  QString *error)
{
    xcb_generic_error_t *failure = nullptr;
    XcbReply<xcb_query_colors_reply_t> reply(xcb_query_colors_reply(
        c, xcb_query_colors(c, colormap, uint32_t(pixels.size()), pixels.data()), &failure));
    XcbReply<xcb_generic_error_t> failed(failure);
    if (!reply || xcb_query_colors_colors_length(reply.get()) != int(pixels.size())) {
        if (error)
            *error = QStringLiteral("cannot read colormap 0x%1 (X error %2)")
                         .arg(colormap, 0, 16)
                         .arg(failed ? failed->error_code : 0);
        return std::nullopt;
    }
    const xcb_rgb_t *colors = xcb_query_colors_colors(reply.get());
    return std::vector<xcb_rgb_t>(colors, colors + pixels.size());
}

uint8_t top8(uint16_t channel)
{
    return static_cast<uint8_t>(channel >> 8);
}

uint32_t channelMax(uint32_t mask)
{
    return mask == 0 ? 0 : mask >> std::countr_zero(mask);
}

// DirectColor: pixel i << shift of each channel gives that channel's entry i (the
// channels of one query pixel index their ramps independently), so one query of the
// widest channel's size reads all three ramps.
bool readRamps(xcb_connection_t *c, xcb_colormap_t colormap, PixelFormat &format, QString *error)
{
    const uint32_t masks[3] = {format.redMask, format.greenMask, format.blueMask};
    uint32_t entries = 0;
    for (const uint32_t mask : masks)
        entries = std::max(entries, channelMax(mask) + 1);
    std::vector<uint32_t> pixels(entries);
    for (uint32_t i = 0; i < entries; ++i) {
        for (const uint32_t mask : masks) {
            if (mask != 0)
                pixels[i] |= std::min(i, channelMax(mask)) << std::countr_zero(mask);
        }
    }
    const auto colors = queryColors(c, colormap, pixels, error);
    if (!colors)
        return false;
    format.redRamp.resize(channelMax(format.redMask) + 1);
    format.greenRamp.resize(channelMax(format.greenMask) + 1);
    format.blueRamp.resize(channelMax(format.blueMask) + 1);
    for (std::size_t i = 0; i < format.redRamp.size(); ++i)
        format.redRamp[i] = top8((*colors)[i].red);
    for (std::size_t i = 0; i < format.greenRamp.size(); ++i)
        format.greenRamp[i] = top8((*colors)[i].green);
    for (std::size_t i = 0; i < format.blueRamp.size(); ++i)
        format.blueRamp[i] = top8((*colors)[i].blue);
    return true;
}

bool readPalette(xcb_connection_t *c, xcb_colormap_t colormap, const ScreenVisual &visual,
                 PixelFormat &format, QString *error)
{
    // Only the pixel values the depth can hold and the colormap has entries for.
    const uint32_t entries = std::min<uint32_t>(
        {visual.depth >= 8 ? 256u : 1u << visual.depth, visual.visual->colormap_entries, 256u});
    std::vector<uint32_t> pixels(entries);
    for (uint32_t i = 0; i < entries; ++i)
        pixels[i] = i;
    const auto colors = queryColors(c, colormap, pixels, error);
    if (!colors)
        return false;
    format.palette.clear();
    for (const xcb_rgb_t &rgb : *colors)
        format.palette.push_back(0xff000000u | uint32_t(top8(rgb.red)) << 16 |
                                 uint32_t(top8(rgb.green)) << 8 | top8(rgb.blue));
    return true;
}

} // namespace

std::optional<X11PixelFormat> x11PixelFormat(XcbConnection &connection, xcb_window_t window,
                                             QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<X11PixelFormat> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    xcb_connection_t *c = connection.get();
    XcbReply<xcb_get_window_attributes_reply_t> attributes(
        xcb_get_window_attributes_reply(c, xcb_get_window_attributes(c, window), nullptr));
    if (!attributes)
        return fail(QStringLiteral("no such window"));
    const xcb_setup_t *setup = xcb_get_setup(c);
    const auto visual = findVisual(setup, attributes->visual);
    if (!visual)
        return fail(
            QStringLiteral("window visual 0x%1 is on no screen").arg(attributes->visual, 0, 16));
    const auto bpp = bitsPerPixel(setup, visual->depth);
    if (!bpp)
        return fail(QStringLiteral("depth %1 has no pixmap format").arg(visual->depth));

    X11PixelFormat result;
    result.visual = attributes->visual;
    result.visualClass = visual->visual->_class;
    result.depth = visual->depth;
    PixelFormat &format = result.format;
    format.bitsPerPixel = *bpp;
    format.depth = visual->depth;
    format.redMask = visual->visual->red_mask;
    format.greenMask = visual->visual->green_mask;
    format.blueMask = visual->visual->blue_mask;
    format.msbFirst = setup->image_byte_order == XCB_IMAGE_ORDER_MSB_FIRST;
    // An ARGB visual: depth 32 with colour masks that leave bits over (Xorg's convention
    // for translucent windows, which composite managers blend as premultiplied).
    format.premultipliedAlpha =
        visual->depth == 32 && (format.redMask | format.greenMask | format.blueMask) != 0xffffffffu;

    switch (visual->visual->_class) {
    case XCB_VISUAL_CLASS_TRUE_COLOR:
        format.kind = PixelFormat::Kind::TrueColor;
        return result;
    case XCB_VISUAL_CLASS_DIRECT_COLOR:
        if (attributes->colormap == XCB_COLORMAP_NONE) {
            format.kind = PixelFormat::Kind::TrueColor;
            return result;
        }
        format.kind = PixelFormat::Kind::DirectColor;
        result.colormap = attributes->colormap;
        if (!readRamps(c, attributes->colormap, format, error))
            return std::nullopt;
        return result;
    default: // PseudoColor, StaticColor, GrayScale, StaticGray
        if (attributes->colormap == XCB_COLORMAP_NONE)
            return fail(QStringLiteral("indexed-colour window without a colormap"));
        format.kind = PixelFormat::Kind::Indexed;
        result.colormap = attributes->colormap;
        if (!readPalette(c, attributes->colormap, *visual, format, error))
            return std::nullopt;
        return result;
    }
}

} // namespace baton
