#pragma once

#include "core/common/InviteLink.h"
#include "ui/settings/AppSettings.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace baton::ui {

class QrCodeWidget;

// How others join: the invite link to copy, in its native form (Baton) and its web form
// (any browser), a QR code of either for a phone or a room display's camera, and the
// port and passcode for someone typing them in. Under the web link, what a browser will
// say about the host's certificate, with the fingerprint to compare.
class InviteView : public QWidget {
    Q_OBJECT
public:
    explicit InviteView(QWidget *parent = nullptr);

    // nullopt: not sharing; the fields say so and Copy is disabled. ownCertificate: the
    // share uses the host's self-signed certificate (browsers warn), not one from a CA.
    void setInvite(const std::optional<InviteLink> &link, bool ownCertificate = true);
    // Which link the QR code carries; changing it in the view emits qrFormChanged().
    void setQrForm(InviteForm form);
    InviteForm qrForm() const;

    QLineEdit *linkField() const { return link_; }
    QPushButton *copyButton() const { return copy_; }
    QLineEdit *webLinkField() const { return webLink_; }
    QPushButton *copyWebButton() const { return copyWeb_; }
    QLabel *webHintLabel() const { return webHint_; }
    QComboBox *qrFormBox() const { return qrForm_; }
    QrCodeWidget *qrCode() const { return qr_; }
    QLabel *portLabel() const { return port_; }
    QLabel *passcodeLabel() const { return passcode_; }
    // What to do next, shown while nothing is shared.
    QLabel *hintLabel() const { return hint_; }

signals:
    void qrFormChanged(InviteForm form);

private:
    void showQrCode();

    QLineEdit *link_;
    QPushButton *copy_;
    QLineEdit *webLink_;
    QPushButton *copyWeb_;
    QLabel *webHint_;
    QComboBox *qrForm_;
    QrCodeWidget *qr_;
    QLabel *port_;
    QLabel *passcode_;
    QLabel *hint_;
};

} // namespace baton::ui
