#pragma once

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/buffer.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

#include <memory>

namespace baton::video {

// One owner type per FFmpeg object, so every exit path frees what it made.
struct AVCodecContextFree {
    void operator()(AVCodecContext *context) const { avcodec_free_context(&context); }
};
struct AVFrameFree {
    void operator()(AVFrame *frame) const { av_frame_free(&frame); }
};
struct AVPacketFree {
    void operator()(AVPacket *packet) const { av_packet_free(&packet); }
};
struct AVBufferRefFree {
    void operator()(AVBufferRef *buffer) const { av_buffer_unref(&buffer); }
};
struct SwsContextFree {
    void operator()(SwsContext *context) const { sws_freeContext(context); }
};

using AVCodecContextPtr = std::unique_ptr<AVCodecContext, AVCodecContextFree>;
using AVFramePtr = std::unique_ptr<AVFrame, AVFrameFree>;
using AVPacketPtr = std::unique_ptr<AVPacket, AVPacketFree>;
using AVBufferRefPtr = std::unique_ptr<AVBufferRef, AVBufferRefFree>;
using SwsContextPtr = std::unique_ptr<SwsContext, SwsContextFree>;

} // namespace baton::video
