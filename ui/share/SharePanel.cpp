#include "ui/share/SharePanel.h"

#include "core/capture/WindowSourceFactory.h"
#include "core/session/HostSession.h"
#include "core/session/ShareLauncher.h"
#include "ui/share/InviteView.h"
#include "ui/share/ParticipantsModel.h"
#include "ui/share/ParticipantsView.h"
#include "ui/share/RdpGatewayView.h"
#include "ui/share/SharedWindowFrame.h"
#include "ui/share/WindowPicker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

// Long enough for the viewers' Goodbyes to leave before the connections are deleted.
constexpr int kGoodbyeFlushMs = 2000;
const QColor kFrameColour(232, 89, 12);

// What the person should know about the share that just started.
QString startedText(const ShareLauncher::Launch &launched)
{
    const QString title = launched.session->source()->window().title;
    QStringList notes{launched.scope == ShareScope::Application
                          ? SharePanel::tr("Sharing the application of “%1” (its menus and "
                                           "dialogs too).")
                                .arg(title)
                          : SharePanel::tr("Sharing the window “%1” only.").arg(title)};
    if (launched.takenPort)
        notes << SharePanel::tr("Port %1 was taken, so another one is used.")
                     .arg(*launched.takenPort);
    const QString refusals = launched.inputRefusals.join(QStringLiteral("; "));
    if (launched.viewOnly && !refusals.isEmpty())
        notes << SharePanel::tr("Viewers cannot take control: %1.").arg(refusals);
    else if (!launched.watchesHostInput && !refusals.isEmpty())
        notes << SharePanel::tr("Using the window yourself does not take control back: %1.")
                     .arg(refusals);
    return notes.join(QLatin1Char(' '));
}

QRect toQRect(const Rect &rect)
{
    return {rect.x, rect.y, rect.width, rect.height};
}

} // namespace

