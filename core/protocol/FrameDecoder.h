#pragma once

#include "core/protocol/Bytes.h"
#include "core/protocol/Framing.h"
#include "core/protocol/ProtocolError.h"

#include <cstddef>
#include <optional>

namespace baton::protocol {

// Cuts a byte stream (whatever chunks a socket delivers) into frames.
//
//   decoder.feed(chunk);
//   while (auto frame = decoder.next()) handle(*frame);
//   if (decoder.failed()) close(CloseReason::ProtocolError, decoder.error()->toString());
//
// A header is checked as soon as its bytes arrive, so a bad or oversized length is refused
// before its frame is waited for. After the first error the decoder yields nothing more
// (the stream cannot be resynchronised). Memory is bounded: at most kMaxPendingBytes may
// wait undecoded; drain next() after every feed().
class FrameDecoder {
public:
    static constexpr size_t kMaxPendingBytes = 1 << 20;

    // A viewer takes fast-path update frames from its host (Framing.h); a host never does.
    void acceptFastPath(bool accept) { acceptFastPath_ = accept; }

    void feed(ByteView chunk);
    // The next complete frame, or nullopt when more bytes are needed or after an error.
    std::optional<Frame> next();

    bool failed() const { return error_.has_value(); }
    // Offsets in the error count from the first byte ever fed.
    const std::optional<ProtocolError> &error() const { return error_; }
    size_t pendingBytes() const { return buffer_.size() - start_; }
    // True when no partial frame is waiting (a clean place for the peer to have stopped).
    bool idle() const { return pendingBytes() == 0; }

private:
    // The length a frame's header announces, once enough of it is there and it is in
    // range; nullopt while waiting, or after failing.
    std::optional<size_t> fastPathLength(ByteView pending);
    std::optional<size_t> tpktLength(ByteView pending);
    // length, or nullopt after failing when it is outside [min, max]; at: the length
    // field's offset in the frame; the two texts name the errors (string literals).
    std::optional<size_t> inRange(size_t length, size_t min, size_t max, size_t at,
                                  const char *tooShort, const char *tooLong);
    void fail(ProtocolError error);

    Bytes buffer_;
    size_t start_ = 0; // first undecoded byte in buffer_
    size_t streamOffset_ = 0; // stream offset of buffer_[start_]
    std::optional<ProtocolError> error_;
    bool acceptFastPath_ = false;
};

} // namespace baton::protocol
