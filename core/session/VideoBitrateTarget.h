#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

namespace baton {

// One viewer's path for the video bitrate: its delivery rate (LinkEstimator) and whether
// a queue showed that to be the path's limit; if not, the path carried all the host sent
// and could carry more.
struct PathRate {
    int64_t bytesPerSecond = 0;
    bool provedLimit = false;
};

// The one video stream's bitrate cap, from the viewers' paths (Broadcaster::pathRates()):
// what the slowest limited path carries, less room for the lossless updates and the
// pointer beside the video. A path far slower than the others (below a quarter of the
// median, where a path without a proved limit counts as twice ceilingKbps) does not
// count: one viewer on a distant link would otherwise cost every other viewer its
// picture. That viewer falls behind instead and is caught up (Broadcaster's Lagging),
// on a moving video by its next key frame. Within floorKbps…ceilingKbps; ceilingKbps
// when no path proved a limit.
int videoBitrateKbps(std::vector<PathRate> paths, int floorKbps, int ceilingKbps);

// The cap to use now, on the way from currentKbps to targetKbps (videoBitrateKbps): down at
// once, since a queue is building, but up by at most a quarter, and only once sinceRaise
// (the time since the cap last went up) has reached kVideoBitrateRaiseInterval. A path's
// proved limit lapses after 10 s without a queue; jumping from its last rate to the
// ceiling then filled a 1 Mbit/s path's whole second of buffer at once. Raised a step at
// a time, the path shows its limit again with a queue that has only begun to build.
inline constexpr std::chrono::milliseconds kVideoBitrateRaiseInterval{1000};
int nextVideoBitrateKbps(int currentKbps, int targetKbps, std::chrono::milliseconds sinceRaise);

} // namespace baton
