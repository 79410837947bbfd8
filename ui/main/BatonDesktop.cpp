#include "BatonDesktop.h"

#include "MainWindow.h"
#include "core/session/HostSession.h"
#include "ui/displays/DisplaysPanel.h"
#include "ui/join/JoinForm.h"
#include "ui/join/JoinPanel.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/share/ParticipantsView.h"
#include "ui/share/SharePanel.h"
#include "ui/tray/ControlRequests.h"
#include "ui/tray/TrayIcon.h"
#include "ui/viewer/ViewerWindow.h"

#include <QApplication>
#include <QCloseEvent>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

namespace baton::ui {
namespace {

// Long enough for the Goodbyes to leave before the sockets go with the process.
constexpr int kGoodbyeFlushMs = 500;

// Baton's own, the same on every desktop: drawn to read on light and dark palettes.
QIcon panelIcon(const char *name)
{
    return QIcon(QStringLiteral(":/panels/%1.svg").arg(QLatin1String(name)));
}

BatonDesktop::CloseChoice askWhetherToKeepSharing(QWidget *window, bool trayAvailable)
{
    QMessageBox box(QMessageBox::Question, QApplication::applicationDisplayName(),
                    BatonDesktop::tr("You are sharing a window. Stop sharing, or keep sharing "
                                     "with Baton in the tray?"),
                    QMessageBox::Cancel, window);
    QPushButton *keep = trayAvailable
        ? box.addButton(BatonDesktop::tr("&Keep sharing"), QMessageBox::AcceptRole)
        : nullptr;
    QPushButton *stop =
        box.addButton(BatonDesktop::tr("&Stop sharing and close"), QMessageBox::DestructiveRole);
    if (!trayAvailable)
        box.setInformativeText(BatonDesktop::tr("This desktop has no tray, so Baton cannot "
                                                "keep sharing without its window."));
    box.setDefaultButton(keep ? keep : stop);
    box.exec();
    if (keep && box.clickedButton() == keep)
        return BatonDesktop::CloseChoice::KeepSharing;
    if (box.clickedButton() == stop)
        return BatonDesktop::CloseChoice::StopSharing;
    return BatonDesktop::CloseChoice::Cancel;
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
    joinIndex_ = window_->addPanel(join_, tr("Join"), panelIcon("join"));
    window_->addPanel(displays_, tr("Displays"), panelIcon("displays"));
    window_->resize(1100, 720);
    window_->setPanicShortcut(settings_.panicShortcut); // Getting started names it

    connect(window_.get(), &MainWindow::settingsRequested, this, &BatonDesktop::showSettings);
    connect(window_.get(), &MainWindow::quitRequested, this, &BatonDesktop::quit);
    window_->installEventFilter(this);
    closeQuestion_ = [this](bool trayAvailable) {
        return askWhetherToKeepSharing(window_.get(), trayAvailable);
    };

    connect(share_, &SharePanel::sharingChanged, this, &BatonDesktop::onSharingChanged);
    connect(share_, &SharePanel::controlRequested, this, &BatonDesktop::onControlRequested);
    connect(share_, &SharePanel::controlRequestWithdrawn, requests_, &ControlRequests::withdraw);
    connect(requests_, &ControlRequests::approved, share_, &SharePanel::approve);
    connect(requests_, &ControlRequests::denied, share_, &SharePanel::deny);
    // The panels write the person's choices into settings_; they are kept at once.
    connect(join_, &JoinPanel::settingsChanged, this, &BatonDesktop::save);
    connect(join_, &JoinPanel::windowOpened, this, &BatonDesktop::watchViewer);
    connect(share_->participantsView(), &ParticipantsView::policyChanged, this,
            &BatonDesktop::save);
    connect(share_, &SharePanel::settingsChanged, this, &BatonDesktop::save);

    connect(tray_, &TrayIcon::showRequested, this, &BatonDesktop::showWindow);
    connect(tray_, &TrayIcon::stopSharingRequested, share_, &SharePanel::stopSharing);
    connect(tray_, &TrayIcon::takeBackRequested, share_, &SharePanel::takeBack);
    connect(tray_, &TrayIcon::quitRequested, this, &BatonDesktop::quit);
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

QString BatonDesktop::openLink(const QString &text)
{
    QString problem;
    if (const auto link = InviteLink::parse(text.trimmed(), &problem)) {
        if (join_->join(*link, &problem))
            return {};
    }
    // Shown where it can be mended: the Join panel, with the link in its field.
    window_->setCurrentPanel(joinIndex_);
    join_->form()->linkEdit()->setText(text);
    showWindow();
    return problem;
}

void BatonDesktop::quit()
{
    if (quitting_)
        return;
    quitting_ = true;
    share_->stopSharing(); // every viewer of the share is told HostEnded
    for (ViewerWindow *viewer : join_->windows())
        viewer->close(); // each leaves its session with a Goodbye
    QTimer::singleShot(kGoodbyeFlushMs, this, &BatonDesktop::quitRequested);
}

bool BatonDesktop::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == window_.get() && event->type() == QEvent::Close && !quitting_) {
        if (!closeWindow()) {
            event->ignore();
            return true;
        }
        QTimer::singleShot(0, this, &BatonDesktop::quitWhenNoWindowIsLeft);
    }
    return QObject::eventFilter(watched, event);
}

bool BatonDesktop::closeWindow()
{
    if (!share_->isSharing())
        return true;
    switch (closeQuestion_(tray_->isVisible())) {
    case CloseChoice::KeepSharing:
        window_->hide();
        tray_->notify(tr("Still sharing"),
                      tr("Baton keeps sharing “%1”. Its tray menu shows Baton again or stops "
                         "the share.")
                          .arg(sharedTitle_));
        return false; // hidden, not closed: Baton lives on in the tray
    case CloseChoice::StopSharing:
        share_->stopSharing();
        return true;
    case CloseChoice::Cancel:
        break;
    }
    return false;
}

void BatonDesktop::quitWhenNoWindowIsLeft()
{
    if (quitting_ || share_->isSharing())
        return;
    const QWidgetList windows = QApplication::topLevelWidgets();
    if (std::none_of(windows.begin(), windows.end(),
                     [](const QWidget *window) { return window->isVisible(); }))
        emit quitRequested();
}

void BatonDesktop::watchViewer(ViewerWindow *viewer)
{
    // Queued: by then the window is gone from the list of visible ones.
    connect(viewer, &QObject::destroyed, this, &BatonDesktop::quitWhenNoWindowIsLeft,
            Qt::QueuedConnection);
}

void BatonDesktop::showSettings()
{
    SettingsDialog dialog(settings_, SettingsDialog::fingerprintText(fingerprint_), window_.get());
    if (dialog.exec() != QDialog::Accepted)
        return;
    settings_ = dialog.settings();
    save();
    share_->reloadSettings(); // the policy and the panic shortcut apply at once
    window_->setPanicShortcut(settings_.panicShortcut);
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
