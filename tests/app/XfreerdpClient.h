#pragma once

#include "codecs/frame/Frame.h"
#include "tests/core/capture/PrivateXServer.h"

#include <QProcess>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>

// A real RDP client for the tests: Debian's xfreerdp, each on an Xvfb of its own so that
// its window lies under no other one and its pixels can be read back exactly.
namespace baton::test {

// What a depth-24 window on display shows, read with xcb GetImage (its visible pixels:
// parts under another window show that window); null when it cannot be read.
Frame windowCapture(const QString &display, uint32_t window);

class XfreerdpClient {
public:
    XfreerdpClient() = default;
    ~XfreerdpClient(); // kills xfreerdp, then its X server
    XfreerdpClient(const XfreerdpClient &) = delete;
    XfreerdpClient &operator=(const XfreerdpClient &) = delete;

    // Starts a private Xvfb (1280x1024x24) and `xfreerdp /v:127.0.0.1:PORT /u:USER /p:PASSWORD
    // /sec:tls /cert:ignore /bpp:32 /log-level:WARN` plus extraArguments on it; false with
    // the reason when either did not start.
    bool start(quint16 port, const QString &password, const QStringList &extraArguments,
               QString *error);
    const QString &display() const { return server_.displayName(); }
    qint64 pid() const { return process_.processId(); }

    // The top-level window whose _NET_WM_PID is xfreerdp's, once mapped; 0 when there is
    // none (yet).
    uint32_t window() const;
    // What its window shows (xcb GetImage, depth 24); null while it has no mapped window.
    Frame capture() const;
    // Polls until the window shows exactly what expected() gives at that moment (asked
    // anew each time, so a changing reference is followed); false after timeoutMs, with
    // the last difference in *difference.
    bool waitForPicture(const std::function<Frame()> &expected, int timeoutMs, QString *difference);

    // Focuses its window and presses keys as xdotool names them ("ctrl+alt+space",
    // "Return"), or types text, through XTEST on its display: what a person at it does.
    bool pressKeys(const QString &keys);
    bool typeText(const QString &text);

    bool isRunning() const { return process_.state() != QProcess::NotRunning; }
    // Waits until it exited; its exit code, or -1 when it is still running or crashed.
    int waitForExit(int timeoutMs);
    // What it has said on stdout and stderr so far.
    QString output();

private:
    bool xdotool(const QStringList &args);

    PrivateXServer server_;
    QProcess process_;
    QString said_;
};

} // namespace baton::test
