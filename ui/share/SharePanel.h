#pragma once

#include "core/common/InviteLink.h"
#include "core/net/CertificateStore.h"
#include "ui/settings/AppSettings.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <set>

class QCheckBox;
class QLabel;
class QPushButton;
class QShortcut;

namespace baton {
class DesktopWindowChooser;
class HostSession;
class InputInjector;
class LocalInputMonitor;
struct ShareRequest;
class WindowSource;
struct WindowEvent;
} // namespace baton

namespace baton::ui {

class InviteView;
class ParticipantsModel;
class ParticipantsView;
class RdpGatewayView;
class SharedWindowFrame;
class WindowPicker;

// Sharing a window: pick it (live thumbnails, search by title), start and stop the
// share, hand out the invite (native and web links, QR code, port, passcode; on request an
// rdp:// address through the RDP gateway), see who watches and how well their link carries
// the picture, and decide who drives (grant, deny, pass to, revoke, remove, the policy, Take
// back and the panic shortcut). While sharing, a coloured frame on the
// host's screen marks the shared window. On a Wayland desktop, where no program may list
// the others' windows, the desktop's own dialog chooses the window instead of the list
// ("Choose a window…"), and the last choice can be shared again without asking.
//
// Settings are read when a share starts (name, port, codec, frame rate, the certificate
// from a CA if one is set, else the identity given here) and by reloadSettings() (policy,
// panic shortcut, whether the application's menus and dialogs are included, which link the
// QR code shows); the policy and those choices made here are written back to them at
// once, for the application to save.
class SharePanel : public QWidget {
    Q_OBJECT
public:
    SharePanel(AppSettings &settings, net::CertificateStore::Identity identity,
               QWidget *parent = nullptr);
    ~SharePanel() override;

    // Shares source (not started yet; its window need not be in the list, e.g. the
    // demo's own widget). injector and monitor may be null: view-only, and the host's own
    // use of the window does not take the floor back. False with a sentence in *error
    // when the window cannot be captured or the port is taken.
    bool startSharing(std::unique_ptr<WindowSource> source, std::unique_ptr<InputInjector> injector,
                      std::unique_ptr<LocalInputMonitor> monitor, QString *error = nullptr);
    bool isSharing() const { return session_ != nullptr; }
    // The running share; null when not sharing.
    HostSession *session() const { return session_.get(); }
    std::optional<InviteLink> inviteLink() const;

    WindowPicker *windowPicker() const { return picker_; }
    // Checked: a share picked from the list shows the window's application (its menus,
    // dialogs and other windows); unchecked: the window alone.
    QCheckBox *includeApplicationBox() const { return includeApplication_; }
    QPushButton *startButton() const { return start_; }
    // Wayland: shares the window chosen last time again, without the desktop's dialog.
    QPushButton *shareAgainButton() const { return shareAgain_; }
    QPushButton *stopButton() const { return stop_; }
    InviteView *inviteView() const { return invite_; }
    // "Also let RDP clients join": the RDP gateway for the running share.
    RdpGatewayView *rdpGatewayView() const { return rdpGateway_; }
    ParticipantsModel *participantsModel() const { return participants_; }
    ParticipantsView *participantsView() const { return participantsView_; }
    SharedWindowFrame *sharedWindowFrame() const { return frame_; }
    QLabel *statusLabel() const { return status_; }

public slots:
    void approve(uint16_t userId);
    void deny(uint16_t userId);
    // The floor comes back to the host (the Take back button and the panic shortcut).
    void takeBack();
    void stopSharing();
    // The settings changed (the Settings dialog): takes the policy and the panic
    // shortcut at once; the rest applies to the next share.
    void reloadSettings();

signals:
    void sharingChanged(bool sharing, const QString &windowTitle);
    // A choice made here was written into the settings (whether the application's menus
    // and dialogs are included): the application saves them.
    void settingsChanged();
    // Policy ask: a viewer asks for control and waits for approve() or deny().
    void controlRequested(uint16_t userId, const QString &name);
    // That request is settled or gone (granted, denied, withdrawn, the viewer left).
    void controlRequestWithdrawn(uint16_t userId);

private:
    void startSelected();
    // Wayland: asks the desktop's chooser (restoreToken: skip it for the window chosen
    // with that token), then shares what it gives.
    void chooseOnDesktop(const QString &restoreToken);
    void onDesktopChoice(bool chosen);
    // Fills in the settings, starts the share through ShareLauncher and says how it went.
    bool launch(ShareRequest request, QString *error = nullptr);
    // The certificate from a CA that the settings name, else the host's own.
    std::optional<net::CertificateStore::Identity> shareIdentity(QString *error) const;
    // Takes the started session and follows it.
    void adopt(std::unique_ptr<HostSession> session);
    void onEnded(const QString &reason);
    void onRequestPending(uint16_t userId);
    void settleRequests();
    void followWindow(const WindowEvent &event);
    void updateControls();

    AppSettings &settings_;
    net::CertificateStore::Identity identity_;
    WindowPicker *picker_;
    QCheckBox *includeApplication_;
    QPushButton *start_;
    QPushButton *shareAgain_;
    QPushButton *stop_;
    QLabel *status_;
    InviteView *invite_;
    RdpGatewayView *rdpGateway_;
    ParticipantsModel *participants_;
    ParticipantsView *participantsView_;
    SharedWindowFrame *frame_;
    QShortcut *panic_;
    // The desktop chooses the window (Wayland), not the list.
    const bool desktopChooses_;
    std::unique_ptr<DesktopWindowChooser> chooser_; // while its dialog is open
    std::unique_ptr<HostSession> session_;
    QString sharedTitle_;
    std::set<uint16_t> pendingRequests_;
    bool ownCertificate_ = true; // the running share uses identity_, not a CA's
};

} // namespace baton::ui
