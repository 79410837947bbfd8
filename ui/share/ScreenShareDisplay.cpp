#include "ui/share/ScreenShareDisplay.h"

#include "core/net/CloseInfo.h"
#include "core/viewer/ViewerSession.h"
#include "ui/share/Logging.h"
#include "ui/viewer/ViewerWidget.h"

#include <QEvent>
#include <QGuiApplication>
#include <QScreen>
#include <QWindow>

namespace baton {

using display::BackendResult;

ScreenShareDisplay::ScreenShareDisplay(QString viewerName, QObject *parent)
    : ShareDisplay(parent), viewerName_(std::move(viewerName))
{
    connect(qGuiApp, &QGuiApplication::screenRemoved, this, &ScreenShareDisplay::onScreenRemoved);
}

ScreenShareDisplay::~ScreenShareDisplay()
{
    // Nobody listens any more: say goodbye to every host and close the windows quietly.
    for (auto &[displayId, shown] : shown_) {
        if (shown.widget) {
            shown.widget->removeEventFilter(this);
            delete shown.widget.data();
        }
        if (shown.session) {
            shown.session->disconnect(this);
            shown.session->setParent(nullptr); // outlives this object until its goodbye is out
            shown.session->leave();
            shown.session->deleteLater();
        }
    }
}

QScreen *ScreenShareDisplay::screenFor(const display::DisplayInfo &display)
{
    const QList<QScreen *> screens = QGuiApplication::screens();
    for (QScreen *screen : screens)
        if (!display.connector.isEmpty() && screen->name() == display.connector)
            return screen;
    if (!display.layout.mode)
        return nullptr;
    // Quarter turns swap the mode's width and height on the desktop.
    const bool turned = display.layout.rotationDeg == 90 || display.layout.rotationDeg == 270;
    const QSize size = turned ? QSize(display.layout.mode->height, display.layout.mode->width)
                              : QSize(display.layout.mode->width, display.layout.mode->height);
    for (QScreen *screen : screens) {
        const qreal dpr = screen->devicePixelRatio();
        const QRect geometry = screen->geometry();
        const QSize devicePixels(qRound(geometry.width() * dpr), qRound(geometry.height() * dpr));
        if (geometry.topLeft() == display.layout.position && devicePixels == size)
            return screen;
    }
    return nullptr;
}

BackendResult ScreenShareDisplay::join(const display::DisplayInfo &display, const InviteLink &link, Fit fit,
                                       quint64 op)
{
    if (!display.layout.enabled)
        return BackendResult::fail(BackendResult::Kind::Unavailable,
                                   QStringLiteral("display %1 is switched off").arg(display.id));
    QScreen *screen = screenFor(display);
    if (!screen)
        return BackendResult::fail(BackendResult::Kind::Unavailable,
                                   QStringLiteral("no screen of this window system shows display %1").arg(display.id));
    if (shown_.count(display.id))
        close(display.id, QStringLiteral("replaced by another session"));

    net::ViewerOptions options;
    options.displayName = viewerName_.toStdString();
    auto *session = new ViewerSession(link, options, this);
    auto *widget = new ViewerWidget(session);
    widget->setWindowFlag(Qt::FramelessWindowHint);
    widget->setWindowTitle(tr("Baton share on %1").arg(display.id));
    widget->setScaling(fit == Fit::OneToOne ? ViewerWidget::Scaling::OneToOne : ViewerWidget::Scaling::Fit);
    widget->setCursor(Qt::BlankCursor); // a room screen shows the host's pointer, not ours
    widget->installEventFilter(this);
    // Place the window on the screen before it maps, so full screen happens there.
    widget->setGeometry(screen->geometry());
    widget->winId();
    widget->windowHandle()->setScreen(screen);
    widget->showFullScreen();

    shown_[display.id] = Shown{link, op, false, screen, session, widget};
    const QString displayId = display.id;
    connect(session, &ViewerSession::joined, this, [this, displayId, session] {
        const auto it = shown_.find(displayId);
        if (it == shown_.end() || it->second.session != session)
            return;
        it->second.started = true;
        qCInfo(lcShare) << "showing" << session->hostName() << "on" << displayId;
        emit started(displayId, it->second.op);
    });
    connect(session, &ViewerSession::ended, this, [this, displayId, session](const net::CloseInfo &info) {
        onSessionEnded(displayId, session, info.text());
    });
    qCInfo(lcShare) << "joining" << link.host << "on" << displayId << "screen" << screen->name();
    session->start();
    return BackendResult::ok();
}

BackendResult ScreenShareDisplay::leave(const QString &displayId)
{
    if (!shown_.count(displayId))
        return BackendResult::fail(BackendResult::Kind::Unavailable,
                                   QStringLiteral("nothing is shown on display %1").arg(displayId));
    close(displayId, QStringLiteral("left"));
    return BackendResult::ok();
}

std::optional<InviteLink> ScreenShareDisplay::shownOn(const QString &displayId) const
{
    const auto it = shown_.find(displayId);
    if (it == shown_.end())
        return std::nullopt;
    return it->second.link;
}

ViewerWidget *ScreenShareDisplay::viewerOn(const QString &displayId) const
{
    const auto it = shown_.find(displayId);
    return it == shown_.end() ? nullptr : it->second.widget.data();
}

void ScreenShareDisplay::close(const QString &displayId, const QString &reason)
{
    const auto it = shown_.find(displayId);
    if (it == shown_.end())
        return;
    Shown shown = it->second;
    shown_.erase(it);
    if (shown.widget) {
        shown.widget->removeEventFilter(this);
        shown.widget->hide();
        shown.widget->deleteLater();
    }
    if (shown.session) {
        // The goodbye needs the event loop to reach the host; the session goes when it ended.
        shown.session->disconnect(this);
        connect(shown.session.data(), &ViewerSession::ended, shown.session.data(), &QObject::deleteLater);
        if (shown.session->isJoined())
            shown.session->leave();
        else
            shown.session->deleteLater();
    }
    qCInfo(lcShare) << "closed the viewer on" << displayId << ":" << reason;
    if (shown.started)
        emit ended(displayId, reason);
    else
        emit failed(displayId, shown.op, reason);
}

void ScreenShareDisplay::onSessionEnded(const QString &displayId, ViewerSession *session, const QString &reason)
{
    const auto it = shown_.find(displayId);
    if (it == shown_.end() || it->second.session != session)
        return;
    const Shown shown = it->second;
    shown_.erase(it);
    if (shown.widget) {
        shown.widget->removeEventFilter(this);
        shown.widget->hide();
        shown.widget->deleteLater();
    }
    session->deleteLater();
    qCInfo(lcShare) << "the share on" << displayId << "ended:" << reason;
    if (shown.started)
        emit ended(displayId, reason);
    else
        emit failed(displayId, shown.op, reason);
}

void ScreenShareDisplay::onScreenRemoved(QScreen *screen)
{
    QStringList gone;
    for (const auto &[displayId, shown] : shown_)
        if (shown.screen == screen)
            gone.append(displayId);
    for (const QString &displayId : std::as_const(gone))
        close(displayId, QStringLiteral("the display went away"));
}

bool ScreenShareDisplay::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Close) {
        for (const auto &[displayId, shown] : shown_)
            if (shown.widget == watched) {
                const QString id = displayId; // close() erases the entry this refers to
                close(id, QStringLiteral("the viewer window was closed"));
                break;
            }
    }
    return ShareDisplay::eventFilter(watched, event);
}

} // namespace baton
