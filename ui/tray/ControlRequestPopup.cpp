#include "ControlRequestPopup.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

constexpr int kIconSizePx = 40;
constexpr int kWidthPx = 360;

} // namespace

ControlRequestPopup::ControlRequestPopup(uint16_t userId, const QString &name, QWidget *parent)
    : QFrame(parent, Qt::Tool | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint),
      userId_(userId),
      approve_(new QPushButton(tr("&Approve"))),
      deny_(new QPushButton(tr("&Deny")))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setAttribute(Qt::WA_ShowWithoutActivating);
    setObjectName(QStringLiteral("controlRequestPopup"));
    setWindowTitle(tr("Control request"));
    setAccessibleName(tr("%1 asks for control").arg(name));
    // Drawn with the palette's window colours and a plain frame, so the notification
    // looks at home in light and dark themes alike.
    setFrameShape(QFrame::StyledPanel);
    setFrameShadow(QFrame::Raised);
    setAutoFillBackground(true);
    setFixedWidth(kWidthPx);

    auto *icon = new QLabel;
    icon->setPixmap(QApplication::windowIcon().pixmap(kIconSizePx, kIconSizePx));
    icon->setAlignment(Qt::AlignTop);
    auto *title = new QLabel(tr("<b>%1</b> asks for control").arg(name.toHtmlEscaped()));
    title->setTextFormat(Qt::RichText);
    title->setWordWrap(true);
    auto *detail = new QLabel(
        tr("They will use the shared window with their keyboard and mouse until you take "
           "control back."));
    detail->setWordWrap(true);
    detail->setForegroundRole(QPalette::PlaceholderText);

    approve_->setObjectName(QStringLiteral("approve"));
    approve_->setAccessibleName(tr("Approve %1's request").arg(name));
    approve_->setDefault(true);
    deny_->setObjectName(QStringLiteral("deny"));
    deny_->setAccessibleName(tr("Deny %1's request").arg(name));
    connect(approve_, &QPushButton::clicked, this, [this] { answer(true); });
    connect(deny_, &QPushButton::clicked, this, [this] { answer(false); });

    auto *text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(detail);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(deny_);
    buttons->addWidget(approve_);
    text->addLayout(buttons);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(14, 12, 14, 12);
    layout->setSpacing(12);
    layout->addWidget(icon);
    layout->addLayout(text, 1);
    setTabOrder(approve_, deny_);
}

void ControlRequestPopup::withdraw(uint16_t userId)
{
    if (userId == userId_ && !answered_) {
        answered_ = true;
        close();
    }
}

void ControlRequestPopup::answer(bool approve)
{
    if (answered_)
        return;
    answered_ = true;
    if (approve)
        emit approved(userId_);
    else
        emit denied(userId_);
    close();
}

} // namespace baton::ui
