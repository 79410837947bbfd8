#include "BatonDesktop.h"

#include "MainWindow.h"
#include "core/session/HostSession.h"
#include "ui/displays/DisplaysPanel.h"
#include "ui/join/JoinPanel.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/share/ParticipantsView.h"
#include "ui/share/SharePanel.h"
#include "ui/tray/ControlRequests.h"
#include "ui/tray/TrayIcon.h"

#include <QApplication>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace baton::ui {
namespace {

// Baton's own, the same on every desktop: drawn to read on light and dark palettes.
QIcon panelIcon(const char *name)
{
    return QIcon(QStringLiteral(":/panels/%1.svg").arg(QLatin1String(name)));
}

} // namespace

BatonDesktop::BatonDesktop(QSettings &store, AppSettings settings,
                           net::CertificateStore::Identity identity, QObject *parent)
    : QObject(parent),
      store_(store),
      settings_(std::move(settings)),
      fingerprint_(identity.fingerprint),
      window_(std::make_unique<MainWindow>()),
      share_(new SharePanel(settings_, std::move(identity))),
      join_(new JoinPanel(settings_)),
      displays_(new DisplaysPanel(store_)),
      tray_(new TrayIcon(QApplication::windowIcon(), this)),
      requests_(new ControlRequests(this))
{
    window_->addPanel(share_, tr("Share"), panelIcon("share"));
    window_->addPanel(join_, tr("Join"), panelIcon("join"));
    window_->addPanel(displays_, tr("Displays"), panelIcon("displays"));
    window_->resize(1100, 720);

    connect(window_.get(), &MainWindow::settingsRequested, this, &BatonDesktop::showSettings);
    connect(window_.get(), &MainWindow::quitRequested, this, &BatonDesktop::quitRequested);

    connect(share_, &SharePanel::sharingChanged, this, &BatonDesktop::onSharingChanged);
    connect(share_, &SharePanel::controlRequested, this, &BatonDesktop::onControlRequested);
    connect(share_, &SharePanel::controlRequestWithdrawn, requests_, &ControlRequests::withdraw);
    connect(requests_, &ControlRequests::approved, share_, &SharePanel::approve);
    connect(requests_, &ControlRequests::denied, share_, &SharePanel::deny);
    // The panels write the person's choices into settings_; they are kept at once.
    connect(join_, &JoinPanel::settingsChanged, this, &BatonDesktop::save);
    connect(share_->participantsView(), &ParticipantsView::policyChanged, this,
            &BatonDesktop::save);

    connect(tray_, &TrayIcon::showRequested, this, &BatonDesktop::showWindow);
    connect(tray_, &TrayIcon::stopSharingRequested, share_, &SharePanel::stopSharing);
    connect(tray_, &TrayIcon::takeBackRequested, share_, &SharePanel::takeBack);
    connect(tray_, &TrayIcon::quitRequested, this, &BatonDesktop::quitRequested);
}

// The panels hold references to settings_: the window (and they) go first.
BatonDesktop::~BatonDesktop()
{
    window_.reset();
}

bool BatonDesktop::loadTranslations(QTranslator &translator)
{
    const QString directory = QStringLiteral(":/i18n");
    return translator.load(QLocale(), QStringLiteral("baton"), QStringLiteral("_"), directory) ||
        translator.load(QStringLiteral("baton_en"), directory);
}

void BatonDesktop::showWindow()
{
    window_->show();
    window_->setWindowState(window_->windowState() & ~Qt::WindowMinimized);
    window_->raise();
    window_->activateWindow();
}

void BatonDesktop::showSettings()
{
    SettingsDialog dialog(settings_, SettingsDialog::fingerprintText(fingerprint_), window_.get());
    if (dialog.exec() != QDialog::Accepted)
        return;
    settings_ = dialog.settings();
    save();
    share_->reloadSettings(); // the policy and the panic shortcut apply at once
}

void BatonDesktop::save()
{
    settings_.save(store_);
    store_.sync();
}

void BatonDesktop::onSharingChanged(bool sharing, const QString &windowTitle)
{
    sharedTitle_ = sharing ? windowTitle : QString();
    tray_->setSharing(sharing, windowTitle);
    displays_->setCurrentShare(share_->inviteLink());
    if (!sharing)
        requests_->clear();
    if (HostSession *session = share_->session()) {
        connect(session, &HostSession::viewerJoined, this, &BatonDesktop::updateStatus);
        connect(session, &HostSession::viewerLeft, this, &BatonDesktop::updateStatus);
        connect(&session->floor(), &FloorArbiter::holderChanged, this, &BatonDesktop::updateStatus);
    }
    updateStatus();
}

void BatonDesktop::onControlRequested(uint16_t userId, const QString &name)
{
    if (settings_.policy == FloorPolicy::Ask)
        requests_->request(userId, name);
}

void BatonDesktop::updateStatus()
{
    const HostSession *session = share_->session();
    if (!session) {
        window_->setSharingStatus(tr("Not sharing"));
        return;
    }
    QString text =
        tr("Sharing “%1” · %n viewer(s)", nullptr, session->viewerCount()).arg(sharedTitle_);
    const FloorControl &floor = session->floor().floor();
    if (!floor.isFree()) {
        const Roster::Participant *holder = session->roster().find(floor.holder());
        text += tr(" · %1 has control")
                    .arg(holder ? QString::fromStdString(holder->name) : tr("a viewer"));
    }
    window_->setSharingStatus(text);
}

} // namespace baton::ui
