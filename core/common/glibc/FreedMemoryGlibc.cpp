#include "core/common/FreedMemory.h"

#include <malloc.h>

namespace baton {

bool returnFreedMemory()
{
    // Every arena, not only the top of the main heap: free pages inside a heap are given
    // back too (glibc 2.8 and later), which is where a burst's blocks end up.
    malloc_trim(0);
    return true;
}

} // namespace baton
