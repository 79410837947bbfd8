#pragma once

#include <QObject>

namespace baton {

// Tells the host session that the person at the host used the shared window (a key
// pressed while it has the focus, a button pressed over it): the floor comes back to the
// host at once. Input the session's own injector delivered never counts. One backend per
// platform, beside the InputInjector (X11: XInput 2 raw events).
class LocalInputMonitor : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~LocalInputMonitor() override = default;

signals:
    void localInput();
};

} // namespace baton
