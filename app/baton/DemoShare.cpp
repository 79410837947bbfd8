#include "DemoShare.h"

#include "core/net/CertificateStore.h"
#include "core/session/HostSession.h"
#include "core/viewer/ViewerSession.h"
#include "ui/capture/WidgetWindowSource.h"
#include "ui/input/WidgetInputInjector.h"
#include "ui/viewer/ViewerWidget.h"

#include <QCoreApplication>
#include <QEvent>
#include <QShortcut>
#include <QWidget>

namespace baton {

DemoShare::DemoShare(QWidget *demoWindow, const QKeySequence &panicKey, QObject *parent)
    : QObject(parent), demoWindow_(demoWindow), panicKey_(panicKey)
{
}

DemoShare::~DemoShare() = default;

QWidget *DemoShare::viewerWindow() const
{
    return viewerWindow_.get();
}

bool DemoShare::eventFilter(QObject *watched, QEvent *event)
{
    // Spontaneous input comes from the person at this machine; the injector's synthetic
    // events are not spontaneous.
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
        if (auto *widget = qobject_cast<QWidget *>(watched); widget && event->spontaneous() &&
            host_ && (widget == demoWindow_ || demoWindow_->isAncestorOf(widget)))
            host_->floor().hostInput();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

bool DemoShare::start(QString *error)
{
    const auto identity = net::CertificateStore::generate(QStringLiteral("Baton demo"), error);
    if (!identity)
        return false;
    HostSessionConfig config = loopbackConfig("demo", "Baton demo");
    host_ = std::make_unique<HostSession>(std::make_unique<WidgetWindowSource>(demoWindow_),
                                          *identity, std::move(config));
    host_->setInputInjector(std::make_unique<WidgetInputInjector>(demoWindow_));
    if (!host_->start(error))
        return false;
    auto *panic = new QShortcut(panicKey_, demoWindow_);
    panic->setContext(Qt::ApplicationShortcut);
    connect(panic, &QShortcut::activated, this, [this] { host_->floor().revoke(); });
    QCoreApplication::instance()->installEventFilter(this);

    net::ViewerOptions options;
    options.displayName = "Demo viewer";
    viewer_ = std::make_unique<ViewerSession>(host_->inviteLink(), options);
    viewerWindow_ = std::make_unique<ViewerWidget>(viewer_.get());
    viewerWindow_->setWindowTitle(tr("Baton viewer: the demo window, shared over loopback"));
    viewerWindow_->resize(demoWindow_->size());
    viewerWindow_->move(demoWindow_->geometry().topRight() + QPoint(24, 0));
    viewerWindow_->show();
    viewer_->start();
    return true;
}

} // namespace baton
