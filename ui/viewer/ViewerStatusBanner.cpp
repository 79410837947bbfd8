#include "ViewerStatusBanner.h"

#include <QAccessible>
#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QToolButton>

#include <utility>

namespace baton::ui {

ViewerStatusBanner::ViewerStatusBanner(QWidget *parent)
    : QFrame(parent),
      label_(new QLabel(this)),
      passcode_(new QLineEdit(this)),
      join_(new QAction(tr("&Join"), this)),
      buttonRow_(new QHBoxLayout),
      dismiss_(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAccessibleName(tr("Session message"));
    label_->setWordWrap(true);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    dismiss_->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    dismiss_->setAutoRaise(true);
    dismiss_->setToolTip(tr("Dismiss this message"));
    dismiss_->setAccessibleName(tr("Dismiss message"));
    connect(dismiss_, &QToolButton::clicked, this, &ViewerStatusBanner::clear);

    passcode_->setObjectName(QStringLiteral("passcodeField"));
    passcode_->setAccessibleName(tr("Passcode"));
    passcode_->setPlaceholderText(tr("Passcode"));
    passcode_->setEchoMode(QLineEdit::Password);
    passcode_->hide();
    join_->setToolTip(tr("Join the session with this passcode"));
    join_->setEnabled(false);
    connect(passcode_, &QLineEdit::textChanged, this,
            [this](const QString &text) { join_->setEnabled(!text.isEmpty()); });
    connect(passcode_, &QLineEdit::returnPressed, this, &ViewerStatusBanner::submitPasscode);
    connect(join_, &QAction::triggered, this, &ViewerStatusBanner::submitPasscode);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(label_, 1);
    layout->addWidget(passcode_);
    layout->addLayout(buttonRow_);
    layout->addWidget(dismiss_);
    hide();
}

void ViewerStatusBanner::showMessage(Kind kind, const QString &text,
                                     const QList<QAction *> &actions)
{
    present(kind, text, actions, false);
}

void ViewerStatusBanner::askForPasscode(Kind kind, const QString &text)
{
    present(kind, text, {join_}, true);
    passcode_->setFocus(Qt::OtherFocusReason);
}

void ViewerStatusBanner::submitPasscode()
{
    if (passcode_->isHidden() || passcode_->text().isEmpty())
        return;
    emit passcodeEntered(passcode_->text());
}

void ViewerStatusBanner::present(Kind kind, const QString &text, const QList<QAction *> &actions,
                                 bool asking)
{
    kind_ = kind;
    label_->setText(text);
    label_->setAccessibleName(text);
    passcode_->clear(); // a typed passcode never outlives its question
    passcode_->setVisible(asking);
    removeButtons();
    QWidget *previous = asking ? static_cast<QWidget *>(passcode_) : label_;
    if (asking)
        setTabOrder(label_, passcode_);
    for (QAction *action : actions) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        buttonRow_->addWidget(button);
        setTabOrder(previous, button);
        previous = button;
        buttons_ << button;
    }
    setTabOrder(previous, dismiss_);
    applyColours();
    show();
    QAccessibleEvent alert(this, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
}

void ViewerStatusBanner::clear()
{
    hide();
    label_->clear();
    passcode_->hide();
    passcode_->clear();
    removeButtons();
}

void ViewerStatusBanner::removeButtons()
{
    // Later, not now: the button may be the one being clicked (Reconnect, Join), and
    // Qt still uses it after its action ran.
    for (QToolButton *button : std::exchange(buttons_, {})) {
        button->hide();
        button->deleteLater();
    }
}

void ViewerStatusBanner::clearIf(const QString &text)
{
    if (label_->text() == text)
        clear();
}

QString ViewerStatusBanner::text() const
{
    return isHidden() ? QString() : label_->text();
}

void ViewerStatusBanner::applyColours()
{
    // Tinted from the system palette, so the bar reads in light and dark themes alike.
    const QColor base = palette().color(QPalette::Base);
    const QColor tint = kind_ == Kind::Error ? QColor(220, 50, 47)
        : kind_ == Kind::Warning             ? QColor(230, 160, 20)
                                             : palette().color(QPalette::Highlight);
    QPalette colours = palette();
    const double mix = 0.22;
    colours.setColor(QPalette::Window,
                     QColor::fromRgbF(float(base.redF() * (1 - mix) + tint.redF() * mix),
                                      float(base.greenF() * (1 - mix) + tint.greenF() * mix),
                                      float(base.blueF() * (1 - mix) + tint.blueF() * mix)));
    colours.setColor(QPalette::WindowText, palette().color(QPalette::Text));
    setPalette(colours);
}

} // namespace baton::ui
