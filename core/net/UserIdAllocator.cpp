#include "core/net/UserIdAllocator.h"

namespace baton::net {

UserIdAllocator::UserIdAllocator(uint16_t first, uint16_t last) : first_(first), last_(last)
{
}

std::optional<uint16_t> UserIdAllocator::allocate()
{
    // used_ is sorted: the first gap from first_ upwards is the lowest free id.
    uint32_t candidate = first_;
    for (const uint16_t id : used_) {
        if (id != candidate)
            break;
        ++candidate;
    }
    if (candidate > last_)
        return std::nullopt;
    used_.insert(uint16_t(candidate));
    return uint16_t(candidate);
}

void UserIdAllocator::release(uint16_t userId)
{
    used_.erase(userId);
}

} // namespace baton::net
