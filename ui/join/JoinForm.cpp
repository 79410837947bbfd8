#include "JoinForm.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

// Fingerprints are often shown grouped ("AB:CD:…" or in blocks): only the digits count.
QString normalisedFingerprint(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s:\\-]"));
    return QString(text).remove(separators).toLower();
}

} // namespace

JoinForm::JoinForm(quint16 defaultPort, QWidget *parent)
    : QWidget(parent),
      linkEdit_(new QLineEdit(this)),
      details_(new QGroupBox(tr("Or enter the details"), this)),
      hostEdit_(new QLineEdit(details_)),
      portSpin_(new QSpinBox(details_)),
      sessionEdit_(new QLineEdit(details_)),
      fingerprintEdit_(new QLineEdit(details_)),
      passcodeEdit_(new QLineEdit(details_)),
      problem_(new QLabel(this))
{
    linkEdit_->setPlaceholderText(tr("baton://host:port/session?fp=…&code=…"));
    linkEdit_->setAccessibleName(tr("Invite link"));
    linkEdit_->setClearButtonEnabled(true);
    auto *linkLabel = new QLabel(tr("&Invite link:"), this);
    linkLabel->setBuddy(linkEdit_);

    hostEdit_->setPlaceholderText(tr("laptop.example.org or 192.0.2.7"));
    hostEdit_->setAccessibleName(tr("Host address"));
    portSpin_->setRange(1, 65535);
    portSpin_->setValue(defaultPort == 0 ? InviteLink::kDefaultPort : defaultPort);
    portSpin_->setAccessibleName(tr("Port"));
    sessionEdit_->setAccessibleName(tr("Session ID"));
    fingerprintEdit_->setAccessibleName(tr("Certificate fingerprint"));
    fingerprintEdit_->setPlaceholderText(tr("64 hexadecimal digits"));
    fingerprintEdit_->setToolTip(
        tr("The host's certificate fingerprint, shown with its invite link: "
           "it proves you reach the right computer."));
    passcodeEdit_->setAccessibleName(tr("Passcode"));
    passcodeEdit_->setPlaceholderText(tr("if the host gave you one"));

    auto *form = new QFormLayout(details_);
    form->addRow(tr("&Address:"), hostEdit_);
    form->addRow(tr("P&ort:"), portSpin_);
    form->addRow(tr("Session I&D:"), sessionEdit_);
    form->addRow(tr("Finger&print:"), fingerprintEdit_);
    form->addRow(tr("Pass&code:"), passcodeEdit_);

    problem_->setWordWrap(true);
    problem_->setAccessibleName(tr("What the link still needs"));
    problem_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(linkLabel);
    layout->addWidget(linkEdit_);
    layout->addWidget(details_);
    layout->addWidget(problem_);

    setTabOrder(linkEdit_, hostEdit_);
    setTabOrder(hostEdit_, portSpin_);
    setTabOrder(portSpin_, sessionEdit_);
    setTabOrder(sessionEdit_, fingerprintEdit_);
    setTabOrder(fingerprintEdit_, passcodeEdit_);

    for (QLineEdit *edit : {linkEdit_, hostEdit_, sessionEdit_, fingerprintEdit_, passcodeEdit_}) {
        connect(edit, &QLineEdit::textChanged, this, &JoinForm::onChanged);
        connect(edit, &QLineEdit::returnPressed, this, &JoinForm::submitted);
    }
    connect(portSpin_, &QSpinBox::valueChanged, this, &JoinForm::onChanged);
    onChanged();
}

std::optional<InviteLink> JoinForm::link(QString *error) const
{
    QString problem;
    std::optional<InviteLink> link = linkEdit_->text().trimmed().isEmpty()
        ? linkFromParts(&problem)
        : InviteLink::parse(linkEdit_->text(), &problem);
    if (error)
        *error = problem;
    return link;
}

QString JoinForm::problem() const
{
    return problem_->text();
}

std::optional<InviteLink> JoinForm::linkFromParts(QString *error) const
{
    const QString host = hostEdit_->text().trimmed();
    const QString session = sessionEdit_->text().trimmed();
    const QString fingerprint = normalisedFingerprint(fingerprintEdit_->text());
    if (host.isEmpty() && session.isEmpty() && fingerprint.isEmpty()) {
        *error =
            tr("Paste an invite link, or enter the host's address, session ID and fingerprint.");
        return std::nullopt;
    }
    QUrl url;
    url.setHost(host, QUrl::StrictMode);
    if (host.isEmpty() || url.host().isEmpty()) {
        *error = host.isEmpty() ? tr("Enter the host's address.")
                                : tr("“%1” is not a host name or an IP address.").arg(host);
        return std::nullopt;
    }
    if (session.isEmpty()) {
        *error = tr("Enter the session ID: the part of the invite link after the port.");
        return std::nullopt;
    }
    if (fingerprint.isEmpty()) {
        *error =
            tr("Enter the host's certificate fingerprint: it proves you reach the right computer.");
        return std::nullopt;
    }
    InviteLink link;
    link.host = url.host();
    link.port = quint16(portSpin_->value());
    link.sessionId = session;
    link.fingerprint = QByteArray::fromHex(fingerprint.toLatin1());
    link.passcode = passcodeEdit_->text();
    // The fingerprint's hex form is checked as the link parser checks it.
    if (link.fingerprint.toHex() != fingerprint.toLatin1()) {
        *error = tr("The certificate fingerprint must be 64 hexadecimal digits.");
        return std::nullopt;
    }
    // One set of rules for links however they were written.
    return InviteLink::parse(link.toString(), error);
}

void JoinForm::onChanged()
{
    details_->setEnabled(linkEdit_->text().trimmed().isEmpty());
    QString problem;
    link(&problem);
    problem_->setText(problem);
    problem_->setVisible(!problem.isEmpty());
    emit changed();
}

} // namespace baton::ui
