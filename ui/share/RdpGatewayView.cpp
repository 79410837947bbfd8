#include "ui/share/RdpGatewayView.h"

#include "core/session/ShareLauncher.h"
#include "ui/share/RdpGatewayProcess.h"

#include <QCheckBox>
#include <QClipboard>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTimer>
#include <QVBoxLayout>

namespace baton::ui {

RdpGatewayView::RdpGatewayView(QWidget *parent)
    : QWidget(parent),
      enable_(new QCheckBox(tr("Also let &RDP clients join"), this)),
      details_(new QWidget(this)),
      address_(new QLineEdit(details_)),
      copy_(new QPushButton(tr("Copy"), details_)),
      password_(new QLabel(details_)),
      certificate_(new QLabel(details_)),
      status_(new QLabel(this)),
      program_(RdpGatewayProcess::defaultProgram())
{
    enable_->setToolTip(tr("Runs Baton's RDP gateway for this share, so that anyone can watch "
                           "and take control with the RDP client their system already has "
                           "(Remote Desktop Connection, Remmina, FreeRDP)."));
    address_->setReadOnly(true);
    address_->setAccessibleName(tr("Address for RDP clients"));
    copy_->setAccessibleName(tr("Copy the address for RDP clients"));
    password_->setAccessibleName(tr("Password for RDP clients"));
    password_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    certificate_->setWordWrap(true);
    certificate_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    certificate_->setTextFormat(Qt::RichText);
    certificate_->setAccessibleName(tr("What RDP clients say about the certificate"));
    certificate_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    status_->setWordWrap(true);
    status_->setAccessibleName(tr("RDP gateway status"));
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    // As the invite's links: a read-only field with its Copy button beside it.
    auto *addressRow = new QHBoxLayout;
    addressRow->addWidget(address_, 1);
    addressRow->addWidget(copy_);
    auto *form = new QFormLayout(details_);
    form->setContentsMargins({});
    auto *addressLabel = new QLabel(tr("RDP addr&ess:"), details_);
    addressLabel->setBuddy(address_);
    form->addRow(addressLabel, addressRow);
    form->addRow(tr("Password:"), password_);
    form->addRow(QString(), certificate_);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(enable_);
    layout->addWidget(details_);
    layout->addWidget(status_);
    setTabOrder(enable_, address_);
    setTabOrder(address_, copy_);

    connect(enable_, &QCheckBox::toggled, this, &RdpGatewayView::setEnabledByPerson);
    connect(copy_, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(address_->text()); });
    setShare(std::nullopt);
}

void RdpGatewayView::setShare(const std::optional<InviteLink> &link)
{
    link_ = link;
    enable_->setEnabled(link.has_value());
    if (link)
        return;
    releaseGateway(Release::AfterShareEnd);
    untick();
    showAddress(false);
    status_->clear();
    status_->hide();
}

void RdpGatewayView::setEnabledByPerson(bool enable)
{
    if (enable) {
        startGateway();
        return;
    }
    releaseGateway();
    showAddress(false);
    status_->clear();
    status_->hide();
}

void RdpGatewayView::startGateway()
{
    if (!link_ || gateway_)
        return;
    // The gateway runs on this computer, so its viewer joins over loopback, whatever
    // address the link gives others.
    InviteLink link = *link_;
    link.host = QStringLiteral("127.0.0.1");
    // RDP clients open 3389 when the address names no port, so it is asked for first; when
    // another program (or a gateway still leaving) has it, any free port does, since the
    // address shown carries it.
    port_ = ShareLauncher::isPortTaken(QHostAddress::Any, kRdpPort) ? 0 : kRdpPort;
    gateway_ = new RdpGatewayProcess(program_, this);
    connect(gateway_, &RdpGatewayProcess::started, this, &RdpGatewayView::onStarted);
    connect(gateway_, &RdpGatewayProcess::failed, this, &RdpGatewayView::onFailed);
    connect(gateway_, &RdpGatewayProcess::stopped, this, &RdpGatewayView::onStoppedByItself);
    gateway_->start(link, port_);
    status_->setText(tr("Starting the RDP gateway…"));
    status_->show();
}

void RdpGatewayView::releaseGateway(Release when)
{
    RdpGatewayProcess *gateway = std::exchange(gateway_, nullptr);
    if (!gateway)
        return;
    disconnect(gateway, nullptr, this, nullptr);
    if (!gateway->isRunning()) {
        gateway->deleteLater();
        return;
    }
    // Whatever it says now, it is over: deleted once it has left.
    connect(gateway, &RdpGatewayProcess::stopped, gateway, &QObject::deleteLater);
    connect(gateway, &RdpGatewayProcess::failed, gateway, &QObject::deleteLater);
    if (when == Release::Now)
        gateway->stop();
    else // stopped now, it would tell its clients it was stopped, not that the share ended
        QTimer::singleShot(kShareEndGraceMs, gateway, &RdpGatewayProcess::stop);
}

void RdpGatewayView::onStarted(const QString &address, const QString &password,
                               const QString &fingerprint)
{
    address_->setText(address);
    address_->setCursorPosition(0);
    password_->setText(password);
    // In a fixed font: it is read group by group against the RDP client's certificate dialog.
    certificate_->setText(
        tr("RDP clients warn about the gateway's own certificate: accept it if its "
           "fingerprint is %1")
            .arg(QStringLiteral("<tt>%1</tt>").arg(fingerprint.toHtmlEscaped())));
    showAddress(true);
    const bool portTaken = port_ != kRdpPort;
    status_->setText(portTaken ? tr("Port %1 was taken, so another one is used.").arg(kRdpPort)
                               : QString());
    status_->setVisible(portTaken);
}

void RdpGatewayView::onFailed(const QString &reason)
{
    const bool listened = gateway_->hasListened();
    releaseGateway();
    // Another program took the port between the look and the gateway's own try.
    if (!listened && port_ == kRdpPort && ShareLauncher::isPortTaken(QHostAddress::Any, kRdpPort)) {
        startGateway();
        return;
    }
    untick();
    showAddress(false);
    status_->setText(listened ? tr("The RDP gateway has left the share: %1").arg(reason)
                              : tr("RDP clients cannot join: %1").arg(reason));
    status_->show();
}

void RdpGatewayView::onStoppedByItself()
{
    releaseGateway();
    untick();
    showAddress(false);
    status_->setText(tr("The RDP gateway has left the share."));
    status_->show();
}

void RdpGatewayView::untick()
{
    const QSignalBlocker blocker(enable_);
    enable_->setChecked(false);
}

void RdpGatewayView::showAddress(bool shown)
{
    details_->setVisible(shown);
    copy_->setEnabled(shown);
    if (shown)
        return;
    address_->clear();
    password_->clear();
    certificate_->clear();
}

} // namespace baton::ui
