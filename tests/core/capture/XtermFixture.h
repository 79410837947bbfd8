#pragma once

#include "codecs/frame/Frame.h"

#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// Test helpers around real X clients: an xterm with a unique title, an independent
// capture of a window through xwd, and xdotool for input and window management.
namespace baton {
class XcbConnection;
}

namespace baton::test {

// An X server without -noreset resets whenever its last client disconnects, and
// connections attempted during the reset fail. A test holds this connection for its
// whole run so that killing one xterm before starting the next cannot reset the server.
std::unique_ptr<XcbConnection> holdXServer();

class Xterm {
public:
    // Starts xterm with a unique title and extra arguments (e.g. "-e", "sh", "-c", …);
    // waits until its window is mapped. The window id is 0 when that failed.
    explicit Xterm(const QString &titleTag, const QStringList &extraArgs = {},
                   const QString &geometry = QStringLiteral("80x24+40+40"));
    ~Xterm();

    const QString &title() const { return title_; }
    uint64_t windowId() const { return windowId_; }
    qint64 pid() const { return process_.processId(); }
    void kill();

private:
    QString title_;
    QProcess process_;
    uint64_t windowId_ = 0;
};

// Holds xterm's Ctrl+left-click menu (its main options) open, the pointer at (x, y)
// in the xterm's window, until destroyed.
class XtermMenu {
public:
    XtermMenu(const Xterm &xterm, int x, int y);
    ~XtermMenu();
    XtermMenu(const XtermMenu &) = delete;
    XtermMenu &operator=(const XtermMenu &) = delete;
    bool opened() const { return opened_; }

private:
    bool opened_ = false;
};

// xterm arguments that run an interactive bash without rc files which creates readyFile
// whenever it prints its prompt. Keys typed before bash reads the terminal can be lost
// (the child's terminal set-up may flush typeahead), so a test types only once the file
// exists.
QStringList bashArguments(const QString &readyFile);

// Runs xdotool with the arguments; true on exit status 0.
bool xdotool(const QStringList &args);

// The window's contents as xwd sees them (from the screen, so covered parts show what
// covers them). Null on failure.
Frame xwdCapture(uint64_t windowId);

// What the screen shows in rect (root window coordinates), read with a plain GetImage
// on the root window.
Frame screenCapture(const Rect &rect);

// Equal when every pixel's colour matches (the unused top byte of depth-24 pixels is
// ignored).
bool sameColours(const FrameView &a, const FrameView &b, QString *firstDifference = nullptr);

} // namespace baton::test
