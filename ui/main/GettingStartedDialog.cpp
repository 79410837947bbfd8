#include "GettingStartedDialog.h"

#include <QDialogButtonBox>
#include <QKeySequence>
#include <QLabel>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

constexpr int kTextWidthPx = 460;

} // namespace

GettingStartedDialog::GettingStartedDialog(const QKeySequence &panicShortcut, QWidget *parent)
    : QDialog(parent), text_(new QLabel(this))
{
    setWindowTitle(tr("Getting Started with Baton"));
    setObjectName(QStringLiteral("gettingStartedDialog"));

    const QString panic = panicShortcut.toString(QKeySequence::NativeText).toHtmlEscaped();
    text_->setObjectName(QStringLiteral("gettingStartedText"));
    text_->setTextFormat(Qt::RichText);
    text_->setWordWrap(true);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    text_->setFocusPolicy(Qt::StrongFocus); // screen-reader users reach it with Tab
    text_->setMinimumWidth(kTextWidthPx);
    text_->setText(
        tr("<h3>Share a window</h3>"
           "<p>On the <b>Share</b> panel, pick the window to show and press <b>Start "
           "sharing</b>. Send the invite link (or let people scan the QR code): whoever has "
           "it sees that window, and only that window, live.</p>"
           "<h3>Join a share</h3>"
           "<p>Open the invite link the host sent you: Baton opens it in a viewer window. Or "
           "paste it on the <b>Join</b> panel. If the host set a passcode that the link does "
           "not carry, Baton asks you for it.</p>"
           "<h3>Pass control</h3>"
           "<p>Viewers watch until they ask: <b>Request control</b> in the viewer window, and "
           "the host approves (or lets everyone in, as set in Settings). The host can take "
           "control back at any moment, and <b>%1</b> always does, wherever the focus "
           "is.</p>")
            .arg(panic));
    text_->setAccessibleName(tr("Getting started"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text_);
    layout->addWidget(buttons);
}

QString GettingStartedDialog::text() const
{
    return text_->text();
}

} // namespace baton::ui
