#pragma once

#include <cstdint>
#include <optional>
#include <set>

namespace baton::net {

// Hands out viewer user ids (T.125 dynamic channel ids) that are unique among the
// viewers connected now: the lowest free one from first upwards, so ids stay small and a
// departed viewer's id is reused only after it has been released.
class UserIdAllocator {
public:
    explicit UserIdAllocator(uint16_t first, uint16_t last = 0xFFFF);

    std::optional<uint16_t> allocate();
    void release(uint16_t userId);
    bool inUse(uint16_t userId) const { return used_.count(userId) != 0; }
    size_t inUseCount() const { return used_.size(); }

private:
    uint16_t first_;
    uint16_t last_;
    std::set<uint16_t> used_;
};

} // namespace baton::net
