#pragma once

#include "core/common/InviteLink.h"
#include "core/net/CertificateStore.h"
#include "core/net/CloseInfo.h"
#include "core/net/Connection.h"
#include "core/net/ViewerConnector.h"
#include "core/protocol/HandshakePdus.h"

#include <QPointer>

#include <memory>
#include <optional>
#include <string>

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

} // namespace baton::test
