#pragma once

#include "core/protocol/CloseReason.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace baton {

// The host's book of gateway members (docs/protocol.md §11.1): who reaches the share
// through which viewer, under which user id. Ids come from the viewers' pool (allocate /
// release), so members count against the share's viewer limit; one gateway holds at most
// protocol::kMaxGatewayMembers. Bookkeeping only: HostSession tells the roster, the floor
// and the connections.
class GatewayMembers {
public:
    struct Member {
        uint16_t userId = 0;
        uint16_t gateway = 0; // the viewer that speaks for it
        uint16_t key = 0; // the gateway's own handle for it
        std::string name;
        std::string address;
    };
    using Allocate = std::function<std::optional<uint16_t>()>;
    using Release = std::function<void(uint16_t)>;

    GatewayMembers(Allocate allocate, Release release);
    ~GatewayMembers();

    // The new member, or why it was refused (SessionFull: the gateway or the share is full).
    struct Admission {
        const Member *member = nullptr;
        protocol::CloseReason refusal = protocol::CloseReason::Unknown;
    };
    Admission admit(uint16_t gateway, uint16_t key, std::string name, std::string address);
    // The member removed (its id released), or nullopt when gateway has no such member.
    std::optional<Member> remove(uint16_t gateway, uint16_t userId);
    // Every member of a gateway that left, their ids released.
    std::vector<Member> removeAll(uint16_t gateway);

    const Member *find(uint16_t userId) const;
    bool speaksFor(uint16_t gateway, uint16_t userId) const;
    int countOf(uint16_t gateway) const;
    // The name the roster shows: "NAME from ADDRESS" fitted to the roster's limit (the
    // gateway names its protocol in NAME: "laptop via RDP").
    static std::string rosterName(const Member &member);

private:
    Allocate allocate_;
    Release release_;
    std::map<uint16_t, Member> members_;
};

} // namespace baton
