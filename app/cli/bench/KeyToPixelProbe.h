#pragma once

#include <QRect>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace baton {
class XcbConnection;
} // namespace baton

namespace baton::cli {

// A window's pixels as GetImage returns them (32 bits a pixel, the padding byte cleared).
struct WindowPixels {
    int width = 0;
    int height = 0;
    std::vector<uint32_t> argb;
    bool operator==(const WindowPixels &) const = default;
};

// Where AFTER differs from BEFORE lowest in the picture: the bounding box of the changed
// pixels connected (within 2 pixels) to the lowest changed row, or nullopt when nothing
// changed. In a viewer's window a key typed into a terminal changes the glyph's cell and
// the cursor's, while the viewer's own chrome (menus, a toolbar's figures) lies above the
// picture.
std::optional<QRect> lowestChange(const WindowPixels &before, const WindowPixels &after);

// A person at an X display, in xcb: keys pressed through XTEST into the window that has the
// keyboard focus, and the window's pixels read with GetImage, as an eye would see them.
// Every call blocks on the X server: glass-to-glass timing runs it on a thread of its own,
// so that a busy event loop never stamps a change late.
class KeyToPixelProbe {
public:
    // What measure() saw: per key, from its press to its cell changing on the display.
    struct Result {
        std::vector<double> delaysMs;
        int lost = 0; // keys whose cell did not change within the timeout
    };

    // Probes WINDOW on DISPLAY; nullptr with the reason when it cannot (no XTEST, say).
    static std::unique_ptr<KeyToPixelProbe> open(const QString &display, uint32_t window,
                                                 QString *error);
    ~KeyToPixelProbe();
    KeyToPixelProbe(const KeyToPixelProbe &) = delete;
    KeyToPixelProbe &operator=(const KeyToPixelProbe &) = delete;

    // Gives the window the keyboard focus (no window manager here gives it on a click).
    void focus();
    // Presses the keys (X keysyms) in order and releases them in reverse: Alt+S, say. False
    // when the keyboard has no key for one of them.
    bool pressChord(const std::vector<uint32_t> &keysyms);
    // Types KEYS letters into the terminal the window shows, one at a time, each after the
    // last one's picture settled, and times each from its press to its cell (the
    // terminal's cursor cell) changing. A Return and one untimed letter first find the
    // cell. nullopt with the reason when the window never showed the untimed letter.
    std::optional<Result> measure(int keys, QString *error);

private:
    KeyToPixelProbe(std::unique_ptr<XcbConnection> connection, uint32_t window);
    bool loadKeyboard();
    std::optional<uint8_t> keycodeFor(uint32_t keysym) const;
    void sendKey(uint8_t keycode, bool pressed);
    bool typeKey(uint32_t keysym);
    std::optional<WindowPixels> grab(const QRect &area);
    std::optional<WindowPixels> grabWindow();
    // The window once it changed from BEFORE and then stayed as it is a while (an untimed
    // key's whole echo), or as it is after a timeout when nothing changed.
    std::optional<WindowPixels> settled(const WindowPixels &before);

    std::unique_ptr<XcbConnection> connection_;
    uint32_t window_;
    uint8_t minKeycode_ = 0;
    int keysymsPerKeycode_ = 0;
    std::vector<uint32_t> keysyms_;
};

} // namespace baton::cli
