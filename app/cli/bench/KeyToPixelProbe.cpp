#include "KeyToPixelProbe.h"

#include "core/capture/x11/XcbConnection.h"
#include "core/common/MonotonicClock.h"

#include <xcb/xtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace baton::cli {
namespace {

using namespace std::chrono_literals;

constexpr uint32_t kReturnKeysym = 0xff0d;
constexpr uint32_t kFirstLetterKeysym = 0x61; // 'a'
// Changed pixels this close to each other belong to one change (a glyph's strokes).
constexpr int kReach = 2;
// A typed key changes one or two cells of a terminal: more is not a key's echo.
constexpr int kMaxCellHeightPx = 64;
constexpr int kMinCellPx = 3;
// After a key's cell changed: the rest of its picture comes, so that one key's echo is
// never taken for the next one's.
constexpr auto kSettle = 120ms;
// A key whose cell has not changed by then is lost, not a huge delay.
constexpr auto kKeyTimeout = 2s;
// The untimed keys (the Return and the first letter): how long their echo may take, how
// often the window is looked at meanwhile, and how long it stays as it is once it came.
constexpr auto kFirstKeyTimeout = 5s;
constexpr auto kFirstKeyPoll = 10ms;
constexpr auto kStill = 300ms;
// Between two looks at the cell: short beside the delays measured, long enough that the
// probe leaves the two cores to the viewer, the host and the X servers it is timing.
constexpr auto kPollPause = 200us;

} // namespace

std::optional<QRect> lowestChange(const WindowPixels &before, const WindowPixels &after)
{
    if (before.width != after.width || before.height != after.height ||
        before.argb.size() != after.argb.size() ||
        after.argb.size() != std::size_t(after.width) * std::size_t(after.height))
        return std::nullopt;
    const int width = after.width;
    const int height = after.height;
    // 0: unchanged, 1: changed, 2: changed and reached from the lowest changed row.
    std::vector<uint8_t> state(after.argb.size());
    int lowestRow = -1;
    for (std::size_t i = 0; i < state.size(); ++i) {
        if (before.argb[i] != after.argb[i]) {
            state[i] = 1;
            lowestRow = int(i / std::size_t(width));
        }
    }
    if (lowestRow < 0)
        return std::nullopt;
    std::vector<std::size_t> pending;
    for (int x = 0; x < width; ++x) {
        const std::size_t i = std::size_t(lowestRow) * std::size_t(width) + std::size_t(x);
        if (state[i] == 1) {
            state[i] = 2;
            pending.push_back(i);
        }
    }
    int left = width;
    int top = height;
    int right = -1;
    int bottom = -1;
    while (!pending.empty()) {
        const std::size_t i = pending.back();
        pending.pop_back();
        const int x = int(i % std::size_t(width));
        const int y = int(i / std::size_t(width));
        left = std::min(left, x);
        right = std::max(right, x);
        top = std::min(top, y);
        bottom = std::max(bottom, y);
        for (int ny = std::max(0, y - kReach); ny <= std::min(height - 1, y + kReach); ++ny) {
            for (int nx = std::max(0, x - kReach); nx <= std::min(width - 1, x + kReach); ++nx) {
                const std::size_t n = std::size_t(ny) * std::size_t(width) + std::size_t(nx);
                if (state[n] == 1) {
                    state[n] = 2;
                    pending.push_back(n);
                }
            }
        }
    }
    return QRect(QPoint(left, top), QPoint(right, bottom));
}

std::unique_ptr<KeyToPixelProbe> KeyToPixelProbe::open(const QString &display, uint32_t window,
                                                       QString *error)
{
    auto connection = XcbConnection::open(display.toLocal8Bit(), error);
    if (!connection)
        return nullptr;
    xcb_connection_t *c = connection->get();
    XcbReply<xcb_test_get_version_reply_t> version(
        xcb_test_get_version_reply(c, xcb_test_get_version(c, 2, 2), nullptr));
    if (!version) {
        *error = QStringLiteral("%1 has no XTEST extension to press keys with").arg(display);
        return nullptr;
    }
    std::unique_ptr<KeyToPixelProbe> probe(new KeyToPixelProbe(std::move(connection), window));
    if (!probe->loadKeyboard()) {
        *error = QStringLiteral("cannot read the keyboard mapping of %1").arg(display);
        return nullptr;
    }
    return probe;
}

