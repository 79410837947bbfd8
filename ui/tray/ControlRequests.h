#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <cstdint>
#include <map>

namespace baton::ui {

class ControlRequestPopup;

// The open control requests, one ControlRequestPopup each, stacked upwards from the
// bottom-right corner of the screen. The application feeds it the share's requests
// when the policy is ask and forwards the answers to the share.
class ControlRequests : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~ControlRequests() override;

    // The popup showing userId's request, or null.
    ControlRequestPopup *popup(uint16_t userId) const;
    int count() const { return int(popups_.size()); }

public slots:
    // Shows a popup for the request; a second request from the same viewer reuses it.
    void request(uint16_t userId, const QString &name);
    void withdraw(uint16_t userId);
    // Closes every popup: the share ended.
    void clear();

signals:
    void approved(uint16_t userId);
    void denied(uint16_t userId);

private:
    void place();

    // QObject guards, read through qobject_cast: a popup's destroyed() arrives when it is
    // no longer a ControlRequestPopup, and a static downcast then is undefined behaviour.
    std::map<uint16_t, QPointer<QObject>> popups_;
};

} // namespace baton::ui
