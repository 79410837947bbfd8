#pragma once

#include "ui/displays/AgentConnection.h"

#include <QWidget>

class QLineEdit;
class QPushButton;

namespace baton::ui {

// Where the person says which agent to connect to: its address (host[:port], the
// port 1600 when left out), the key id and the secret. The secret is handed on once
// and the field cleared: it is kept only in the connection's memory, never stored.
class AgentAddressForm : public QWidget {
    Q_OBJECT
public:
    explicit AgentAddressForm(QWidget *parent = nullptr);

    void setAddress(const QString &address);
    QLineEdit *secretField() const { return secret_; }
    // host, host:port, [IPv6]:port or a bare IPv6 address; nullopt when malformed.
    static std::optional<AgentConnection::Target> parseAddress(const QString &text);

signals:
    void connectRequested(const baton::ui::AgentConnection::Target &target, const QByteArray &secret);
    void invalidAddress(const QString &why);

private:
    void submit();

    QLineEdit *address_;
    QLineEdit *key_;
    QLineEdit *secret_;
    QPushButton *connect_;
};

} // namespace baton::ui
