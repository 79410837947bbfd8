#pragma once

#include "core/input/LocalInputMonitor.h"

#include <QPointer>
#include <QWidget>

namespace baton {

// LocalInputMonitor for a widget shared in-process (the demo): a key, button or wheel
// from the person at this machine over the widget or its children. Spontaneous events
// only: the WidgetInputInjector's synthetic ones come from the viewers.
class WidgetLocalInputMonitor : public LocalInputMonitor {
    Q_OBJECT
public:
    explicit WidgetLocalInputMonitor(QWidget *window, QObject *parent = nullptr);
    ~WidgetLocalInputMonitor() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPointer<QWidget> window_;
};

} // namespace baton
