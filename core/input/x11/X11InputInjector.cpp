#include "core/input/x11/X11InputInjector.h"

#include "core/input/Keysyms.h"
#include "core/input/Scancodes.h"

#include <QList>

#include <xcb/xcb.h>
#include <xcb/xtest.h>

#include <algorithm>
#include <cstdlib>

namespace baton {
namespace {

constexpr uint32_t kNoSymbol = 0;
constexpr uint32_t kKeysymShiftL = 0xffe1;
constexpr uint8_t kEvdevOffset = 8;
constexpr int kWheelNotch = 120;

template <typename T> struct FreeDeleter {
    void operator()(T *p) const { std::free(p); }
};
template <typename T> using Reply = std::unique_ptr<T, FreeDeleter<T>>;

// X11 keysyms: Latin-1 characters are their own keysym; everything else uses the
// Unicode keysym range (which xkb and Xlib translate back to the character).
// XTEST button numbers: X maps the wheel to 4-7, so back/forward are 8 and 9.
std::optional<uint8_t> xButton(int button)
{
    switch (button) {
    case 1:
    case 2:
    case 3:
        return static_cast<uint8_t>(button);
    case 4:
        return 8;
    case 5:
        return 9;
    default:
        return std::nullopt;
    }
}

} // namespace

void X11InputInjector::ConnectionDeleter::operator()(xcb_connection_t *connection) const
{
    xcb_disconnect(connection);
}

std::unique_ptr<X11InputInjector> X11InputInjector::create(const QByteArray &display,
                                                           uint32_t window,
                                                           ShareLayoutProvider layout,
                                                           QString *error)
{
    int screenNumber = 0;
    xcb_connection_t *connection =
        xcb_connect(display.isEmpty() ? nullptr : display.constData(), &screenNumber);
    if (xcb_connection_has_error(connection)) {
        xcb_disconnect(connection);
        *error = QStringLiteral("cannot connect to the X display");
        return nullptr;
    }
    xcb_screen_iterator_t screens = xcb_setup_roots_iterator(xcb_get_setup(connection));
    for (int i = 0; i < screenNumber && screens.rem; ++i)
        xcb_screen_next(&screens);
    const uint32_t root = screens.data->root;

    std::unique_ptr<X11InputInjector> injector(
        new X11InputInjector(connection, root, window, std::move(layout)));
    const Reply<xcb_test_get_version_reply_t> version(
        xcb_test_get_version_reply(connection, xcb_test_get_version(connection, 2, 1), nullptr));
    if (!version) {
        *error = QStringLiteral("the X server has no XTEST extension");
        return nullptr;
    }
    if (!injector->place()) {
        *error = injector->error_;
        return nullptr;
    }
    if (!injector->loadKeyboardMapping()) {
        *error = injector->error_;
        return nullptr;
    }
    return injector;
}

X11InputInjector::X11InputInjector(xcb_connection_t *connection, uint32_t root, uint32_t window,
                                   ShareLayoutProvider layout)
    : connection_(connection), root_(root), window_(window), layout_(std::move(layout))
{
}

X11InputInjector::~X11InputInjector()
{
    releaseAll();
    // Give the spare keycodes back their original (empty) mapping.
    for (const auto &[keysym, keycode] : boundSpares_) {
        const std::vector<uint32_t> empty(keysymsPerKeycode_, kNoSymbol);
        xcb_change_keyboard_mapping(connection_.get(), 1, keycode, keysymsPerKeycode_,
                                    empty.data());
    }
    xcb_flush(connection_.get());
}

bool X11InputInjector::loadKeyboardMapping()
{
    const xcb_setup_t *setup = xcb_get_setup(connection_.get());
    minKeycode_ = setup->min_keycode;
    maxKeycode_ = setup->max_keycode;
    const Reply<xcb_get_keyboard_mapping_reply_t> mapping(xcb_get_keyboard_mapping_reply(
        connection_.get(),
        xcb_get_keyboard_mapping(connection_.get(), minKeycode_, maxKeycode_ - minKeycode_ + 1),
        nullptr));
    if (!mapping)
        return fail(QStringLiteral("cannot read the keyboard mapping"));
    keysymsPerKeycode_ = mapping->keysyms_per_keycode;
    const xcb_keysym_t *keysyms = xcb_get_keyboard_mapping_keysyms(mapping.get());
    keymap_.assign(keysyms, keysyms + xcb_get_keyboard_mapping_keysyms_length(mapping.get()));
    spareKeycodes_.clear();
    for (int keycode = minKeycode_; keycode <= maxKeycode_; ++keycode) {
        const auto begin = keymap_.begin() + (keycode - minKeycode_) * keysymsPerKeycode_;
        if (std::all_of(begin, begin + keysymsPerKeycode_,
                        [](uint32_t keysym) { return keysym == kNoSymbol; }))
            spareKeycodes_.push_back(static_cast<uint8_t>(keycode));
    }
    return true;
}

std::optional<X11InputInjector::WindowPlace> X11InputInjector::place()
{
    xcb_connection_t *c = connection_.get();
    const Reply<xcb_get_geometry_reply_t> geometry(
        xcb_get_geometry_reply(c, xcb_get_geometry(c, window_), nullptr));
    const Reply<xcb_translate_coordinates_reply_t> origin(xcb_translate_coordinates_reply(
        c, xcb_translate_coordinates(c, window_, root_, 0, 0), nullptr));
    if (!geometry || !origin) {
        fail(QStringLiteral("the shared window is gone"));
        return std::nullopt;
    }
    return WindowPlace{{origin->dst_x, origin->dst_y}, geometry->width, geometry->height};
}

uint32_t X11InputInjector::topLevelAncestor(uint32_t window)
{
    xcb_connection_t *c = connection_.get();
    while (window != XCB_WINDOW_NONE) {
        const Reply<xcb_query_tree_reply_t> tree(
            xcb_query_tree_reply(c, xcb_query_tree(c, window), nullptr));
        if (!tree || tree->parent == root_ || tree->parent == XCB_WINDOW_NONE)
            return window;
        window = tree->parent;
    }
    return window;
}

bool X11InputInjector::isTopmostAt(QPoint rootPoint, uint32_t topLevel)
{
    xcb_connection_t *c = connection_.get();
    const Reply<xcb_translate_coordinates_reply_t> hit(xcb_translate_coordinates_reply(
        c,
        xcb_translate_coordinates(c, root_, root_, static_cast<int16_t>(rootPoint.x()),
                                  static_cast<int16_t>(rootPoint.y())),
        nullptr));
    return hit && hit->child != XCB_WINDOW_NONE && hit->child == topLevel;
}

void X11InputInjector::raise(uint32_t topLevel)
{
    const uint32_t above = XCB_STACK_MODE_ABOVE;
    xcb_configure_window(connection_.get(), topLevel, XCB_CONFIG_WINDOW_STACK_MODE, &above);
}

void X11InputInjector::raiseKeepingOrder(const SharedWindow &target, const ShareLayout &layout)
{
    raise(topLevelAncestor(uint32_t(target.id)));
    // The application's windows listed above the target (its open dialog, its menu) go
    // back above it, nearest first, so they keep their order and stay on top of it.
    const auto at = std::find(layout.windows.begin(), layout.windows.end(), target);
    for (auto above = std::make_reverse_iterator(at); above != layout.windows.rend(); ++above)
        raise(topLevelAncestor(uint32_t(above->id)));
}

void X11InputInjector::focus(uint32_t window, uint32_t topLevel)
{
    xcb_connection_t *c = connection_.get();
    const Reply<xcb_get_input_focus_reply_t> focused(
        xcb_get_input_focus_reply(c, xcb_get_input_focus(c), nullptr));
    if (!focused || (focused->focus != window && topLevelAncestor(focused->focus) != topLevel))
        xcb_set_input_focus(c, XCB_INPUT_FOCUS_PARENT, window, XCB_CURRENT_TIME);
}

bool X11InputInjector::raiseAndFocus()
{
    const uint32_t topLevel = topLevelAncestor(window_);
    raise(topLevel);
    focus(window_, topLevel);
    return finish();
}

bool X11InputInjector::focusIsShared(const ShareLayout &layout)
{
    xcb_connection_t *c = connection_.get();
    const Reply<xcb_get_input_focus_reply_t> focused(
        xcb_get_input_focus_reply(c, xcb_get_input_focus(c), nullptr));
    // None and PointerRoot (0 and 1) are no window: keys would go wherever the pointer is.
    if (!focused || focused->focus <= 1 || focused->focus == root_)
        return false;
    const uint32_t topLevel = topLevelAncestor(focused->focus);
    return std::any_of(layout.windows.begin(), layout.windows.end(), [&](const SharedWindow &w) {
        return w.id == focused->focus || topLevelAncestor(uint32_t(w.id)) == topLevel;
    });
}

bool X11InputInjector::focusForKeys()
{
    if (!layout_)
        return raiseAndFocus();
    const ShareLayout layout = layout_();
    if (layout.isSingleWindow())
        return raiseAndFocus();
    if (focusIsShared(layout))
        return true;
    // Focused, not raised: raising the main window could hide the application's dialog.
    const SharedWindow *main = layout.mainWindow();
    const uint32_t window = main ? uint32_t(main->id) : window_;
    xcb_set_input_focus(connection_.get(), XCB_INPUT_FOCUS_PARENT, window, XCB_CURRENT_TIME);
    return finish();
}

std::optional<X11InputInjector::Chord> X11InputInjector::chordFor(uint32_t keysym) const
{
    if (keysymsPerKeycode_ == 0)
        return std::nullopt;
    const int levels = std::min<int>(keysymsPerKeycode_, 2);
    for (std::size_t i = 0; i < keymap_.size() / keysymsPerKeycode_; ++i) {
        for (int level = 0; level < levels; ++level) {
            if (keymap_[i * keysymsPerKeycode_ + level] == keysym)
                return Chord{static_cast<uint8_t>(minKeycode_ + i), level == 1};
        }
    }
    return std::nullopt;
}

std::optional<X11InputInjector::Chord> X11InputInjector::bindSpare(uint32_t keysym)
{
    if (const auto bound = boundSpares_.find(keysym); bound != boundSpares_.end())
        return Chord{bound->second, false};
    if (spareKeycodes_.empty())
        return std::nullopt;
    // Reuse spares round-robin once all carry a character.
    const uint8_t keycode = spareKeycodes_[nextSpare_++ % spareKeycodes_.size()];
    std::erase_if(boundSpares_, [keycode](const auto &entry) { return entry.second == keycode; });
    const std::vector<uint32_t> keysyms(keysymsPerKeycode_, keysym);
    xcb_change_keyboard_mapping(connection_.get(), 1, keycode, keysymsPerKeycode_, keysyms.data());
    boundSpares_[keysym] = keycode;
    return Chord{keycode, false};
}

bool X11InputInjector::typeKeysym(uint32_t keysym)
{
    std::optional<Chord> chord = chordFor(keysym);
    if (!chord)
        chord = bindSpare(keysym);
    if (!chord)
        return fail(QStringLiteral("no keycode is free to type keysym 0x%1").arg(keysym, 0, 16));
    std::optional<Chord> shift;
    if (chord->shift) {
        shift = chordFor(kKeysymShiftL);
        if (!shift)
            return fail(QStringLiteral("the keyboard mapping has no Shift key"));
        fakeKey(shift->keycode, true);
    }
    fakeKey(chord->keycode, true);
    fakeKey(chord->keycode, false);
    if (shift)
        fakeKey(shift->keycode, false);
    return true;
}

void X11InputInjector::fakeKey(uint8_t keycode, bool pressed)
{
    xcb_test_fake_input(connection_.get(), pressed ? XCB_KEY_PRESS : XCB_KEY_RELEASE, keycode,
                        XCB_CURRENT_TIME, XCB_WINDOW_NONE, 0, 0, 0);
    if (pressed) {
        pressedKeys_.insert(keycode);
        ++pressesSent_;
    } else {
        pressedKeys_.erase(keycode);
    }
}

void X11InputInjector::fakeButton(uint8_t button, bool pressed)
{
    xcb_test_fake_input(connection_.get(), pressed ? XCB_BUTTON_PRESS : XCB_BUTTON_RELEASE, button,
                        XCB_CURRENT_TIME, XCB_WINDOW_NONE, 0, 0, 0);
    if (pressed) {
        pressedButtons_.insert(button);
        ++pressesSent_;
    } else {
        pressedButtons_.erase(button);
    }
}

bool X11InputInjector::moveTo(QPoint rootPoint)
{
    xcb_test_fake_input(connection_.get(), XCB_MOTION_NOTIFY, 0, XCB_CURRENT_TIME, root_,
                        static_cast<int16_t>(rootPoint.x()), static_cast<int16_t>(rootPoint.y()),
                        0);
    return true;
}

bool X11InputInjector::key(const KeyInput &key)
{
    const std::optional<uint16_t> evdev = evdevFromScancode(key.scancode, key.extended);
    if (!evdev)
        return fail(QStringLiteral("unknown scancode 0x%1").arg(key.scancode, 0, 16));
    const int keycode = *evdev + kEvdevOffset;
    if (keycode < minKeycode_ || keycode > maxKeycode_)
        return fail(QStringLiteral("scancode 0x%1 has no X keycode").arg(key.scancode, 0, 16));
    if (key.pressed && !focusForKeys())
        return false;
    fakeKey(static_cast<uint8_t>(keycode), key.pressed);
    return finish();
}

bool X11InputInjector::text(const QString &text)
{
    if (!focusForKeys())
        return false;
    for (const char32_t codePoint : text.toUcs4()) {
        if (!typeKeysym(keysymForCharacter(codePoint)))
            return false;
    }
    return finish();
}

std::optional<X11InputInjector::Target> X11InputInjector::aloneTarget(QPoint position)
{
    const std::optional<WindowPlace> window = place();
    if (!window)
        return std::nullopt;
    const QPoint inside(std::clamp(position.x(), 0, window->width - 1),
                        std::clamp(position.y(), 0, window->height - 1));
    return Target{window_, window->rootOrigin + inside, SharedWindow::Kind::Main, true};
}

std::optional<X11InputInjector::Target> X11InputInjector::sharedTarget(const ShareLayout &layout,
                                                                       const PointerInput &pointer)
{
    const QPoint position = pointer.position;
    const SharedWindow *window = layout.windowAt(position);
    if (!window && !pressedButtons_.empty()) {
        // A drag past the window's edge. The press's implicit grab sends it to the window
        // that took the press wherever the pointer is; kept in that window all the same.
        window = layout.find(pressWindow_);
        if (!window)
            window = layout.mainWindow(); // that window closed: the release must still go
    }
    if (!window) {
        if (pointer.type != PointerInput::Type::Move)
            fail(QStringLiteral("(%1, %2) is outside every shared window")
                     .arg(position.x())
                     .arg(position.y()));
        return std::nullopt;
    }
    const Rect &rect = window->rect;
    const QPoint inside(std::clamp(position.x(), rect.left(), rect.right() - 1),
                        std::clamp(position.y(), rect.top(), rect.bottom() - 1));
    return Target{uint32_t(window->id), layout.toDesktop(inside), window->kind, false};
}

bool X11InputInjector::prepareClick(const Target &target, const PointerInput &pointer,
                                    const ShareLayout &layout)
{
    // The press's implicit grab takes the release wherever it is. Raising for it could
    // only do harm: the press may just have opened a menu that the layout does not list
    // yet, and the raised window would cover it.
    const std::optional<uint8_t> button = xButton(pointer.button);
    if (pointer.type == PointerInput::Type::Release && button && pressedButtons_.contains(*button))
        return true;
    if (target.alone) {
        if (!raiseAndFocus())
            return false;
        // Even raised, a window may stay covered (an always-on-top panel, a modal of
        // another program): then the click would land elsewhere, so it is refused.
        if (!isTopmostAt(target.rootPoint, topLevelAncestor(window_)))
            return fail(QStringLiteral("another window covers the shared window there"));
        return true;
    }
    const uint32_t topLevel = topLevelAncestor(target.window);
    if (target.kind != SharedWindow::Kind::Popup) {
        if (!isTopmostAt(target.rootPoint, topLevel))
            raiseKeepingOrder(*layout.find(target.window), layout);
        focus(target.window, topLevel);
        if (!finish())
            return false;
    }
    if (!isTopmostAt(target.rootPoint, topLevel))
        return fail(QStringLiteral("another program's window covers the shared window there"));
    return true;
}

bool X11InputInjector::pointer(const PointerInput &pointer)
{
    const ShareLayout layout = layout_ ? layout_() : ShareLayout{};
    const bool alone = !layout_ || layout.isSingleWindow();
    const std::optional<Target> target =
        alone ? aloneTarget(pointer.position) : sharedTarget(layout, pointer);
    if (!target) {
        // A move over the desktop between the windows leaves the pointer where it was:
        // nothing to refuse, and viewers' pointers cross those gaps all the time.
        return !alone && pointer.type == PointerInput::Type::Move;
    }
    if (pointer.type != PointerInput::Type::Move && !prepareClick(*target, pointer, layout))
        return false;
    const QPoint rootPoint = target->rootPoint;
    if (pointer.type == PointerInput::Type::Press)
        pressWindow_ = target->window;
    moveTo(rootPoint);
    switch (pointer.type) {
    case PointerInput::Type::Move:
        break;
    case PointerInput::Type::Press:
    case PointerInput::Type::Release: {
        const std::optional<uint8_t> button = xButton(pointer.button);
        if (!button)
            return fail(QStringLiteral("unknown pointer button %1").arg(pointer.button));
        fakeButton(*button, pointer.type == PointerInput::Type::Press);
        break;
    }
    case PointerInput::Type::Wheel: {
        wheelRemainderY_ += pointer.wheelDeltaY;
        wheelRemainderX_ += pointer.wheelDeltaX;
        auto clicks = [this](int &remainder, uint8_t positive, uint8_t negative) {
            while (std::abs(remainder) >= kWheelNotch) {
                const uint8_t button = remainder > 0 ? positive : negative;
                fakeButton(button, true);
                fakeButton(button, false);
                remainder -= remainder > 0 ? kWheelNotch : -kWheelNotch;
            }
        };
        clicks(wheelRemainderY_, 4, 5);
        clicks(wheelRemainderX_, 7, 6);
        break;
    }
    }
    return finish();
}

void X11InputInjector::releaseAll()
{
    for (const uint8_t button : std::set<uint8_t>(pressedButtons_))
        fakeButton(button, false);
    for (const uint8_t keycode : std::set<uint8_t>(pressedKeys_))
        fakeKey(keycode, false);
    finish();
}

bool X11InputInjector::finish()
{
    xcb_flush(connection_.get());
    // Errors of requests on windows that closed meanwhile (a popup gone before it was
    // restacked) arrive as events; nothing reads them otherwise, so they would pile up.
    while (xcb_generic_event_t *event = xcb_poll_for_event(connection_.get()))
        std::free(event);
    if (xcb_connection_has_error(connection_.get()))
        return fail(QStringLiteral("the connection to the X server broke"));
    return true;
}

bool X11InputInjector::fail(const QString &message)
{
    error_ = message;
    return false;
}

} // namespace baton
