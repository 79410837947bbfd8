#pragma once

#include "core/input/LocalInputMonitor.h"
#include "core/input/ShareLayout.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <set>

struct xcb_connection_t;
class QSocketNotifier;

namespace baton {

// Local input on an X11 window through XInput 2.2 raw key and button presses on the root
// window (delivered whatever grabs are active). A press from a real device counts at
// once; a press from the XTEST device counts unless the session's own injector sent it:
// ownPresses() says how many presses the injector has sent, and that many XTEST presses
// are taken as its own. The press counts when the window has the input focus (keys) or
// the pointer is over it (buttons); for an application share of several windows, any of
// them.
class X11LocalInputMonitor final : public LocalInputMonitor {
    Q_OBJECT
public:
    using PressCounter = std::function<uint64_t()>;

    // layout: the share's windows, read at each press; empty: the window alone.
    static std::unique_ptr<X11LocalInputMonitor> create(const QByteArray &display, uint32_t window,
                                                        PressCounter ownPresses,
                                                        ShareLayoutProvider layout, QString *error);
    ~X11LocalInputMonitor() override;

private:
    X11LocalInputMonitor(xcb_connection_t *connection, uint32_t root, uint32_t window,
                         uint8_t xinputOpcode, std::set<uint16_t> xtestDevices,
                         PressCounter ownPresses, ShareLayoutProvider layout);
    void readEvents();
    bool focusIsOnWindow();
    bool focusIsIn(uint32_t focus, uint32_t window);
    bool pointerIsOverWindow();

    xcb_connection_t *connection_;
    uint32_t root_;
    uint32_t window_;
    uint8_t opcode_;
    std::set<uint16_t> xtestDevices_;
    PressCounter ownPresses_;
    ShareLayoutProvider layout_;
    uint64_t ownPressesSeen_ = 0;
    QSocketNotifier *notifier_ = nullptr;
};

} // namespace baton
