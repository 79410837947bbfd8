#pragma once

#include <cstdint>
#include <vector>

namespace baton {

// The one video stream's bitrate cap, from the delivery rates of the viewers' paths
// (bytes a second, Broadcaster::deliveryRates()): what the slowest of them carries, less
// room for the lossless updates and the pointer beside the video. A path far slower than
// the others (below a quarter of the median) does not count: one viewer on a distant
// link would otherwise cost every other viewer its picture. That viewer falls behind
// instead and is caught up losslessly, with a key frame, when its window drains
// (Broadcaster's Lagging). Within floorKbps…ceilingKbps; ceilingKbps with no rate known.
int videoBitrateKbps(std::vector<int64_t> ratesBytesPerSecond, int floorKbps, int ceilingKbps);

} // namespace baton
