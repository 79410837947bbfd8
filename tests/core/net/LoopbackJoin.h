#pragma once

#include "core/common/InviteLink.h"
#include "core/net/CertificateStore.h"
#include "core/net/CloseInfo.h"
#include "core/net/Connection.h"
#include "core/net/ViewerConnector.h"
#include "core/protocol/HandshakePdus.h"

#include <QPointer>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

// What the transport tests share: one host identity, and a viewer's attempt to join as a
// test observes it.
namespace baton::test {

// Made once per test process: generating a key is slow.
const net::CertificateStore::Identity &hostIdentity();

struct Join {
    std::unique_ptr<net::ViewerConnector> connector;
    QPointer<net::Connection> connection; // once welcomed
    protocol::WelcomePdu welcome;
    std::optional<net::CloseInfo> failure;
    bool done() const { return connection || failure; }
};

// Starts joining link as name; the result fills in as the event loop runs.
std::unique_ptr<Join> startJoin(const InviteLink &link, const std::string &name);

// Clients that do full TLS handshakes with a host and disconnect at once, as fast as the
// host lets them, each on a thread of its own (so that the test's thread stays the
// host's "session thread"). Runs from construction until stop() or destruction.
class HandshakeFlood {
public:
    HandshakeFlood(quint16 port, int clients);
    ~HandshakeFlood();
    HandshakeFlood(const HandshakeFlood &) = delete;
    HandshakeFlood &operator=(const HandshakeFlood &) = delete;

    void stop();
    // TLS handshakes completed so far, and connections that failed (refused, cut, timed out).
    int handshakes() const { return handshakes_.load(); }
    int failures() const { return failures_.load(); }

private:
    void run(quint16 port);

    std::atomic<bool> stopping_{false};
    std::atomic<int> handshakes_{0};
    std::atomic<int> failures_{0};
    std::vector<std::thread> threads_;
};

} // namespace baton::test
