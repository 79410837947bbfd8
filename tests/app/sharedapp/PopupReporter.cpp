#include "PopupReporter.h"

#include "Say.h"

#include <QComboBox>
#include <QDialog>
#include <QEvent>
#include <QMenu>
#include <QWidget>

namespace baton::sharedapp {

bool PopupReporter::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Show || !watched->isWidgetType())
        return false;
    const auto *widget = static_cast<QWidget *>(watched);
    if (!widget->isWindow())
        return false;
    if (const auto *menu = qobject_cast<const QMenu *>(widget))
        say(QStringLiteral("menu: shown ") + menu->title().remove(QLatin1Char('&')));
    else if (qobject_cast<const QDialog *>(widget))
        say(QStringLiteral("dialog: shown"));
    else if (widget->windowType() == Qt::ToolTip)
        say(QStringLiteral("tooltip: shown"));
    else if (widget->windowType() == Qt::Popup &&
             qobject_cast<const QComboBox *>(widget->parentWidget()))
        say(QStringLiteral("combo popup: shown"));
    return false;
}

} // namespace baton::sharedapp
