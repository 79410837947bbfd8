#include "ui/share/InviteView.h"

#include "ui/settings/SettingsDialog.h"
#include "ui/share/QrCodeWidget.h"

#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

// A read-only link field with its Copy button beside it.
QHBoxLayout *linkRow(QLineEdit *field, QPushButton *copy)
{
    field->setReadOnly(true);
    QObject::connect(copy, &QPushButton::clicked, field,
                     [field] { QGuiApplication::clipboard()->setText(field->text()); });
    auto *row = new QHBoxLayout;
    row->addWidget(field, 1);
    row->addWidget(copy);
    return row;
}

} // namespace

InviteView::InviteView(QWidget *parent)
    : QWidget(parent),
      link_(new QLineEdit(this)),
      copy_(new QPushButton(tr("&Copy"), this)),
      webLink_(new QLineEdit(this)),
      copyWeb_(new QPushButton(tr("Cop&y"), this)),
      webHint_(new QLabel(this)),
      qrForm_(new QComboBox(this)),
      qr_(new QrCodeWidget(this)),
      port_(new QLabel(this)),
      passcode_(new QLabel(this)),
      hint_(new QLabel(tr("Pick a window on the left and press Start sharing. The invite links "
                          "and a QR code appear here."),
                       this))
{
    hint_->setWordWrap(true);
    hint_->setAccessibleName(tr("What to do next"));
    link_->setAccessibleName(tr("Invite link for Baton"));
    copy_->setAccessibleName(tr("Copy the invite link for Baton"));
    webLink_->setAccessibleName(tr("Invite link for a web browser"));
    copyWeb_->setAccessibleName(tr("Copy the invite link for a web browser"));
    webHint_->setWordWrap(true);
    webHint_->setTextFormat(Qt::RichText);
    webHint_->setAccessibleName(tr("What the browser says about the certificate"));
    webHint_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    qrForm_->setAccessibleName(tr("Link in the QR code"));
    qrForm_->addItem(tr("Baton link"), int(InviteForm::Native));
    qrForm_->addItem(tr("Browser link"), int(InviteForm::Web));
    port_->setAccessibleName(tr("Port"));
    port_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    passcode_->setAccessibleName(tr("Passcode"));
    passcode_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    connect(qrForm_, &QComboBox::currentIndexChanged, this, [this] {
        showQrCode();
        emit qrFormChanged(qrForm());
    });

    auto *form = new QFormLayout;
    auto *linkLabel = new QLabel(tr("Baton &link:"), this);
    linkLabel->setBuddy(link_);
    form->addRow(linkLabel, linkRow(link_, copy_));
    auto *webLabel = new QLabel(tr("&Browser link:"), this);
    webLabel->setBuddy(webLink_);
    form->addRow(webLabel, linkRow(webLink_, copyWeb_));
    form->addRow(QString(), webHint_);
    form->addRow(tr("Port:"), port_);
    form->addRow(tr("Passcode:"), passcode_);
    auto *qrLabel = new QLabel(tr("&QR code:"), this);
    qrLabel->setBuddy(qrForm_);
    form->addRow(qrLabel, qrForm_);
    auto *left = new QVBoxLayout;
    left->addWidget(hint_);
    left->addLayout(form);
    left->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins({});
    layout->addLayout(left, 1);
    layout->addWidget(qr_);
    setTabOrder(link_, copy_);
    setTabOrder(copy_, webLink_);
    setTabOrder(webLink_, copyWeb_);
    setTabOrder(copyWeb_, qrForm_);
    setInvite(std::nullopt);
}

void InviteView::setInvite(const std::optional<InviteLink> &link, bool ownCertificate)
{
    copy_->setEnabled(link.has_value());
    copyWeb_->setEnabled(link.has_value());
    hint_->setVisible(!link);
    webHint_->setVisible(link.has_value());
    if (!link) {
        link_->clear();
        link_->setPlaceholderText(tr("Start sharing to get a link"));
        webLink_->clear();
        webLink_->setPlaceholderText(tr("Start sharing to get a link"));
        webHint_->clear();
        qr_->setText({});
        qr_->hide();
        port_->setText(tr("—"));
        passcode_->setText(tr("—"));
        return;
    }
    link_->setText(link->toString());
    link_->setCursorPosition(0);
    webLink_->setText(link->toWebString());
    webLink_->setCursorPosition(0);
    // In a fixed font: it is read group by group against the browser's certificate viewer.
    const QString fingerprint =
        QStringLiteral("<tt>%1</tt>").arg(SettingsDialog::fingerprintText(link->fingerprint));
    webHint_->setText(
        ownCertificate
            ? tr("Browsers warn about this computer's own certificate: accept it "
                 "if its SHA-256 fingerprint is %1")
                  .arg(fingerprint)
            : tr("Browsers trust this certificate from a CA (SHA-256 %1)").arg(fingerprint));
    showQrCode();
    qr_->show();
    port_->setText(QString::number(link->port));
    passcode_->setText(link->passcode.isEmpty() ? tr("none") : link->passcode);
}

void InviteView::setQrForm(InviteForm form)
{
    // The signal is for the person's choice, not for this.
    const QSignalBlocker blocker(qrForm_);
    qrForm_->setCurrentIndex(qrForm_->findData(int(form)));
    showQrCode();
}

InviteForm InviteView::qrForm() const
{
    return InviteForm(qrForm_->currentData().toInt());
}

void InviteView::showQrCode()
{
    const QLineEdit *shown = qrForm() == InviteForm::Web ? webLink_ : link_;
    qr_->setText(shown->text());
}

} // namespace baton::ui
