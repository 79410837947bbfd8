#pragma once

#include "core/common/InviteLink.h"
#include "core/net/CloseInfo.h"
#include "core/net/Connection.h"
#include "core/protocol/HandshakePdus.h"

#include <QObject>
#include <QPointer>
#include <QSslSocket>
#include <QTimer>

#include <string>
#include <vector>

namespace baton::net {

struct ViewerOptions {
    std::string displayName;
    std::string software; // empty: "Baton <version>"
    uint32_t featureFlags = 0;
    std::vector<uint8_t> codecIds;
    // From start() to Welcome; the host's own handshake timeout is 10 s.
    int timeoutMs = 15'000;
    Connection::Limits connectionLimits;
};

// The viewer side of joining: TLS 1.3 to the link's host, the certificate pinned to the
// link's SHA-256 fingerprint, then Hello and the host's Welcome or Goodbye.
//
// The host's certificate is self-signed, so chain errors are ignored only when the
// certificate is the pinned one; any other certificate is refused before a single byte
// (the passcode least of all) is sent. Runs on the event loop; nothing blocks.
class ViewerConnector : public QObject {
    Q_OBJECT
public:
    ViewerConnector(InviteLink link, ViewerOptions options, QObject *parent = nullptr);
    ~ViewerConnector() override;

    void start();
    // Gives up; failed() follows with ViewerLeft unless it already finished.
    void cancel();

    const InviteLink &link() const { return link_; }

signals:
    // Joined: the connection now belongs to the receiver (it has no parent; it deletes
    // itself after its closed()). Direct connections: welcome is valid during the emission.
    void joined(baton::net::Connection *connection, const baton::protocol::WelcomePdu &welcome);
    // Not joined, with the reason in words (certificate mismatch, passcode refused, ...).
    void failed(const baton::net::CloseInfo &info);

private:
    bool pinMatches() const;
    void onSslErrors(const QList<QSslError> &errors);
    void onEncrypted();
    void onPdu(const protocol::Pdu &pdu);
    void fail(const CloseInfo &info);

    InviteLink link_;
    ViewerOptions options_;
    QPointer<QSslSocket> socket_;
    QPointer<Connection> connection_;
    QTimer timer_;
    bool finished_ = false;
};

} // namespace baton::net
