#include "GatewayMembers.h"

#include "core/protocol/GatewayPdus.h"
#include "core/protocol/RosterPdus.h"
#include "core/protocol/Utf8.h"

#include <algorithm>

namespace baton {

GatewayMembers::GatewayMembers(Allocate allocate, Release release)
    : allocate_(std::move(allocate)), release_(std::move(release))
{
}

GatewayMembers::~GatewayMembers()
{
    for (const auto &[userId, member] : members_)
        release_(userId);
}

GatewayMembers::Admission GatewayMembers::admit(uint16_t gateway, uint16_t key, std::string name,
                                                std::string address)
{
    if (size_t(countOf(gateway)) >= protocol::kMaxGatewayMembers)
        return {nullptr, protocol::CloseReason::SessionFull};
    const std::optional<uint16_t> userId = allocate_();
    if (!userId)
        return {nullptr, protocol::CloseReason::SessionFull};
    Member &member = members_[*userId];
    member = {*userId, gateway, key, std::move(name), std::move(address)};
    return {&member, protocol::CloseReason::Unknown};
}

std::optional<GatewayMembers::Member> GatewayMembers::remove(uint16_t gateway, uint16_t userId)
{
    const auto found = members_.find(userId);
    if (found == members_.end() || found->second.gateway != gateway)
        return std::nullopt;
    Member member = std::move(found->second);
    members_.erase(found);
    release_(userId);
    return member;
}

std::vector<GatewayMembers::Member> GatewayMembers::removeAll(uint16_t gateway)
{
    std::vector<Member> removed;
    for (auto it = members_.begin(); it != members_.end();) {
        if (it->second.gateway != gateway) {
            ++it;
            continue;
        }
        release_(it->first);
        removed.push_back(std::move(it->second));
        it = members_.erase(it);
    }
    return removed;
}

const GatewayMembers::Member *GatewayMembers::find(uint16_t userId) const
{
    const auto found = members_.find(userId);
    return found == members_.end() ? nullptr : &found->second;
}

bool GatewayMembers::speaksFor(uint16_t gateway, uint16_t userId) const
{
    const Member *member = find(userId);
    return member && member->gateway == gateway;
}

int GatewayMembers::countOf(uint16_t gateway) const
{
    return int(std::count_if(members_.begin(), members_.end(),
                             [gateway](const auto &entry) { return entry.second.gateway == gateway; }));
}

std::string GatewayMembers::rosterName(const Member &member)
{
    const std::string suffix = member.address.empty() ? std::string() : " from " + member.address;
    const size_t room = protocol::kMaxRosterNameBytes > suffix.size()
                            ? protocol::kMaxRosterNameBytes - suffix.size()
                            : 0;
    return protocol::truncateUtf8(member.name, room) + suffix;
}

} // namespace baton
