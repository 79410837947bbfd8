#pragma once

#include "core/protocol/Bytes.h"
#include "core/protocol/ProtocolError.h"
#include "core/protocol/Utf8.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace baton::protocol {

// The one place that reads protocol bytes. Every read is bounds-checked; the first failure
// is remembered (a sticky error) and every later read returns zeros or empty views, so a
// decoder reads a whole structure and checks ok() once at the end. Nothing throws.
// Integers are little-endian (T.128) unless the name says be (TPKT, MCS PER).
class PduReader {
public:
    explicit PduReader(ByteView data) : data_(data), end_(data.size()) { }

    uint8_t u8();
    uint16_t u16();
    uint32_t u32();
    int16_t i16();
    int32_t i32();
    uint16_t u16be();
    // The next u16 without consuming it (0 when fewer than two bytes remain).
    uint16_t peek16() const;

    // A view of the next count bytes (empty on failure); valid while the buffer lives.
    ByteView bytes(size_t count);
    // A copy of the next count bytes: the length is checked before anything is allocated.
    Bytes copyBytes(size_t count);
    void skip(size_t count);
    // Padding that Baton always writes as zeros; anything else is refused, which keeps
    // every accepted encoding canonical.
    void zeros(size_t count, const char *what);
    // count bytes of UTF-8 that must be valid and at most maxBytes long.
    std::string utf8(size_t count, size_t maxBytes, const char *what);
    // A u16 byte length followed by that much UTF-8.
    std::string utf8WithLength16(size_t maxBytes, const char *what);

    // Validates an element count read from the wire before anything is sized from it:
    // at most maxCount, and each element needs at least minBytesEach of what remains.
    // Returns the count, or 0 after recording the failure.
    size_t count(uint32_t value, size_t maxCount, size_t minBytesEach, const char *what);

    // Reads a structure of exactly count bytes: inside fn nothing beyond them can be read,
    // and bytes fn leaves unread are a LengthMismatch.
    template <typename Fn> void within(size_t count, const char *what, Fn &&fn)
    {
        if (!require(count))
            return;
        const size_t outerEnd = end_;
        end_ = pos_ + count;
        fn(*this);
        if (ok() && pos_ != end_)
            fail(ErrorCode::LengthMismatch, what);
        pos_ = end_;
        end_ = outerEnd;
    }

    // A one-byte enumeration whose valid values are first...last.
    template <typename E> E enum8(E first, E last, const char *what)
    {
        const size_t at = pos_;
        const uint8_t value = u8();
        if (ok() && (value < uint8_t(first) || value > uint8_t(last)))
            failAt(at, ErrorCode::BadValue, what);
        return E(value);
    }

    void expectEnd(const char *what);
    void fail(ErrorCode code, const char *what);
    // Records a failure at an earlier offset (for a field already read).
    void failAt(size_t offset, ErrorCode code, const char *what);

    bool ok() const { return !error_; }
    const std::optional<ProtocolError> &error() const { return error_; }
    size_t offset() const { return pos_; }
    size_t remaining() const { return ok() ? end_ - pos_ : 0; }
    bool atEnd() const { return remaining() == 0; }

private:
    bool require(size_t count);

    ByteView data_;
    size_t pos_ = 0;
    size_t end_ = 0;
    std::optional<ProtocolError> error_;
};

} // namespace baton::protocol
