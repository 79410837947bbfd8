#include "ViewerWindow.h"

#include "FloorIndicator.h"
#include "ViewerInputForwarder.h"
#include "ViewerStatusBanner.h"
#include "ViewerToolbar.h"
#include "ViewerWidget.h"
#include "core/protocol/PduTypes.h"
#include "core/viewer/ViewerSession.h"

#include <QClipboard>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QMenuBar>
#include <QScreen>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace baton::ui {
namespace {

constexpr int kStatsIntervalMs = 1000;
// A busy host is tried again after this long, this many times in a row.
constexpr int kBusyRetryMs = 2000;
constexpr int kBusyRetries = 5;

using protocol::CloseReason;
using protocol::FloorDecisionReason;
using protocol::FloorRevokeReason;

} // namespace

ViewerWindow::ViewerWindow(InviteLink link, net::ViewerOptions options, QWidget *parent)
    : QMainWindow(parent),
      link_(std::move(link)),
      options_(std::move(options)),
      canvas_(new ViewerWidget(nullptr)),
      scroll_(new QScrollArea),
      indicator_(new FloorIndicator(scroll_)),
      banner_(new ViewerStatusBanner),
      toolbar_(new ViewerToolbar(this)),
      forwarder_(new ViewerInputForwarder(canvas_, this)),
      accept_(new QAction(tr("&Accept"), this)),
      decline_(new QAction(tr("&Decline"), this))
{
    // A window of its own even when a panel is its parent (and so owns it).
    setWindowFlag(Qt::Window);
    setAccessibleName(tr("Viewer"));
    canvas_->setShowsMessages(false);
    scroll_->setWidget(canvas_);
    scroll_->setWidgetResizable(true);
    scroll_->setAlignment(Qt::AlignCenter);
    scroll_->setFrameShape(QFrame::NoFrame);
    scroll_->setAccessibleName(tr("Shared window, scrollable"));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(banner_);
    layout->addWidget(indicator_, 1);
    setCentralWidget(central);
    addToolBar(Qt::TopToolBarArea, toolbar_);
    createMenus();

    connect(toolbar_->requestAction(), &QAction::triggered, this, &ViewerWindow::requestControl);
    connect(toolbar_->releaseAction(), &QAction::triggered, this, &ViewerWindow::releaseControl);
    connect(toolbar_, &ViewerToolbar::passRequested, this, &ViewerWindow::passControlTo);
    connect(toolbar_->fitAction(), &QAction::toggled, this, &ViewerWindow::setFitToWindow);
    connect(toolbar_->reconnectAction(), &QAction::triggered, this, &ViewerWindow::reconnect);
    connect(banner_, &ViewerStatusBanner::passcodeEntered, this, &ViewerWindow::joinWithPasscode);
    connect(accept_, &QAction::triggered, this, &ViewerWindow::requestControl);
    connect(decline_, &QAction::triggered, this, &ViewerWindow::releaseControl);

    statsTimer_.setInterval(kStatsIntervalMs);
    busyRetry_.setSingleShot(true);
    busyRetry_.setInterval(kBusyRetryMs);
    connect(&busyRetry_, &QTimer::timeout, this, &ViewerWindow::start);
    connect(&statsTimer_, &QTimer::timeout, this, &ViewerWindow::sampleStats);
    setFitToWindow(false);
    updateTitle();
    updateControls();
}

ViewerWindow::~ViewerWindow()
{
    retire(session_);
}

void ViewerWindow::createMenus()
{
    QMenu *session = menuBar()->addMenu(tr("&Session"));
    session->addAction(toolbar_->requestAction());
    session->addAction(toolbar_->releaseAction());
    session->addMenu(toolbar_->passMenu());
    session->addSeparator();
    session->addAction(toolbar_->reconnectAction());
    // No shortcut: while in control, keys like Ctrl+W belong to the shared window.
    QAction *leave = session->addAction(tr("L&eave session"), this, &QWidget::close);
    leave->setToolTip(tr("Leave the session and close this window"));
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    copyPicture_ = edit->addAction(tr("&Copy picture"), this, &ViewerWindow::copyPicture);
    copyPicture_->setToolTip(tr("Copy the shared window's picture, without the pointer"));
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(toolbar_->fitAction());
}

