#pragma once

#include "codecs/frame/Rect.h"

#include <QJsonObject>
#include <QPoint>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

// baton_sharedapp (tests/app/sharedapp) as a test runs it: started with a unique title,
// its click points read, the lines it says waited for, and its X windows found through
// the X server itself.
namespace baton::test {

class SharedAppProcess {
public:
    // Starts the application with the title and extra arguments and waits for "ready";
    // isReady() says whether it came. On the X server of DISPLAY or, given a Wayland
    // compositor's client environment, there: nothing outside a Wayland client can find
    // or place its windows, so windowId() stays 0, windowRect() is the size the
    // application said at (0, 0) and mappedWindows() is empty.
    SharedAppProcess(const QString &program, const QString &title,
                     const QStringList &extraArgs = {},
                     const std::optional<QProcessEnvironment> &wayland = std::nullopt);
    ~SharedAppProcess();

    bool isReady() const { return ready_; }
    const QString &title() const { return title_; }
    // The main window's X id and its place on the screen (root coordinates).
    uint64_t windowId() const { return windowId_; }
    Rect windowRect() const { return windowRect_; }
    // A click point the application printed ("file_menu", "say_hello", "combo",
    // "tooltip_button", "dialog_button"), in root coordinates.
    QPoint onScreen(const QString &name) const;
    // The same point in the main window's coordinates (where a share's picture starts
    // while nothing reaches past the window's top-left).
    QPoint inWindow(const QString &name) const;

    // Waits for a line that starts with prefix, said after the line the last wait
    // matched; false when none came in time. Every line is kept for said().
    bool waitForLine(const QString &prefix, int timeoutMs);
    // Waits for a point the application says later, a JSON line {"NAME": {"x": …,
    // "y": …}} (in the main window's coordinates); (-1, -1) when none came in time.
    QPoint waitForPoint(const QString &name, int timeoutMs);
    // Everything the application said, for failure messages.
    QString said() const { return said_.join(QLatin1Char('\n')); }

    // The application's mapped top-level windows (the X client's own, found by the
    // resource-id base X gave it), bottom to top, with their borders.
    std::vector<Rect> mappedWindows() const;

private:
    QString title_;
    QProcess process_;
    QStringList said_;
    qsizetype unmatched_ = 0; // said_[unmatched_] is the first line no wait has passed
    QJsonObject geometry_;
    bool ready_ = false;
    uint64_t windowId_ = 0;
    Rect windowRect_;
};

} // namespace baton::test
