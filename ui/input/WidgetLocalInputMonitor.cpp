#include "WidgetLocalInputMonitor.h"

#include <QCoreApplication>
#include <QEvent>

namespace baton {

WidgetLocalInputMonitor::WidgetLocalInputMonitor(QWidget *window, QObject *parent)
    : LocalInputMonitor(parent), window_(window)
{
    // Application-wide: events go to the child under the pointer or with the focus.
    QCoreApplication::instance()->installEventFilter(this);
}

WidgetLocalInputMonitor::~WidgetLocalInputMonitor()
{
    QCoreApplication::instance()->removeEventFilter(this);
}

bool WidgetLocalInputMonitor::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
        if (auto *widget = qobject_cast<QWidget *>(watched); widget && window_ &&
            event->spontaneous() && (widget == window_ || window_->isAncestorOf(widget)))
            emit localInput();
        break;
    default:
        break;
    }
    return LocalInputMonitor::eventFilter(watched, event);
}

} // namespace baton
