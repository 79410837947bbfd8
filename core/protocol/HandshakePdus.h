#pragma once

#include "core/protocol/CloseReason.h"
#include "core/protocol/PduTypes.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace baton::protocol {

class PduReader;
class PduWriter;

// The join handshake (docs/protocol.md, "Join handshake"). Baton extensions that replace
// the MCS/GCC connect sequence; they travel inside TLS, on the data PDU path with
// shareId 0. Before Welcome the joiner has no user id and uses kUnassignedUserId as MCS
// initiator and pduSource.

// Viewer → host, first frame after the TLS handshake.
struct HelloPdu {
    static constexpr PduType2 kType2 = PduType2::Hello;
    static constexpr size_t kMaxSessionIdBytes = 64;
    static constexpr size_t kMaxNameBytes = 128;
    static constexpr size_t kMaxPasscodeBytes = 128;
    static constexpr size_t kMaxSoftwareBytes = 64;
    static constexpr size_t kMaxCodecs = 32;

    // featureFlags bits. Unknown bits are carried and ignored (a newer viewer may set them).
    static constexpr uint32_t kFeatureFrameAck = 0x1; // will acknowledge frames
    static constexpr uint32_t kFeatureInput = 0x2; // can send input when granted the floor
    static constexpr uint32_t kFeatureFragments = 0x4; // reassembles Fragment PDUs
    // Protocol 1.1: takes fast-path update frames (docs/protocol.md §2.1) and keeps the
    // tile cache (§8.7). A host that sends them refuses a viewer without both.
    static constexpr uint32_t kFeatureFastPath = 0x8;
    static constexpr uint32_t kFeatureTileCache = 0x10;

    uint16_t versionMajor = kProtocolMajor;
    uint16_t versionMinor = kProtocolMinor;
    uint32_t featureFlags = 0;
    std::vector<uint8_t> codecIds; // a summary; the full codec capability set follows later
    std::string sessionId; // from the invite link
    std::string displayName; // UTF-8, shown in the roster
    // The passcode in clear: Hello only ever travels inside TLS 1.3 whose certificate the
    // viewer pinned from the invite, and the host compares it in constant time.
    std::string passcode;
    std::string software; // e.g. "Baton 0.1.0", for diagnostics

    void write(PduWriter &w) const;
    static HelloPdu read(PduReader &r);
    friend bool operator==(const HelloPdu &, const HelloPdu &) = default;
};

enum class Role : uint8_t { Viewer = 1, Host = 2 };

// Host → viewer, the answer to an accepted Hello (a refused one gets a Goodbye).
struct WelcomePdu {
    static constexpr PduType2 kType2 = PduType2::Welcome;
    static constexpr size_t kMaxSessionIdBytes = HelloPdu::kMaxSessionIdBytes;
    static constexpr size_t kMaxNameBytes = HelloPdu::kMaxNameBytes;

    uint16_t versionMajor = kProtocolMajor;
    uint16_t versionMinor = kProtocolMinor;
    uint16_t userId = kFirstViewerUserId; // assigned to the joiner, >= 1001
    uint16_t hostUserId = kHostUserId;
    uint16_t broadcastChannelId = kBroadcastChannelId; // everyone's updates, roster, floor
    uint16_t userChannelId = kFirstViewerUserId; // directed traffic to the joiner
    Role role = Role::Viewer;
    std::string sessionId;
    std::string hostName; // the host's display name

    void write(PduWriter &w) const;
    static WelcomePdu read(PduReader &r);
    friend bool operator==(const WelcomePdu &, const WelcomePdu &) = default;
};

// Either direction, the last PDU before the sender closes the connection.
struct GoodbyePdu {
    static constexpr PduType2 kType2 = PduType2::Goodbye;
    static constexpr size_t kMaxMessageBytes = 512;

    CloseReason reason = CloseReason::Unknown;
    std::string message; // optional detail for logs, e.g. the decode error

    void write(PduWriter &w) const;
    static GoodbyePdu read(PduReader &r);
    friend bool operator==(const GoodbyePdu &, const GoodbyePdu &) = default;
};

} // namespace baton::protocol
