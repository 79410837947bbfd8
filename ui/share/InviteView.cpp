#include "ui/share/InviteView.h"

#include "ui/share/QrCodeWidget.h"

#include <QClipboard>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace baton::ui {

InviteView::InviteView(QWidget *parent)
    : QWidget(parent),
      link_(new QLineEdit(this)),
      copy_(new QPushButton(tr("&Copy"), this)),
      qr_(new QrCodeWidget(this)),
      port_(new QLabel(this)),
      passcode_(new QLabel(this)),
      hint_(new QLabel(tr("Pick a window on the left and press Start sharing. The invite link "
                          "and its QR code appear here."),
                       this))
{
    hint_->setWordWrap(true);
    hint_->setAccessibleName(tr("What to do next"));
    link_->setReadOnly(true);
    link_->setAccessibleName(tr("Invite link"));
    copy_->setAccessibleName(tr("Copy the invite link"));
    port_->setAccessibleName(tr("Port"));
    port_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    passcode_->setAccessibleName(tr("Passcode"));
    passcode_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    connect(copy_, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(link_->text()); });

    auto *linkRow = new QHBoxLayout;
    linkRow->addWidget(link_, 1);
    linkRow->addWidget(copy_);
    auto *form = new QFormLayout;
    auto *linkLabel = new QLabel(tr("Invite &link:"), this);
    linkLabel->setBuddy(link_);
    form->addRow(linkLabel, linkRow);
    form->addRow(tr("Port:"), port_);
    form->addRow(tr("Passcode:"), passcode_);
    auto *left = new QVBoxLayout;
    left->addWidget(hint_);
    left->addLayout(form);
    left->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins({});
    layout->addLayout(left, 1);
    layout->addWidget(qr_);
    setTabOrder(link_, copy_);
    setInvite(std::nullopt);
}

void InviteView::setInvite(const std::optional<InviteLink> &link)
{
    copy_->setEnabled(link.has_value());
    hint_->setVisible(!link);
    if (!link) {
        link_->clear();
        link_->setPlaceholderText(tr("Start sharing to get a link"));
        qr_->setText({});
        qr_->hide();
        port_->setText(tr("—"));
        passcode_->setText(tr("—"));
        return;
    }
    const QString text = link->toString();
    link_->setText(text);
    link_->setCursorPosition(0);
    qr_->setText(text);
    qr_->show();
    port_->setText(QString::number(link->port));
    passcode_->setText(link->passcode.isEmpty() ? tr("none") : link->passcode);
}

} // namespace baton::ui