void ViewerWindow::copyPicture()
{
    if (const QImage picture = canvas_->image(); !picture.isNull())
        QGuiApplication::clipboard()->setImage(picture);
}

void ViewerWindow::start()
{
    busyRetry_.stop(); // Reconnect pressed during the wait
    retire(session_);
    ended_ = false;
    requestPending_ = false;
    meter_.reset();
    session_ = new ViewerSession(link_, options_, this);
    canvas_->setSession(session_);
    forwarder_->setSession(session_);
    connect(session_, &ViewerSession::joined, this, &ViewerWindow::onJoined);
    connect(session_, &ViewerSession::resized, this, &ViewerWindow::onResized);
    connect(session_, &ViewerSession::ended, this, &ViewerWindow::onEnded);
    connect(session_, &ViewerSession::windowStateChanged, this,
            &ViewerWindow::onWindowStateChanged);
    connect(session_, &ViewerSession::floorChanged, this, &ViewerWindow::updateControls);
    connect(session_, &ViewerSession::rosterChanged, this, &ViewerWindow::updateControls);
    connect(session_, &ViewerSession::floorDecision, this, &ViewerWindow::onFloorDecision);
    connect(session_, &ViewerSession::floorRevoked, this, &ViewerWindow::onFloorRevoked);
    connect(session_, &ViewerSession::controlOffered, this, &ViewerWindow::onControlOffered);
    banner_->showMessage(ViewerStatusBanner::Kind::Information,
                         tr("Joining %1:%2…").arg(link_.host).arg(link_.port));
    clock_.start();
    session_->start();
    updateTitle();
    updateControls();
}

void ViewerWindow::reconnect()
{
    start();
}

void ViewerWindow::joinWithPasscode(const QString &passcode)
{
    link_.passcode = passcode;
    start();
}

void ViewerWindow::retire(ViewerSession *session)
{
    if (!session)
        return;
    session->disconnect(this);
    if (session == session_)
        session_ = nullptr;
    if (ended_) {
        session->deleteLater();
        return;
    }
    // The goodbye needs the event loop to reach the host, possibly after this window has
    // gone: the application keeps the session until it ended.
    session->setParent(QCoreApplication::instance());
    connect(session, &ViewerSession::ended, session, &QObject::deleteLater);
    session->leave();
}

void ViewerWindow::requestControl()
{
    if (!session_ || !session_->isJoined())
        return;
    requestPending_ = true;
    banner_->clearIf(offeredMessage());
    session_->requestControl();
    updateControls();
}

void ViewerWindow::releaseControl()
{
    if (!session_ || !session_->isJoined())
        return;
    requestPending_ = false;
    banner_->clearIf(waitingMessage());
    banner_->clearIf(offeredMessage());
    session_->releaseControl();
    updateControls();
}

void ViewerWindow::passControlTo(uint16_t userId)
{
    if (session_ && session_->holdsFloor())
        session_->passControlTo(userId);
}

