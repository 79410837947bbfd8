// Prints the diff kernel a FrameDiffer with default options uses, as a session's does,
// so tst_simdoverride can run it under different BATON_SIMD values. Two differs, to
// show the choice (and its warning) is made once per process.

#include "codecs/diff/FrameDiffer.h"

#include <cstdio>

int main()
{
    using namespace baton;
    FrameDiffer first;
    FrameDiffer second;
    Frame frame(70, 3);
    first.diff(frame);
    frame.setPixel(69, 2, 0xffffffffu);
    const DiffResult &result = first.diff(frame);
    const bool found = result.dirtyTileCount() == 1 && result.isTileDirty(1, 0);
    std::printf("%s %s\n", simdLevelName(first.simdLevel()).data(),
                simdLevelName(second.simdLevel()).data());
    return found ? 0 : 1;
}
