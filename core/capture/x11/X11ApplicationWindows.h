#pragma once

#include "core/capture/SharedWindow.h"

#include <QByteArray>

#include <xcb/xcb.h>

#include <cstdint>
#include <map>
#include <span>
#include <vector>

namespace baton {

class XcbConnection;

// What decides whether a top-level window belongs to an application.
struct X11WindowFacts {
    // The window with the contents: the client window, inside a window manager's frame.
    xcb_window_t window = XCB_WINDOW_NONE;
    // Its ancestor among the root's children (itself, or the frame): what is stacked.
    xcb_window_t topLevel = XCB_WINDOW_NONE;
    // The window id without the client's part of it: every window one X connection
    // creates shares it, so a program's menus and dialogs do.
    uint32_t clientBase = 0;
    xcb_window_t leader = XCB_WINDOW_NONE; // WM_CLIENT_LEADER
    int64_t pid = 0; // _NET_WM_PID
    QByteArray machine; // WM_CLIENT_MACHINE: a pid means nothing without it
    xcb_window_t transientFor = XCB_WINDOW_NONE; // WM_TRANSIENT_FOR
    bool overrideRedirect = false; // a menu, list, tooltip or drag icon
};

// Whether candidate belongs to the application whose chosen window is main, given the
// windows already found to belong (members): made by the same X client, led by the
// same client leader, from the same process on the same machine, or transient for one
// of them (a dialog's dialog). Another program's window never does.
bool belongsToApplication(const X11WindowFacts &candidate, const X11WindowFacts &main,
                          std::span<const X11WindowFacts> members);

// Finds the windows of the chosen window's application that are mapped now, in
// stacking order, under a window manager (frames) or without one. The facts of each
// top-level are read once and kept until forget() or forgetAll() (a reparenting).
class X11ApplicationWindows {
public:
    struct Member {
        X11WindowFacts facts;
        SharedWindow::Kind kind = SharedWindow::Kind::Main;
    };

    X11ApplicationWindows(XcbConnection &connection, xcb_window_t main, ShareScope scope);

    // The members, bottom to top; the main window among them only while it is viewable.
    std::vector<Member> scan();
    void forget(xcb_window_t topLevel) { facts_.erase(topLevel); }
    void forgetAll() { facts_.clear(); }

private:
    X11WindowFacts readFacts(xcb_window_t topLevel, bool overrideRedirect);
    xcb_window_t clientWindow(xcb_window_t topLevel, int depth);
    xcb_window_t topLevelOf(xcb_window_t window);

    XcbConnection &connection_;
    xcb_window_t main_;
    ShareScope scope_;
    uint32_t resourceMask_;
    std::map<xcb_window_t, X11WindowFacts> facts_;
};

} // namespace baton
