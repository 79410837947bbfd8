#include "core/net/HostHandshake.h"

#include "core/net/Logging.h"

#include <QCryptographicHash>

#include <openssl/crypto.h>

#include <utility>

namespace baton::net {

using protocol::CloseReason;

HostHandshake::HostHandshake(const HandshakePolicy &policy, UserIdAllocator &userIds,
                             AttemptLimiter &limiter, const QHostAddress &peer)
    : policy_(policy), userIds_(userIds), limiter_(limiter), peer_(peer)
{
}

bool HostHandshake::passcodesEqual(const std::string &a, const std::string &b)
{
    // Digests have equal lengths whatever the inputs, so neither the comparison's time nor
    // an early length check tells an attacker how much of a guess was right.
    const auto digest = [](const std::string &text) {
        return QCryptographicHash::hash(QByteArrayView(text.data(), qsizetype(text.size())),
                                        QCryptographicHash::Sha256);
    };
    const QByteArray da = digest(a);
    const QByteArray db = digest(b);
    return CRYPTO_memcmp(da.constData(), db.constData(), size_t(da.size())) == 0;
}

HostHandshake::Decision HostHandshake::onPdu(const protocol::Pdu &pdu)
{
    if (decided_)
        return std::monostate();
    decided_ = true;
    return decide(pdu);
}

HostHandshake::Decision HostHandshake::onDecodeError(const std::string &what)
{
    if (decided_)
        return std::monostate();
    decided_ = true;
    return Refuse{CloseReason::ProtocolError, "protocol error: " + what};
}

HostHandshake::Refuse HostHandshake::refuseCounted(CloseReason reason, std::string detail)
{
    limiter_.recordFailure(peer_);
    return Refuse{reason, std::move(detail)};
}

HostHandshake::Decision HostHandshake::decide(const protocol::Pdu &pdu)
{
    const auto *hello = std::get_if<protocol::HelloPdu>(&pdu.body);
    if (!hello)
        return Refuse{CloseReason::ProtocolError, "protocol error: the first PDU is not a Hello"};
    if (pdu.context.source != protocol::kUnassignedUserId)
        return Refuse{CloseReason::ProtocolError,
                      "protocol error: Hello from user " + std::to_string(pdu.context.source) +
                          ", expected the unassigned id " +
                          std::to_string(protocol::kUnassignedUserId)};
    if (hello->versionMajor != protocol::kProtocolMajor)
        return Refuse{CloseReason::VersionMismatch,
                      "host speaks protocol " + std::to_string(protocol::kProtocolMajor) + "." +
                          std::to_string(protocol::kProtocolMinor) + ", viewer " +
                          std::to_string(hello->versionMajor) + "." +
                          std::to_string(hello->versionMinor)};

    if (const auto blocked = limiter_.blockedFor(peer_); blocked.count() > 0)
        return Refuse{CloseReason::RateLimited,
                      "try again in " + std::to_string((blocked.count() + 999) / 1000) + " s"};
    if (hello->sessionId != policy_.sessionId)
        return refuseCounted(CloseReason::SessionNotFound,
                             "no session \"" + hello->sessionId + "\" on this host");
    if (!policy_.passcode.empty() && !passcodesEqual(hello->passcode, policy_.passcode))
        return refuseCounted(CloseReason::WrongPasscode, {});

    const auto userId = userIds_.allocate();
    if (!userId)
        return Refuse{CloseReason::SessionFull, {}};
    limiter_.recordSuccess(peer_);

    protocol::WelcomePdu welcome;
    welcome.userId = *userId;
    welcome.hostUserId = protocol::kHostUserId;
    welcome.broadcastChannelId = protocol::kBroadcastChannelId;
    welcome.userChannelId = *userId;
    welcome.role = protocol::Role::Viewer;
    welcome.sessionId = policy_.sessionId;
    welcome.hostName = policy_.hostName;
    return Accept{*hello, std::move(welcome)};
}

} // namespace baton::net
