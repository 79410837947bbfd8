#pragma once

#include <QFrame>
#include <QString>

#include <cstdint>

class QPushButton;

namespace baton::ui {

// "Ana asks for control", with Approve and Deny: a small frameless notification that
// stays on top without taking the focus from the window the host is working in, so a
// request never interrupts typing. One per request; it closes (and deletes itself) when
// answered or when the request is withdrawn.
class ControlRequestPopup : public QFrame {
    Q_OBJECT
public:
    ControlRequestPopup(uint16_t userId, const QString &name, QWidget *parent = nullptr);

    uint16_t userId() const { return userId_; }
    QPushButton *approveButton() const { return approve_; }
    QPushButton *denyButton() const { return deny_; }

public slots:
    // Closes the popup when it is userId's: the viewer gave up or left.
    void withdraw(uint16_t userId);

signals:
    void approved(uint16_t userId);
    void denied(uint16_t userId);

private:
    void answer(bool approve);

    uint16_t userId_;
    QPushButton *approve_;
    QPushButton *deny_;
    bool answered_ = false;
};

} // namespace baton::ui
