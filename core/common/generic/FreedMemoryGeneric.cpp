#include "core/common/FreedMemory.h"

namespace baton {

// No portable way: the allocator decides when to give memory back.
bool returnFreedMemory()
{
    return false;
}

} // namespace baton