KeyToPixelProbe::KeyToPixelProbe(std::unique_ptr<XcbConnection> connection, uint32_t window)
    : connection_(std::move(connection)), window_(window)
{
}

KeyToPixelProbe::~KeyToPixelProbe() = default;

bool KeyToPixelProbe::loadKeyboard()
{
    xcb_connection_t *c = connection_->get();
    const xcb_setup_t *setup = xcb_get_setup(c);
    minKeycode_ = setup->min_keycode;
    const auto count = uint8_t(setup->max_keycode - setup->min_keycode + 1);
    XcbReply<xcb_get_keyboard_mapping_reply_t> mapping(xcb_get_keyboard_mapping_reply(
        c, xcb_get_keyboard_mapping(c, minKeycode_, count), nullptr));
    if (!mapping)
        return false;
    keysymsPerKeycode_ = mapping->keysyms_per_keycode;
    const xcb_keysym_t *keysyms = xcb_get_keyboard_mapping_keysyms(mapping.get());
    keysyms_.assign(keysyms, keysyms + xcb_get_keyboard_mapping_keysyms_length(mapping.get()));
    return keysymsPerKeycode_ > 0;
}

std::optional<uint8_t> KeyToPixelProbe::keycodeFor(uint32_t keysym) const
{
    // The key that gives KEYSYM unshifted: the first keysym of its row.
    for (std::size_t i = 0; i < keysyms_.size(); i += std::size_t(keysymsPerKeycode_)) {
        if (keysyms_[i] == keysym)
            return uint8_t(minKeycode_ + i / std::size_t(keysymsPerKeycode_));
    }
    return std::nullopt;
}

void KeyToPixelProbe::sendKey(uint8_t keycode, bool pressed)
{
    xcb_connection_t *c = connection_->get();
    xcb_test_fake_input(c, pressed ? XCB_KEY_PRESS : XCB_KEY_RELEASE, keycode, XCB_CURRENT_TIME,
                        XCB_NONE, 0, 0, 0);
    xcb_flush(c);
}

bool KeyToPixelProbe::typeKey(uint32_t keysym)
{
    return pressChord({keysym});
}

void KeyToPixelProbe::focus()
{
    xcb_connection_t *c = connection_->get();
    xcb_set_input_focus(c, XCB_INPUT_FOCUS_POINTER_ROOT, window_, XCB_CURRENT_TIME);
    xcb_flush(c);
}

bool KeyToPixelProbe::pressChord(const std::vector<uint32_t> &keysyms)
{
    std::vector<uint8_t> keycodes;
    for (uint32_t keysym : keysyms) {
        const auto keycode = keycodeFor(keysym);
        if (!keycode)
            return false;
        keycodes.push_back(*keycode);
    }
    for (uint8_t keycode : keycodes)
        sendKey(keycode, true);
    for (auto keycode = keycodes.rbegin(); keycode != keycodes.rend(); ++keycode)
        sendKey(*keycode, false);
    return true;
}

std::optional<WindowPixels> KeyToPixelProbe::grab(const QRect &area)
{
    xcb_connection_t *c = connection_->get();
    XcbReply<xcb_get_image_reply_t> image(xcb_get_image_reply(
        c,
        xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, window_, int16_t(area.x()), int16_t(area.y()),
                      uint16_t(area.width()), uint16_t(area.height()), ~0U),
        nullptr));
    const std::size_t pixels = std::size_t(area.width()) * std::size_t(area.height());
    // 24-bit depth at 32 bits a pixel, as the bench's Xvfbs have it.
    if (!image || std::size_t(xcb_get_image_data_length(image.get())) != pixels * 4)
        return std::nullopt;
    WindowPixels result{area.width(), area.height(), {}};
    const auto *data = reinterpret_cast<const uint32_t *>(xcb_get_image_data(image.get()));
    result.argb.resize(pixels);
    std::transform(data, data + pixels, result.argb.begin(),
                   [](uint32_t pixel) { return pixel & 0xffffffU; });
    return result;
}

