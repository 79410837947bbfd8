#include "ui/displays/FingerprintWarning.h"

#include "ui/displays/FingerprintPins.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace baton::ui {

FingerprintWarning::FingerprintWarning(QWidget *parent)
    : QFrame(parent), message_(new QLabel(this)), trust_(new QPushButton(tr("Tr&ust the new certificate"), this))
{
    setObjectName(QStringLiteral("fingerprintWarning"));
    setFrameShape(QFrame::Box);
    setAccessibleName(tr("Certificate warning"));
    setAutoFillBackground(true);
    QPalette warning = palette();
    warning.setColor(QPalette::Window, QColor(0xff, 0xe8, 0xc0));
    warning.setColor(QPalette::WindowText, Qt::black);
    setPalette(warning);
    message_->setObjectName(QStringLiteral("fingerprintMessage"));
    message_->setWordWrap(true);
    message_->setTextFormat(Qt::PlainText);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    trust_->setObjectName(QStringLiteral("trustButton"));
    trust_->setAccessibleName(tr("Trust the agent's new certificate and connect"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(message_);
    layout->addWidget(trust_, 0, Qt::AlignRight);
    connect(trust_, &QPushButton::clicked, this, &FingerprintWarning::trustRequested);
    hide();
}

void FingerprintWarning::showFor(const QString &address, const QString &explanation, const QByteArray &pinned,
                                 const QByteArray &seen)
{
    message_->setText(tr("Warning: the certificate of %1 has changed.\n%2\n\nPinned:  %3\nNow:     %4\n\n"
                         "Trust the new certificate only if you know why it changed, for example "
                         "because the agent was reinstalled.")
                          .arg(address, explanation, FingerprintPins::readable(pinned),
                               FingerprintPins::readable(seen)));
    show();
}

QString FingerprintWarning::text() const
{
    return message_->text();
}

} // namespace baton::ui
