#pragma once

#include "core/issd/ShareDisplay.h"

#include <QPointer>

#include <map>

class QScreen;

namespace baton {

class ViewerSession;
class ViewerWidget;

// JOIN/LEAVE for `baton --agent`: one frameless full-screen ViewerWidget per display,
// on the QScreen that shows that display, joined to the session of the invite link.
// started() follows once the host welcomed the viewer, failed() when it never did
// (refused, unreachable, wrong certificate); ended() when an open viewer closes: LEAVE,
// the host ended the session, the connection broke, a later JOIN replaced it, its
// window was closed or its screen went away. Each JOIN's op gets exactly one of started()
// or failed(); a viewer that never started ends with failed() alone.
class ScreenShareDisplay : public issd::ShareDisplay {
    Q_OBJECT
public:
    // viewerName: how this agent appears in the host's roster.
    explicit ScreenShareDisplay(QString viewerName, QObject *parent = nullptr);
    ~ScreenShareDisplay() override;

    display::BackendResult join(const display::DisplayInfo &display, const InviteLink &link, Fit fit,
                                quint64 op) override;
    display::BackendResult leave(const QString &displayId) override;
    std::optional<InviteLink> shownOn(const QString &displayId) const override;

    // The viewer window open on a display, if any (tests and the app's own UI).
    ViewerWidget *viewerOn(const QString &displayId) const;

    // The screen that shows a display: same output name (RandR outputs are QScreen names
    // on X11), else same geometry in device pixels. Null when no screen matches.
    static QScreen *screenFor(const display::DisplayInfo &display);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Shown {
        InviteLink link;
        quint64 op = 0;
        bool started = false;
        QPointer<QScreen> screen;
        QPointer<ViewerSession> session;
        QPointer<ViewerWidget> widget;
    };

    // Takes the viewer off a display: says goodbye to the host, closes the window and
    // reports ended() (or failed() while still joining) with the reason.
    void close(const QString &displayId, const QString &reason);
    void onSessionEnded(const QString &displayId, ViewerSession *session, const QString &reason);
    void onScreenRemoved(QScreen *screen);

    QString viewerName_;
    std::map<QString, Shown> shown_; // by display id
};

} // namespace baton