std::optional<WindowPixels> KeyToPixelProbe::grabWindow()
{
    xcb_connection_t *c = connection_->get();
    XcbReply<xcb_get_geometry_reply_t> geometry(
        xcb_get_geometry_reply(c, xcb_get_geometry(c, window_), nullptr));
    if (!geometry)
        return std::nullopt;
    return grab(QRect(0, 0, geometry->width, geometry->height));
}

std::optional<WindowPixels> KeyToPixelProbe::settled(const WindowPixels &before)
{
    // The window changes, then stays as it is for kStill: a key's echo comes whole even when
    // the viewer's own figures changed first, further up.
    const qint64 sinceNs = monotonicNowNs();
    const auto elapsed = [sinceNs] { return std::chrono::nanoseconds(monotonicNowNs() - sinceNs); };
    std::optional<WindowPixels> last = before;
    std::optional<std::chrono::nanoseconds> changedAt;
    while (elapsed() < kFirstKeyTimeout && (!changedAt || elapsed() - *changedAt < kStill)) {
        std::this_thread::sleep_for(kFirstKeyPoll);
        std::optional<WindowPixels> now = grabWindow();
        if (!now)
            return std::nullopt;
        if (*now != *last)
            changedAt = elapsed();
        last = std::move(now);
    }
    return last;
}

std::optional<KeyToPixelProbe::Result> KeyToPixelProbe::measure(int keys, QString *error)
{
    // A fresh line first, so the keys that follow never wrap before the cell is known.
    std::optional<WindowPixels> before = grabWindow();
    if (!before || !typeKey(kReturnKeysym) || !(before = settled(*before))) {
        *error = QStringLiteral("the viewer's window or keyboard went away");
        return std::nullopt;
    }
    typeKey(kFirstLetterKeysym);
    std::optional<WindowPixels> after = settled(*before);
    const auto first = after ? lowestChange(*before, *after) : std::nullopt;
    if (!first || first->width() < 2 * kMinCellPx || first->height() < kMinCellPx ||
        first->height() > kMaxCellHeightPx) {
        *error = QStringLiteral("the viewer's window did not show a typed key as one glyph");
        return std::nullopt;
    }
    // The letter took the cursor's cell, and the cursor the next one: where the next
    // letter goes.
    const int cellWidth = (first->width() + 1) / 2;
    QRect cell(std::max(0, first->right() + 1 - cellWidth), first->top(), cellWidth,
               first->height());
    before = after;
    Result result;
    for (int i = 0; i < keys; ++i) {
        const auto keycode = keycodeFor(kFirstLetterKeysym + uint32_t((i + 1) % 26));
        const std::optional<WindowPixels> unchanged = grab(cell);
        if (!keycode || !unchanged) {
            *error = QStringLiteral("the viewer's window or keyboard went away");
            return std::nullopt;
        }
        const qint64 pressedNs = monotonicNowNs();
        sendKey(*keycode, true);
        bool seen = false;
        while (monotonicNowNs() - pressedNs < std::chrono::nanoseconds(kKeyTimeout).count()) {
            const std::optional<WindowPixels> now = grab(cell);
            // Stamped when the reply came: the change happened before, never after.
            const qint64 lookedNs = monotonicNowNs();
            if (now && *now != *unchanged) {
                result.delaysMs.push_back(double(lookedNs - pressedNs) / 1e6);
                seen = true;
                break;
            }
            std::this_thread::sleep_for(kPollPause);
        }
        sendKey(*keycode, false);
        result.lost += seen ? 0 : 1;
        std::this_thread::sleep_for(kSettle);
        after = grabWindow();
        // The cursor's next cell: the rightmost cell of this key's change (the next line's
        // first when the line wrapped).
        if (const auto change = before && after ? lowestChange(*before, *after) : std::nullopt;
            change && change->height() <= kMaxCellHeightPx)
            cell = QRect(std::max(0, change->right() + 1 - cellWidth), change->top(), cellWidth,
                         change->height());
        before = after;
    }
    return result;
}

} // namespace baton::cli
