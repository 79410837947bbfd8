#pragma once

#include "core/capture/SharedWindow.h"
#include "core/protocol/WindowListPdu.h"

#include <QString>

namespace baton {

// The shared application's windows as a viewer shows them, from the host's WindowList
// (docs/protocol.md §12): topmost first, in picture coordinates, clipped to the picture.
//
// A 1.2 host lists every window and closes the list with its ShareArea record; a 1.1
// host lists the one window, which then fills the picture (whatever size the latest
// activation gave it). Nothing in a record is trusted: rectangles are computed without
// overflow and clipped to the share area, windows outside it are dropped, and the list
// never holds more than WindowListPdu::kMaxWindows - 1 windows. Until the first list it
// holds none.
class SharedWindowList {
public:
    // Takes the host's latest list; true when windows(), title() or hidden() changed.
    bool apply(const protocol::WindowListPdu &pdu);
    // The picture's size after an activation; true when windows() changed (a 1.1 host's
    // one window follows it).
    bool setPictureSize(int32_t width, int32_t height);

    const SharedWindows &windows() const { return windows_; }
    // The main window's title and whether it is hidden (then the host sends no updates).
    const QString &title() const { return title_; }
    bool hidden() const { return hidden_; }

    // One line for logs and baton-cli: "2: 0x400001 main 0,0 640x400; 0x400007 popup
    // 120,30 180x240".
    static QString describe(const SharedWindows &windows);

private:
    void fillPicture();

    SharedWindows windows_;
    QString title_;
    bool hidden_ = false;
    // Nothing is known of the windows until the first list.
    bool listed_ = false;
    // A 1.1 host's list: the one window fills the picture.
    bool fillsPicture_ = true;
    uint64_t fillingId_ = 0;
    bool fillingFocused_ = false;
    int32_t pictureWidth_ = 0;
    int32_t pictureHeight_ = 0;
};

} // namespace baton
