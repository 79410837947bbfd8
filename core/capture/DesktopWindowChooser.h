#pragma once

#include "core/capture/WindowSource.h"

#include <QObject>
#include <QString>

#include <memory>

namespace baton {

// Lets the person choose the window to share through the desktop's own chooser, on
// desktops where no program may list or look at other programs' windows by itself
// (Wayland: the ScreenCast portal's dialog). Asynchronous: the person takes their time,
// and may refuse.
class DesktopWindowChooser : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    ~DesktopWindowChooser() override = default;

    // Asks the desktop; finished() follows exactly once, later.
    virtual void begin() = 0;
    // After finished(true): the chosen window's source, created and not started, with
    // the desktop's grant inside it (the caller owns both from here). Null afterwards.
    virtual std::unique_ptr<WindowSource> takeSource() = 0;
    // After finished(false): why, a sentence for the person ("the choice was cancelled").
    virtual QString errorString() const = 0;
    // After finished(true): what to pass next time so that sharing the same window again
    // does not ask (the portal's restore token); empty when the desktop gives none.
    virtual QString restoreToken() const = 0;

signals:
    void finished(bool chosen);
};

} // namespace baton
