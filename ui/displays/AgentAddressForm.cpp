#include "ui/displays/AgentAddressForm.h"

#include <QFormLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace baton::ui {

namespace {
constexpr quint16 kIssdPort = 1600;
}

AgentAddressForm::AgentAddressForm(QWidget *parent)
    : QWidget(parent), address_(new QLineEdit(this)), key_(new QLineEdit(this)), secret_(new QLineEdit(this)),
      connect_(new QPushButton(tr("&Connect"), this))
{
    address_->setObjectName(QStringLiteral("agentAddress"));
    address_->setAccessibleName(tr("Agent address"));
    address_->setPlaceholderText(tr("room-3 or 192.0.2.7:1600"));
    key_->setObjectName(QStringLiteral("agentKey"));
    key_->setAccessibleName(tr("Key id"));
    key_->setPlaceholderText(QStringLiteral("default"));
    secret_->setObjectName(QStringLiteral("agentSecret"));
    secret_->setAccessibleName(tr("Agent secret"));
    secret_->setEchoMode(QLineEdit::Password);
    secret_->setToolTip(tr("Kept in memory for this session only, never saved."));
    connect_->setObjectName(QStringLiteral("connectButton"));
    connect_->setAccessibleName(tr("Connect to the agent"));
    connect_->setDefault(true);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    const auto row = [this, form](const QString &caption, QWidget *field) {
        auto *label = new QLabel(caption, this);
        label->setBuddy(field);
        form->addRow(label, field);
    };
    row(tr("A&ddress:"), address_);
    row(tr("K&ey id:"), key_);
    row(tr("&Secret:"), secret_);
    form->addRow(connect_);
    setTabOrder(address_, key_);
    setTabOrder(key_, secret_);
    setTabOrder(secret_, connect_);

    connect(connect_, &QPushButton::clicked, this, &AgentAddressForm::submit);
    connect(secret_, &QLineEdit::returnPressed, this, &AgentAddressForm::submit);
    connect(address_, &QLineEdit::returnPressed, secret_, qOverload<>(&QWidget::setFocus));
}

void AgentAddressForm::setAddress(const QString &address)
{
    address_->setText(address);
    secret_->setFocus(Qt::OtherFocusReason);
}

std::optional<AgentConnection::Target> AgentAddressForm::parseAddress(const QString &text)
{
    const QString trimmed = text.trimmed();
    AgentConnection::Target target;
    target.port = kIssdPort;
    QString portText;
    if (trimmed.startsWith(u'[')) {
        const qsizetype close = trimmed.indexOf(u']');
        if (close < 0)
            return std::nullopt;
        target.host = trimmed.mid(1, close - 1);
        const QString rest = trimmed.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(u':'))
            return std::nullopt;
        portText = rest.mid(1);
        if (rest == u":")
            return std::nullopt;
    } else if (trimmed.count(u':') == 1) {
        target.host = trimmed.section(u':', 0, 0);
        portText = trimmed.section(u':', 1);
        if (portText.isEmpty())
            return std::nullopt;
    } else {
        target.host = trimmed; // a name, an IPv4 address or a bare IPv6 address
    }
    if (target.host.isEmpty() || target.host.contains(u' ') || target.host.contains(u'/'))
        return std::nullopt;
    if (target.host.contains(u':') && QHostAddress(target.host).isNull())
        return std::nullopt;
    if (!portText.isEmpty()) {
        bool ok = false;
        const uint port = portText.toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return std::nullopt;
        target.port = quint16(port);
    }
    return target;
}

void AgentAddressForm::submit()
{
    auto target = parseAddress(address_->text());
    if (!target)
        return emit invalidAddress(tr("“%1” is not an address: write a host name or IP address, "
                                      "optionally followed by :port.")
                                       .arg(address_->text()));
    if (!key_->text().trimmed().isEmpty())
        target->keyId = key_->text().trimmed();
    const QByteArray secret = secret_->text().toUtf8();
    secret_->clear();
    emit connectRequested(*target, secret);
}

} // namespace baton::ui
