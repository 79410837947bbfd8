// The host's side of the join handshake meets whatever a peer sends once TLS is up: any
// bytes at all. Each decoded frame is treated as the first frame of a new connection from
// one address, with the clock advancing between them, so the passcode rate limit and the
// user id pool are exercised along with the decoders.
#include "core/net/HostHandshake.h"
#include "core/protocol/FrameDecoder.h"
#include "core/protocol/PduDecoder.h"
#include "core/protocol/PduEncoder.h"

#include <cstddef>
#include <cstdint>

using namespace baton;

namespace {

void check(bool condition)
{
    if (!condition)
        __builtin_trap();
}

// A Welcome the host would send must come back unchanged through our own decoders.
void checkWelcomeRoundTrip(const protocol::WelcomePdu &welcome)
{
    const protocol::Pdu pdu{{protocol::kHostUserId, 0, protocol::StreamId::Medium}, welcome};
    const auto frame = protocol::PduEncoder::encodeFrame(protocol::SendDataKind::Indication,
                                                         welcome.userChannelId, pdu);
    check(frame.ok());
    const auto decodedFrame = protocol::decodeFrame(*frame);
    check(decodedFrame.ok());
    protocol::PduDecoder decoder;
    const auto decoded = decoder.decodeFrame(*decodedFrame);
    check(decoded.ok() && decoded->has_value() && **decoded == pdu);
}

void checkDecision(const net::HostHandshake::Decision &decision, const protocol::Pdu &pdu,
                   bool wasBlocked, const net::HandshakePolicy &policy,
                   const net::UserIdAllocator &ids)
{
    check(!std::holds_alternative<std::monostate>(decision));
    if (const auto *accept = std::get_if<net::HostHandshake::Accept>(&decision)) {
        const auto *hello = std::get_if<protocol::HelloPdu>(&pdu.body);
        check(hello && !wasBlocked);
        check(pdu.context.source == protocol::kUnassignedUserId);
        check(hello->versionMajor == protocol::kProtocolMajor);
        check(hello->sessionId == policy.sessionId && hello->passcode == policy.passcode);
        check(accept->welcome.userId >= protocol::kFirstViewerUserId);
        check(ids.inUse(accept->welcome.userId));
        checkWelcomeRoundTrip(accept->welcome);
        return;
    }
    const auto &refuse = std::get<net::HostHandshake::Refuse>(decision);
    if (refuse.reason == protocol::CloseReason::RateLimited)
        check(wasBlocked);
    if (refuse.reason == protocol::CloseReason::WrongPasscode)
        check(std::get<protocol::HelloPdu>(pdu.body).passcode != policy.passcode);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const net::HandshakePolicy policy{"s1", "opensesame", "Fuzz host"};
    std::chrono::milliseconds now{0};
    net::AttemptLimiter limiter([&now] { return now; });
    // A small pool, so that a run of accepted Hellos reaches SessionFull.
    net::UserIdAllocator ids(protocol::kFirstViewerUserId, protocol::kFirstViewerUserId + 3);
    const QHostAddress peer(QHostAddress::LocalHost);

    // Two chunks, split where the first byte says, to exercise incremental decoding.
    const protocol::ByteView input(data, size);
    const size_t split = size ? data[0] % (size + 1) : 0;
    protocol::FrameDecoder frames;
    protocol::PduDecoder pdus;
    for (const auto chunk : {input.first(split), input.subspan(split)}) {
        frames.feed(chunk);
        while (const auto frame = frames.next()) {
            now += std::chrono::seconds(7);
            net::HostHandshake handshake(policy, ids, limiter, peer);
            const auto decoded = pdus.decodeFrame(*frame);
            if (!decoded) {
                const auto decision = handshake.onDecodeError(decoded.error().toString());
                check(std::get<net::HostHandshake::Refuse>(decision).reason ==
                      protocol::CloseReason::ProtocolError);
                continue;
            }
            if (!decoded->has_value())
                continue; // a fragment still waiting for the rest
            const protocol::Pdu &pdu = **decoded;
            const bool wasBlocked = limiter.isBlocked(peer);
            const auto decision = handshake.onPdu(pdu);
            checkDecision(decision, pdu, wasBlocked, policy, ids);
            check(std::holds_alternative<std::monostate>(handshake.onPdu(pdu)));
            // Viewers with even ids leave again, so ids are reused.
            if (const auto *accept = std::get_if<net::HostHandshake::Accept>(&decision);
                accept && accept->welcome.userId % 2 == 0)
                ids.release(accept->welcome.userId);
        }
    }
    if (frames.failed()) {
        net::HostHandshake handshake(policy, ids, limiter, peer);
        check(std::holds_alternative<net::HostHandshake::Refuse>(
            handshake.onDecodeError(frames.error()->toString())));
    }
    return 0;
}