void ViewerWindow::setFitToWindow(bool fit)
{
    toolbar_->fitAction()->setChecked(fit);
    canvas_->setScaling(fit ? ViewerWidget::Scaling::Fit : ViewerWidget::Scaling::OneToOne);
    // Pixel for pixel, the canvas never shrinks below the picture: the area scrolls. Fitted,
    // it takes whatever room the window gives it.
    canvas_->setSizePolicy(fit ? QSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored)
                               : QSizePolicy(QSizePolicy::Minimum, QSizePolicy::Minimum));
    scroll_->setHorizontalScrollBarPolicy(fit ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    scroll_->setVerticalScrollBarPolicy(fit ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    // Makes the area measure the canvas again.
    scroll_->setWidgetResizable(true);
}

bool ViewerWindow::fitsToWindow() const
{
    return toolbar_->fitAction()->isChecked();
}

void ViewerWindow::onJoined()
{
    busyRetries_ = 0;
    banner_->clear();
    statsTimer_.start();
    updateTitle();
    updateControls();
    emit joined();
}

void ViewerWindow::onResized()
{
    scroll_->setWidgetResizable(true);
    if (!isVisible())
        return;
    // The first picture decides the window's size: all of it, as far as the screen allows.
    // A larger picture later (the application opened a menu past its window's edge) grows
    // the window to show it; a smaller one leaves it be, so that it does not jump each time
    // a menu closes.
    const QSize chrome = size() - scroll_->viewport()->size();
    QSize wanted = canvas_->sizeHint() + chrome;
    // Wide enough for the whole toolbar: who is in control and the link's quality included.
    wanted.setWidth(std::max(wanted.width(), toolbar_->sizeHint().width()));
    if (screen())
        wanted = wanted.boundedTo(screen()->availableSize() * 9 / 10);
    if (sized_)
        wanted = wanted.expandedTo(size());
    sized_ = true;
    resize(wanted);
}

void ViewerWindow::onEnded(const net::CloseInfo &info)
{
    ended_ = true;
    requestPending_ = false;
    statsTimer_.stop();
    toolbar_->setStatsText(QString());
    QAction *reconnect = toolbar_->reconnectAction();
    switch (info.reason) {
    case CloseReason::ViewerLeft:
        banner_->showMessage(ViewerStatusBanner::Kind::Information, tr("You left the session."),
                             {reconnect});
        break;
    case CloseReason::HostEnded:
        banner_->showMessage(ViewerStatusBanner::Kind::Information,
                             tr("The host ended the session."), {reconnect});
        break;
    case CloseReason::WindowClosed:
        banner_->showMessage(ViewerStatusBanner::Kind::Information,
                             tr("The shared window was closed on the host, so the session ended."),
                             {reconnect});
        break;
    case CloseReason::WrongPasscode:
        askForPasscode();
        break;
    case CloseReason::RateLimited:
        // Asking again at once would only be refused: the host blocks this address a while.
        banner_->showMessage(ViewerStatusBanner::Kind::Error,
                             tr("Too many wrong passcodes were tried from this computer. Wait a "
                                "minute, then press Reconnect to try again."),
                             {reconnect});
        break;
    case CloseReason::Kicked:
        banner_->showMessage(ViewerStatusBanner::Kind::Warning,
                             tr("The host removed you from the session."), {reconnect});
        break;
    case CloseReason::HostBusy:
        // Busy passes (many joining at once, or someone holding connections open): join
        // again by itself a few times before leaving it to the person.
        if (busyRetries_ < kBusyRetries) {
            ++busyRetries_;
            banner_->showMessage(ViewerStatusBanner::Kind::Information,
                                 tr("The host is busy with too many connections; trying again "
                                    "in %n second(s)…",
                                    nullptr, kBusyRetryMs / 1000),
                                 {reconnect});
            busyRetry_.start();
        } else {
            banner_->showMessage(ViewerStatusBanner::Kind::Warning,
                                 tr("The host is still busy with too many connections. Press "
                                    "Reconnect to try again."),
                                 {reconnect});
        }
        break;
    case CloseReason::ConnectionLost:
    case CloseReason::Timeout:
        banner_->showMessage(ViewerStatusBanner::Kind::Error,
                             tr("The connection to the host was lost (%1).").arg(info.text()),
                             {reconnect});
        break;
    default:
        if (const auto refused = session_ ? session_->refusedWindowSize() : std::nullopt) {
            const PictureLimit &limit = session_->pictureLimit();
            banner_->showMessage(ViewerStatusBanner::Kind::Error,
                                 tr("The shared window is %1×%2 pixels, larger than this viewer "
                                    "accepts (at most %3 pixels a side and %4 pixels in all).")
                                     .arg(refused->width())
                                     .arg(refused->height())
                                     .arg(locale().toString(limit.maxSidePx))
                                     .arg(locale().toString(qlonglong(limit.maxPixels))),
                                 {reconnect});
            break;
        }
        banner_->showMessage(ViewerStatusBanner::Kind::Error, info.text(), {reconnect});
        break;
    }
    updateTitle();
    updateControls();
    emit ended(info);
}

void ViewerWindow::askForPasscode()
{
    // The host says the same for a missing and a wrong passcode: what the link carried
    // tells the two apart.
    if (link_.passcode.isEmpty())
        banner_->askForPasscode(ViewerStatusBanner::Kind::Information,
                                tr("The host asks for a passcode to join this session. Type "
                                   "the one the host gave you."));
    else
        banner_->askForPasscode(ViewerStatusBanner::Kind::Warning,
                                tr("Wrong passcode. Check it with the host and type it again."));
}

QString ViewerWindow::hiddenMessage() const
{
    return tr("The host has hidden or minimised the shared window. "
              "The picture comes back when it is shown again.");
}

QString ViewerWindow::offeredMessage() const
{
    return tr("You are offered control of the shared window.");
}

QString ViewerWindow::waitingMessage() const
{
    return tr("Waiting for the host to give you control…");
}

void ViewerWindow::onWindowStateChanged()
{
    if (session_->windowHidden())
        banner_->showMessage(ViewerStatusBanner::Kind::Warning, hiddenMessage());
    else
        banner_->clearIf(hiddenMessage());
    updateTitle();
}

void ViewerWindow::onFloorDecision(protocol::FloorDecision decision, FloorDecisionReason reason)
{
    if (decision == protocol::FloorDecision::Queued) {
        banner_->showMessage(ViewerStatusBanner::Kind::Information, waitingMessage(),
                             {toolbar_->releaseAction()});
        return;
    }
    if (decision != protocol::FloorDecision::Denied)
        return;
    requestPending_ = false;
    QString why;
    switch (reason) {
    case FloorDecisionReason::ViewOnly:
        why = tr("This session is view-only: the host does not let viewers take control.");
        break;
    case FloorDecisionReason::QueueFull:
        why = tr("Too many people are waiting for control. Try again later.");
        break;
    case FloorDecisionReason::HostBusy:
        why = tr("The host is using the shared window. Try again in a moment.");
        break;
    case FloorDecisionReason::NoSuchUser:
        why = tr("That participant is no longer in the session.");
        break;
    case FloorDecisionReason::Expired:
        why = tr("Your request for control expired before the host answered.");
        break;
    default:
        why = tr("The host declined your request for control.");
        break;
    }
    banner_->showMessage(ViewerStatusBanner::Kind::Information, why);
    updateControls();
}

void ViewerWindow::onFloorRevoked(FloorRevokeReason reason)
{
    QString why;
    switch (reason) {
    case FloorRevokeReason::HostInput:
        why = tr("The host used the shared window, so control went back to the host.");
        break;
    case FloorRevokeReason::Idle:
        why = tr("Control went back to the host after a minute without input from you.");
        break;
    default:
        why = tr("The host took control back.");
        break;
    }
    banner_->showMessage(ViewerStatusBanner::Kind::Information, why);
}

void ViewerWindow::onControlOffered()
{
    banner_->showMessage(ViewerStatusBanner::Kind::Information, offeredMessage(),
                         {accept_, decline_});
}

void ViewerWindow::updateControls()
{
    const bool joined = session_ && session_->isJoined() && !ended_;
    const bool holds = joined && session_->holdsFloor();
    const Roster::Participant *self =
        joined ? session_->roster().find(session_->userId()) : nullptr;
    const bool waiting = self &&
        (self->floor == protocol::FloorState::Requesting ||
         self->floor == protocol::FloorState::Queued);
    if (holds)
        requestPending_ = false;
    const bool pending = joined && !holds && (requestPending_ || waiting);
    if (!pending)
        banner_->clearIf(waitingMessage());

    toolbar_->requestAction()->setEnabled(joined && !holds && !pending);
    toolbar_->releaseAction()->setEnabled(holds || pending);
    toolbar_->passAction()->setEnabled(holds);
    toolbar_->passMenu()->setEnabled(holds);
    toolbar_->reconnectAction()->setEnabled(ended_);
    // The shortcut only while the keys are this viewer's: in control they go to the host.
    copyPicture_->setShortcut(holds ? QKeySequence()
                                    : QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    toolbar_->setParticipants(joined ? session_->roster().participants()
                                     : std::vector<Roster::Participant>{},
                              joined ? session_->userId() : 0);

    const bool wasForwarding = forwarder_->isEnabled();
    forwarder_->setEnabled(holds);
    indicator_->setActive(holds);
    if (holds && !wasForwarding) {
        banner_->clearIf(offeredMessage());
        canvas_->setFocus(Qt::OtherFocusReason);
    }

    if (!joined)
        toolbar_->setFloorText(QString());
    else if (holds)
        toolbar_->setFloorText(tr("In control: you"));
    else if (pending)
        toolbar_->setFloorText(
            tr("In control: %1 (you asked)").arg(nameOf(session_->floorHolder())));
    else
        toolbar_->setFloorText(tr("In control: %1").arg(nameOf(session_->floorHolder())));
}

QString ViewerWindow::nameOf(uint16_t userId) const
{
    if (!session_)
        return {};
    const Roster::Participant *participant = session_->roster().find(userId);
    const bool isHost = userId == protocol::kHostUserId ||
        (participant && participant->role == protocol::Role::Host);
    const QString name = participant ? QString::fromStdString(participant->name)
        : isHost                     ? session_->hostName()
                                     : tr("participant %1").arg(userId);
    return isHost ? tr("%1 (host)").arg(name.isEmpty() ? tr("the host") : name) : name;
}

void ViewerWindow::updateTitle()
{
    const QString where = QStringLiteral("%1:%2").arg(link_.host).arg(link_.port);
    if (!session_ || !session_->isJoined()) {
        setWindowTitle(ended_ ? tr("Not connected to %1 — Baton").arg(where)
                              : tr("Joining %1 — Baton").arg(where));
        return;
    }
    const QString title =
        session_->windowTitle().isEmpty() ? tr("Shared window") : session_->windowTitle();
    const QString host = session_->hostName().isEmpty() ? where : session_->hostName();
    setWindowTitle(ended_ ? tr("%1 on %2 (ended) — Baton").arg(title, host)
                          : tr("%1 on %2 — Baton").arg(title, host));
}

void ViewerWindow::sampleStats()
{
    if (!session_ || !session_->isJoined())
        return;
    const qint64 bytes = session_->connection() ? session_->connection()->bytesReceived()
                                                : session_->stats().bytesReceived;
    const ViewerRateMeter::Rates rates = meter_.sample(session_->stats(), bytes, clock_.elapsed());
    toolbar_->setStatsText(ViewerRateMeter::describe(rates));
}

void ViewerWindow::closeEvent(QCloseEvent *event)
{
    // Leaving is closing: the session says goodbye now, not when the window is deleted.
    if (session_ && !ended_) {
        retire(session_);
        ended_ = true;
        statsTimer_.stop();
        banner_->showMessage(ViewerStatusBanner::Kind::Information, tr("You left the session."),
                             {toolbar_->reconnectAction()});
        updateTitle();
        updateControls();
    }
    event->accept();
}

} // namespace baton::ui
