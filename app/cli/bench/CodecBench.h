#pragma once

#include <QStringList>

namespace baton::cli {

// baton-cli bench codec [--json] [--runs N] [--frames N] [--tile WxH] [--only ITEM]:
// the lossless tile codec (at the planner's 256×64 strips and at 64×64) and the T.128
// interleaved RLE codec on every corpus item (CodecCorpus), and H.264 (libx264, one
// thread) on the 1280×720 video-like sequence, each measured in the same run on the
// same pixels as zlib level 6 (on the same tiles for the tiled codecs), FFmpeg's PNG
// encoder and FFmpeg's QOI encoder. One line (or JSON object) per item and codec;
// times are medians.
int runCodecBench(const QStringList &args);

} // namespace baton::cli
