#pragma once

#include "core/common/InviteLink.h"

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace baton::ui {

class QrCodeWidget;

// How others join: the invite link to copy, its QR code for a phone or a room display's
// camera, and the port and passcode for someone typing them in.
class InviteView : public QWidget {
    Q_OBJECT
public:
    explicit InviteView(QWidget *parent = nullptr);

    // nullopt: not sharing; the fields say so and Copy is disabled.
    void setInvite(const std::optional<InviteLink> &link);

    QLineEdit *linkField() const { return link_; }
    QPushButton *copyButton() const { return copy_; }
    QrCodeWidget *qrCode() const { return qr_; }
    QLabel *portLabel() const { return port_; }
    QLabel *passcodeLabel() const { return passcode_; }
    // What to do next, shown while nothing is shared.
    QLabel *hintLabel() const { return hint_; }

private:
    QLineEdit *link_;
    QPushButton *copy_;
    QrCodeWidget *qr_;
    QLabel *port_;
    QLabel *passcode_;
    QLabel *hint_;
};

} // namespace baton::ui
