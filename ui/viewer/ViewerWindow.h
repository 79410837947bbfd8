#pragma once

#include "ViewerRateMeter.h"
#include "core/common/InviteLink.h"
#include "core/net/CloseInfo.h"
#include "core/net/ViewerConnector.h"
#include "core/protocol/ControlPdus.h"
#include "core/viewer/ViewerSession.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QScrollArea;

namespace baton {
class ViewerWidget;
} // namespace baton

namespace baton::ui {

class FloorIndicator;
class ViewerInputForwarder;
class ViewerStatusBanner;
class ViewerToolbar;

// A top-level window showing one shared window: the picture pixel for pixel (scrolling
// when larger than the window) or fitted to the window, the host's pointer, a toolbar to
// ask for, give back and pass control, who holds it and the link's live quality. Input is
// forwarded only while this viewer holds the floor, and a coloured frame says so. What
// happens to the session (the host ends it, hides or closes the window, the connection
// drops, control is declined or taken back) is said in a message bar above the picture,
// with Reconnect where joining again can help; never in a modal dialog. A host that wants
// a passcode the link lacks (or refuses the one given) gets asked for it in that bar, and
// the window joins again with what the person types.
//
// The window owns its ViewerSession; Reconnect replaces it with a new one for the same
// link and options, keeping the window's own choices (fit to window).
class ViewerWindow : public QMainWindow {
    Q_OBJECT
public:
    ViewerWindow(InviteLink link, net::ViewerOptions options, QWidget *parent = nullptr);
    ~ViewerWindow() override;

    // Joins the link's session; each start() after the first is a reconnection.
    void start();
    const InviteLink &link() const { return link_; }
    ViewerSession *session() const { return session_; }
    bool hasEnded() const { return ended_; }

    void requestControl();
    void releaseControl();
    void passControlTo(uint16_t userId);
    // Joins again with a new session (the host restarted, the connection dropped).
    void reconnect();
    // Joins again with this passcode, which the link keeps from now on.
    void joinWithPasscode(const QString &passcode);
    void setFitToWindow(bool fit);
    bool fitsToWindow() const;
    // Puts the shared window's picture, as it is now and without the pointer, on the
    // clipboard (Edit ▸ Copy picture, Ctrl+Shift+C while not in control).
    void copyPicture();
    QAction *copyPictureAction() const { return copyPicture_; }

    ViewerWidget *canvas() const { return canvas_; }
    QScrollArea *scrollArea() const { return scroll_; }
    ViewerToolbar *toolbar() const { return toolbar_; }
    ViewerStatusBanner *banner() const { return banner_; }
    FloorIndicator *floorIndicator() const { return indicator_; }

signals:
    // Each time the host welcomed this window's session (again, after a reconnection).
    void joined();
    void ended(const baton::net::CloseInfo &info);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void onJoined();
    void onResized();
    void onEnded(const net::CloseInfo &info);
    void askForPasscode();
    void onWindowStateChanged();
    void onFloorDecision(protocol::FloorDecision decision, protocol::FloorDecisionReason reason);
    void onFloorRevoked(protocol::FloorRevokeReason reason);
    void onControlOffered();
    void updateControls();
    void updateTitle();
    void sampleStats();
    // The session this window no longer shows: it says goodbye and goes once it ended.
    void retire(ViewerSession *session);
    QString nameOf(uint16_t userId) const;
    QString hiddenMessage() const;
    QString waitingMessage() const;
    QString offeredMessage() const;

    InviteLink link_;
    net::ViewerOptions options_;
    QPointer<ViewerSession> session_;
    ViewerWidget *canvas_;
    QScrollArea *scroll_;
    FloorIndicator *indicator_;
    ViewerStatusBanner *banner_;
    ViewerToolbar *toolbar_;
    ViewerInputForwarder *forwarder_;
    QAction *accept_;
    QAction *decline_;
    QAction *copyPicture_ = nullptr;
    QTimer statsTimer_;
    QTimer busyRetry_; // a host busy with connections is tried again by itself
    int busyRetries_ = 0; // since the last join
    QElapsedTimer clock_;
    ViewerRateMeter meter_;
    bool ended_ = false;
    bool requestPending_ = false;
    bool sized_ = false;
};

} // namespace baton::ui
