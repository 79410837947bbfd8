#include "core/protocol/FrameDecoder.h"

namespace baton::protocol {

void FrameDecoder::feed(ByteView chunk)
{
    if (failed())
        return;
    if (chunk.size() > kMaxPendingBytes - pendingBytes()) {
        fail({ErrorCode::TooLarge, streamOffset_ + pendingBytes(), "undecoded bytes"});
        return;
    }
    // Compact before growing so the buffer never holds consumed frames for long.
    if (start_ > 0) {
        buffer_.erase(buffer_.begin(), buffer_.begin() + std::ptrdiff_t(start_));
        start_ = 0;
    }
    buffer_.insert(buffer_.end(), chunk.begin(), chunk.end());
}

std::optional<size_t> FrameDecoder::fastPathLength(ByteView pending)
{
    if (pending.size() < 2)
        return std::nullopt;
    size_t length = pending[1];
    if (length & 0x80) {
        if (pending.size() < 3)
            return std::nullopt;
        length = (length & 0x7F) << 8 | pending[2];
    }
    return inRange(length, kMinFastPathFrameBytes, kMaxFastPathFrameBytes, 1,
                   "fast-path length below minimum", "fast-path length");
}

std::optional<size_t> FrameDecoder::tpktLength(ByteView pending)
{
    if (pending.size() < kTpktHeaderBytes)
        return std::nullopt;
    if (pending[0] != 0x03 || pending[1] != 0x00) {
        fail({ErrorCode::UnknownType, streamOffset_, "TPKT header"});
        return std::nullopt;
    }
    const size_t length = size_t(pending[2]) << 8 | pending[3];
    return inRange(length, kMinFrameBytes, kMaxFrameBytes, 2, "TPKT length below minimum",
                   "TPKT length");
}

std::optional<size_t> FrameDecoder::inRange(size_t length, size_t min, size_t max, size_t at,
                                            const char *tooShort, const char *tooLong)
{
    if (length < min) {
        fail({ErrorCode::LengthMismatch, streamOffset_ + at, tooShort});
        return std::nullopt;
    }
    if (length > max) {
        fail({ErrorCode::TooLarge, streamOffset_ + at, tooLong});
        return std::nullopt;
    }
    return length;
}

std::optional<Frame> FrameDecoder::next()
{
    if (failed() || pendingBytes() == 0)
        return std::nullopt;
    const ByteView pending = ByteView(buffer_).subspan(start_);
    const bool fastPath = acceptFastPath_ && pending[0] == kFastPathHeaderByte;
    const std::optional<size_t> length = fastPath ? fastPathLength(pending) : tpktLength(pending);
    if (!length || pending.size() < *length)
        return std::nullopt;

    auto frame = decodeFrame(pending.first(*length), acceptFastPath_);
    if (!frame) {
        ProtocolError error = frame.error();
        error.offset += streamOffset_;
        fail(error);
        return std::nullopt;
    }
    start_ += *length;
    streamOffset_ += *length;
    if (start_ == buffer_.size()) {
        buffer_.clear();
        start_ = 0;
    }
    return std::move(frame).value();
}

void FrameDecoder::fail(ProtocolError error)
{
    if (!error_)
        error_ = error;
    buffer_.clear();
    buffer_.shrink_to_fit();
    start_ = 0;
}

} // namespace baton::protocol
