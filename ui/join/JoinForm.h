#pragma once

#include "core/common/InviteLink.h"

#include <QWidget>

#include <optional>

class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace baton::ui {

// Where to join: an invite link pasted whole, or its parts typed one by one (address,
// port, session ID, the certificate fingerprint that makes the connection safe, and the
// passcode). A pasted link wins; the parts are disabled while there is one. Says in
// words what is missing or wrong, as the user types.
class JoinForm : public QWidget {
    Q_OBJECT
public:
    explicit JoinForm(quint16 defaultPort, QWidget *parent = nullptr);

    // The link the form describes; nullopt with a sentence for the user otherwise.
    std::optional<InviteLink> link(QString *error = nullptr) const;
    // The sentence shown under the form: why Join is not possible yet, or empty.
    QString problem() const;

    QLineEdit *linkEdit() const { return linkEdit_; }
    QLineEdit *hostEdit() const { return hostEdit_; }
    QSpinBox *portSpin() const { return portSpin_; }
    QLineEdit *sessionEdit() const { return sessionEdit_; }
    QLineEdit *fingerprintEdit() const { return fingerprintEdit_; }
    QLineEdit *passcodeEdit() const { return passcodeEdit_; }

signals:
    void changed();
    // Return pressed in one of the fields.
    void submitted();

private:
    std::optional<InviteLink> linkFromParts(QString *error) const;
    void onChanged();

    QLineEdit *linkEdit_;
    QGroupBox *details_;
    QLineEdit *hostEdit_;
    QSpinBox *portSpin_;
    QLineEdit *sessionEdit_;
    QLineEdit *fingerprintEdit_;
    QLineEdit *passcodeEdit_;
    QLabel *problem_;
};

} // namespace baton::ui
