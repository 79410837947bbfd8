#pragma once

#include "core/protocol/Bytes.h"
#include "core/protocol/ProtocolError.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace baton::protocol {

// The one place that writes protocol bytes: little-endian (T.128) unless the name says
// be. A value that cannot be encoded within the protocol's limits (a name too long, more
// elements than a count field allows) records a sticky error instead of writing bytes
// a conforming decoder would refuse.
class PduWriter {
public:
    void u8(uint8_t value) { bytes_.push_back(value); }
    void u16(uint16_t value);
    void u32(uint32_t value);
    void i16(int16_t value) { u16(static_cast<uint16_t>(value)); }
    void i32(int32_t value) { u32(static_cast<uint32_t>(value)); }
    void u16be(uint16_t value);
    void bytes(ByteView data) { bytes_.insert(bytes_.end(), data.begin(), data.end()); }
    void zeros(size_t count) { bytes_.insert(bytes_.end(), count, 0); }
    // UTF-8 with a u16 byte length in front; longer than maxBytes is an error.
    void utf8WithLength16(std::string_view text, size_t maxBytes, const char *what);
    // A count field: writes value as u8/u16/u32 and fails when it exceeds maxCount.
    void count8(size_t value, size_t maxCount, const char *what);
    void count16(size_t value, size_t maxCount, const char *what);

    // Reserves a u16 to be filled in later (lengths that precede what they measure).
    size_t placeholder16();
    void patch16(size_t at, uint16_t value);
    void patch16be(size_t at, uint16_t value);

    void fail(ErrorCode code, const char *what);
    bool ok() const { return !error_; }
    const std::optional<ProtocolError> &error() const { return error_; }

    size_t size() const { return bytes_.size(); }
    const Bytes &data() const { return bytes_; }
    Bytes take() { return std::move(bytes_); }

private:
    Bytes bytes_;
    std::optional<ProtocolError> error_;
};

} // namespace baton::protocol