SharePanel::SharePanel(AppSettings &settings, net::CertificateStore::Identity identity,
                       QWidget *parent)
    : QWidget(parent),
      settings_(settings),
      identity_(std::move(identity)),
      picker_(new WindowPicker(this)),
      includeApplication_(new QCheckBox(tr("&Include its menus and dialogs"), this)),
      start_(new QPushButton(tr("&Start sharing"), this)),
      shareAgain_(new QPushButton(tr("Share the last window &again"), this)),
      stop_(new QPushButton(tr("St&op sharing"), this)),
      status_(new QLabel(this)),
      invite_(new InviteView(this)),
      rdpGateway_(new RdpGatewayView(this)),
      participants_(new ParticipantsModel(this)),
      participantsView_(new ParticipantsView(participants_, this)),
      frame_(new SharedWindowFrame(kFrameColour, SharedWindowFrame::kDefaultThicknessPx, this)),
      panic_(new QShortcut(settings.panicShortcut, this)),
      desktopChooses_(WindowSourceFactory::desktopChooses())
{
    includeApplication_->setToolTip(
        tr("Viewers also see the menus, popups, dialogs and other windows of the chosen "
           "window's program. Otherwise they see the chosen window alone."));
    start_->setAccessibleName(tr("Start sharing the selected window"));
    stop_->setAccessibleName(tr("Stop sharing"));
    status_->setWordWrap(true);
    status_->setAccessibleName(tr("Sharing status"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(start_);
    buttons->addWidget(shareAgain_);
    buttons->addWidget(stop_);
    buttons->addStretch();
    auto *windows = new QGroupBox(tr("Window to share"), this);
    auto *windowsLayout = new QVBoxLayout(windows);
    windowsLayout->addWidget(picker_, 1);
    windowsLayout->addWidget(includeApplication_);
    windowsLayout->addLayout(buttons);
    windowsLayout->addWidget(status_);

    auto *inviteBox = new QGroupBox(tr("Invite"), this);
    auto *inviteLayout = new QVBoxLayout(inviteBox);
    inviteLayout->addWidget(invite_);
    inviteLayout->addWidget(rdpGateway_);
    auto *participantsBox = new QGroupBox(tr("Participants and control"), this);
    (new QVBoxLayout(participantsBox))->addWidget(participantsView_);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins({});
    rightLayout->addWidget(inviteBox);
    rightLayout->addWidget(participantsBox, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(windows);
    splitter->addWidget(right);
    splitter->setChildrenCollapsible(false);
    (new QVBoxLayout(this))->addWidget(splitter);
    if (desktopChooses_) {
        // The desktop's dialog lists the windows; a screen cast shows one window.
        picker_->hide();
        includeApplication_->hide();
        start_->setText(tr("Choose a &window…"));
        start_->setAccessibleName(tr("Choose the window to share in the desktop's dialog"));
        shareAgain_->setToolTip(tr("Shares the window chosen last time without asking again, "
                                   "while the desktop remembers it."));
        auto *explanation = new QLabel(
            tr("On this desktop, programs cannot see each other's windows: the desktop's own "
               "dialog lists the windows you can share, and you choose one there.\n\n"
               "Menus and dialogs the application opens are windows of their own, which a "
               "share of one window does not show."),
            windows);
        invite_->hintLabel()->setText(tr("Press Choose a window… and pick the window in the "
                                         "desktop's dialog. The invite links and a QR code "
                                         "appear here."));
        explanation->setWordWrap(true);
        explanation->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        windowsLayout->insertWidget(0, explanation, 1);
    }
    shareAgain_->setAccessibleName(tr("Share the last window again"));
    setTabOrder(picker_->view(), includeApplication_);
    setTabOrder(includeApplication_, start_);
    setTabOrder(start_, shareAgain_);
    setTabOrder(shareAgain_, stop_);
    setTabOrder(stop_, invite_->linkField());
    setTabOrder(invite_->qrFormBox(), rdpGateway_->enableBox());
    setTabOrder(rdpGateway_->enableBox(), rdpGateway_->addressField());
    setTabOrder(rdpGateway_->addressField(), rdpGateway_->copyButton());

    panic_->setContext(Qt::ApplicationShortcut);
    connect(panic_, &QShortcut::activated, this, &SharePanel::takeBack);
    connect(start_, &QPushButton::clicked, this, &SharePanel::startSelected);
    connect(shareAgain_, &QPushButton::clicked, this,
            [this] { chooseOnDesktop(settings_.screenCastRestoreToken); });
    connect(stop_, &QPushButton::clicked, this, &SharePanel::stopSharing);
    connect(picker_, &WindowPicker::currentWindowChanged, this, &SharePanel::updateControls);
    connect(picker_, &WindowPicker::windowActivated, this, [this] {
        if (!isSharing())
            startSelected();
    });
    connect(includeApplication_, &QCheckBox::toggled, this, [this](bool include) {
        const ShareScope scope = include ? ShareScope::Application : ShareScope::Window;
        if (scope == settings_.shareScope)
            return; // reloadSettings() showing the stored choice
        settings_.shareScope = scope;
        emit settingsChanged();
    });
    connect(invite_, &InviteView::qrFormChanged, this, [this](InviteForm form) {
        settings_.qrCodeForm = form;
        emit settingsChanged();
    });
    connect(participantsView_, &ParticipantsView::takeBackRequested, this, &SharePanel::takeBack);
    connect(participantsView_, &ParticipantsView::policyChanged, this, [this](FloorPolicy policy) {
        settings_.policy = policy;
        if (session_)
            session_->floor().setPolicy(policy);
    });
    reloadSettings();
    updateControls();
}

SharePanel::~SharePanel()
{
    if (session_)
        disconnect(session_.get(), nullptr, this, nullptr);
}

std::optional<InviteLink> SharePanel::inviteLink() const
{
    if (!session_)
        return std::nullopt;
    return session_->inviteLink();
}

void SharePanel::startSelected()
{
    if (desktopChooses_) {
        chooseOnDesktop({});
        return;
    }
    const auto window = picker_->currentWindow();
    if (!window || isSharing())
        return;
    WindowSourceFactory::Creation created =
        WindowSourceFactory::create(*window, settings_.shareScope);
    if (!created.source) {
        status_->setText(tr("This window cannot be shared: %1")
                             .arg(created.refusals.join(QStringLiteral("; "))));
        return;
    }
    ShareRequest request;
    request.source = std::move(created.source);
    request.scope = created.scope;
    launch(std::move(request));
}

void SharePanel::chooseOnDesktop(const QString &restoreToken)
{
    if (chooser_ || isSharing())
        return;
    WindowSourceFactory::ChooserOptions options;
    options.restoreToken = restoreToken;
    WindowSourceFactory::Choosing choosing = WindowSourceFactory::chooser(options);
    if (!choosing.chooser) {
        status_->setText(tr("This desktop offers no way to choose a window: %1")
                             .arg(choosing.refusals.join(QStringLiteral("; "))));
        return;
    }
    chooser_ = std::move(choosing.chooser);
    connect(chooser_.get(), &DesktopWindowChooser::finished, this, &SharePanel::onDesktopChoice);
    status_->setText(restoreToken.isEmpty() ? tr("Choose the window in the desktop's dialog…")
                                            : tr("Asking the desktop for the same window…"));
    updateControls();
    chooser_->begin();
}

void SharePanel::onDesktopChoice(bool chosen)
{
    // It emitted this signal: deleted once back in the event loop.
    DesktopWindowChooser *chooser = chooser_.release();
    chooser->deleteLater();
    if (!chosen) {
        status_->setText(tr("Nothing is shared: %1").arg(chooser->errorString()));
        updateControls();
        return;
    }
    // The desktop hands out a new token with every grant; the old one is spent.
    settings_.screenCastRestoreToken = chooser->restoreToken();
    emit settingsChanged();
    ShareRequest request;
    request.source = chooser->takeSource();
    request.scope = ShareScope::Window;
    launch(std::move(request));
    updateControls();
}

bool SharePanel::startSharing(std::unique_ptr<WindowSource> source,
                              std::unique_ptr<InputInjector> injector,
                              std::unique_ptr<LocalInputMonitor> monitor, QString *error)
{
    ShareRequest request;
    request.source = std::move(source);
    request.input = ShareRequest::Input{std::move(injector), std::move(monitor)};
    return launch(std::move(request), error);
}

bool SharePanel::launch(ShareRequest request, QString *error)
{
    if (session_) {
        if (error)
            *error = tr("a window is already being shared");
        return false;
    }
    reloadSettings();
    request.config.listener.port = settings_.defaultPort;
    request.config.listener.policy.hostName = settings_.effectiveDisplayName().toStdString();
    request.config.floor.policy = settings_.policy;
    request.config.maxFramesPerSecond = settings_.maxFramesPerSecond;
    request.config.planner.codec = settings_.codec;
    request.config.planner.framesPerSecond = settings_.maxFramesPerSecond;
    request.generatePasscode = true;
    // Another share (or program) on the chosen port: the link carries the port anyway.
    request.fallBackFromTakenPort = true;
    QString problem;
    const auto identity = shareIdentity(&problem);
    if (!identity) {
        status_->setText(tr("Sharing did not start: %1").arg(problem));
        if (error)
            *error = problem;
        return false;
    }
    ShareLauncher::Launch launched = ShareLauncher(*identity).launch(std::move(request));
    if (!launched.session) {
        status_->setText(tr("Sharing did not start: %1").arg(launched.error));
        if (error)
            *error = launched.error;
        return false;
    }
    status_->setText(startedText(launched));
    ownCertificate_ = identity->fingerprint == identity_.fingerprint;
    adopt(std::move(launched.session));
    return true;
}

std::optional<net::CertificateStore::Identity> SharePanel::shareIdentity(QString *error) const
{
    if (settings_.tlsCertificatePath.isEmpty() && settings_.tlsKeyPath.isEmpty())
        return identity_;
    return net::CertificateStore::loadFromFiles(settings_.tlsCertificatePath, settings_.tlsKeyPath,
                                                error);
}

void SharePanel::adopt(std::unique_ptr<HostSession> session)
{
    session_ = std::move(session);
    sharedTitle_ = session_->source()->window().title;
    connect(session_.get(), &HostSession::ended, this, &SharePanel::onEnded);
    connect(session_->source(), &WindowSource::windowEvent, this, &SharePanel::followWindow);
    connect(&session_->floor(), &FloorArbiter::requestPending, this, &SharePanel::onRequestPending);
    connect(&session_->floor(), &FloorArbiter::queueChanged, this, &SharePanel::settleRequests);
    connect(&session_->floor(), &FloorArbiter::holderChanged, this, &SharePanel::settleRequests);
    connect(session_.get(), &HostSession::viewerLeft, this, &SharePanel::settleRequests);
    participants_->setSession(session_.get());
    invite_->setInvite(session_->inviteLink(), ownCertificate_);
    rdpGateway_->setShare(session_->inviteLink());
    // A Wayland program cannot place a window of its own over another's; the desktop
    // marks the shared window itself.
    if (!desktopChooses_)
        frame_->showAround(toQRect(session_->source()->window().geometry));
    updateControls();
    emit sharingChanged(true, sharedTitle_);
}

void SharePanel::stopSharing()
{
    if (session_)
        session_->stop(protocol::CloseReason::HostEnded);
}

void SharePanel::onEnded(const QString &reason)
{
    // Deleted a little later: the viewers' Goodbyes are still on their way out.
    HostSession *ended = session_.release();
    disconnect(ended, nullptr, this, nullptr);
    ended->setParent(this);
    QTimer::singleShot(kGoodbyeFlushMs, ended, &QObject::deleteLater);
    participants_->setSession(nullptr);
    invite_->setInvite(std::nullopt);
    rdpGateway_->setShare(std::nullopt);
    frame_->hide();
    for (const uint16_t userId : std::exchange(pendingRequests_, {}))
        emit controlRequestWithdrawn(userId);
    status_->setText(tr("Sharing ended: %1").arg(reason));
    updateControls();
    emit sharingChanged(false, sharedTitle_);
}

void SharePanel::approve(uint16_t userId)
{
    if (session_)
        session_->floor().grant(userId);
}

void SharePanel::deny(uint16_t userId)
{
    if (session_)
        session_->floor().deny(userId);
}

void SharePanel::reloadSettings()
{
    panic_->setKey(settings_.panicShortcut);
    participantsView_->setPolicy(settings_.policy);
    includeApplication_->setChecked(settings_.shareScope == ShareScope::Application);
    invite_->setQrForm(settings_.qrCodeForm);
}

void SharePanel::takeBack()
{
    if (session_)
        session_->floor().revoke();
}

void SharePanel::onRequestPending(uint16_t userId)
{
    const Roster::Participant *participant = session_->roster().find(userId);
    pendingRequests_.insert(userId);
    emit controlRequested(userId,
                          participant ? QString::fromStdString(participant->name)
                                      : tr("viewer %1").arg(userId));
}

void SharePanel::settleRequests()
{
    if (!session_)
        return;
    const auto &queue = session_->floor().floor().queue();
    for (auto it = pendingRequests_.begin(); it != pendingRequests_.end();) {
        if (std::find(queue.begin(), queue.end(), *it) != queue.end()) {
            ++it;
            continue;
        }
        const uint16_t userId = *it;
        it = pendingRequests_.erase(it);
        emit controlRequestWithdrawn(userId);
    }
    updateControls();
}

void SharePanel::followWindow(const WindowEvent &event)
{
    if (!session_ || event.kind == WindowEventKind::Closed || desktopChooses_)
        return; // ended() follows and takes the frame away
    if (event.kind == WindowEventKind::Hidden)
        frame_->hide();
    else
        frame_->showAround(toQRect(event.geometry));
}

void SharePanel::updateControls()
{
    const bool sharing = isSharing();
    const bool choosing = chooser_ != nullptr;
    start_->setEnabled(!sharing && !choosing &&
                       (desktopChooses_ || picker_->currentWindow().has_value()));
    shareAgain_->setVisible(desktopChooses_);
    shareAgain_->setEnabled(!sharing && !choosing && !settings_.screenCastRestoreToken.isEmpty());
    stop_->setEnabled(sharing);
    picker_->setEnabled(!sharing);
    includeApplication_->setEnabled(!sharing);
    participantsView_->takeBackButton()->setEnabled(sharing && !session_->floor().floor().isFree());
}

} // namespace baton::ui
