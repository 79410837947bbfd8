#pragma once

#include "core/common/InviteLink.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace baton::ui {

class RdpGatewayProcess;

// The Share panel's offer to RDP clients: ticking "Also let RDP clients join" runs the RDP
// gateway (RdpGatewayProcess) for the running share, on port 3389 when it is free, else on
// any free port; once the gateway listens, the rdp:// address to copy, the password, and the
// fingerprint that RDP clients ask the person to accept; when it fails, why. Unticking the
// box stops the gateway. When the share ends the gateway sees it end too and tells its RDP
// clients so itself; it is stopped only when it is still running kShareEndGraceMs later.
class RdpGatewayView : public QWidget {
    Q_OBJECT
public:
    // The port RDP clients open when the address names none.
    static constexpr quint16 kRdpPort = 3389;
    // Longer than the gateway's own time for its RDP clients to read why (11 s).
    static constexpr int kShareEndGraceMs = 15000;

    explicit RdpGatewayView(QWidget *parent = nullptr);

    // The running share's link, its passcode included; nullopt: nothing is shared, the box
    // is unticked and disabled, and a running gateway stops.
    void setShare(const std::optional<InviteLink> &link);
    // The baton-cli that runs the gateway; RdpGatewayProcess::defaultProgram() unless set.
    void setProgram(const QString &program) { program_ = program; }

    QCheckBox *enableBox() const { return enable_; }
    QLineEdit *addressField() const { return address_; }
    QPushButton *copyButton() const { return copy_; }
    QLabel *passwordLabel() const { return password_; }
    QLabel *certificateLabel() const { return certificate_; }
    // Starting, a note about the port, or why the gateway failed.
    QLabel *statusLabel() const { return status_; }
    // The gateway running for this share; null when none (a stopping one no longer counts).
    RdpGatewayProcess *gateway() const { return gateway_; }

private:
    void setEnabledByPerson(bool enable);
    void startGateway();
    enum class Release { Now, AfterShareEnd };
    // Lets the current gateway go: it stops (now, or kShareEndGraceMs later when it has not
    // left by itself) and is deleted once it has left.
    void releaseGateway(Release when = Release::Now);
    void onStarted(const QString &address, const QString &password, const QString &fingerprint);
    void onFailed(const QString &reason);
    void onStoppedByItself();
    // Unticks the box without starting or stopping anything.
    void untick();
    void showAddress(bool shown);

    QCheckBox *enable_;
    QWidget *details_; // the address, password and certificate rows
    QLineEdit *address_;
    QPushButton *copy_;
    QLabel *password_;
    QLabel *certificate_;
    QLabel *status_;
    QString program_;
    std::optional<InviteLink> link_;
    RdpGatewayProcess *gateway_ = nullptr;
    quint16 port_ = 0; // asked of the running gateway
};

} // namespace baton::ui
