#include "core/protocol/PduWriter.h"

#include "core/protocol/PduReader.h"

namespace baton::protocol {

void PduWriter::u16(uint16_t value)
{
    bytes_.push_back(uint8_t(value));
    bytes_.push_back(uint8_t(value >> 8));
}

void PduWriter::u32(uint32_t value)
{
    for (int shift = 0; shift < 32; shift += 8)
        bytes_.push_back(uint8_t(value >> shift));
}

void PduWriter::u16be(uint16_t value)
{
    bytes_.push_back(uint8_t(value >> 8));
    bytes_.push_back(uint8_t(value));
}

void PduWriter::utf8WithLength16(std::string_view text, size_t maxBytes, const char *what)
{
    const ByteView view(reinterpret_cast<const uint8_t *>(text.data()), text.size());
    if (text.size() > maxBytes) {
        fail(ErrorCode::TooLarge, what);
        return;
    }
    if (!isValidUtf8(view)) {
        fail(ErrorCode::BadValue, what);
        return;
    }
    u16(uint16_t(text.size()));
    bytes(view);
}

void PduWriter::count8(size_t value, size_t maxCount, const char *what)
{
    if (value > maxCount || value > 0xFF)
        fail(ErrorCode::TooLarge, what);
    u8(uint8_t(value));
}

void PduWriter::count16(size_t value, size_t maxCount, const char *what)
{
    if (value > maxCount || value > 0xFFFF)
        fail(ErrorCode::TooLarge, what);
    u16(uint16_t(value));
}

size_t PduWriter::placeholder16()
{
    const size_t at = bytes_.size();
    zeros(2);
    return at;
}

void PduWriter::patch16(size_t at, uint16_t value)
{
    if (at + 2 > bytes_.size()) {
        fail(ErrorCode::BadValue, "patch offset");
        return;
    }
    bytes_[at] = uint8_t(value);
    bytes_[at + 1] = uint8_t(value >> 8);
}

void PduWriter::patch16be(size_t at, uint16_t value)
{
    if (at + 2 > bytes_.size()) {
        fail(ErrorCode::BadValue, "patch offset");
        return;
    }
    bytes_[at] = uint8_t(value >> 8);
    bytes_[at + 1] = uint8_t(value);
}

void PduWriter::fail(ErrorCode code, const char *what)
{
    if (!error_)
        error_ = ProtocolError{code, bytes_.size(), what};
}

} // namespace baton::protocol
