#include "core/protocol/PduReader.h"

namespace baton::protocol {

bool PduReader::require(size_t count)
{
    if (!ok())
        return false;
    if (count > end_ - pos_) {
        fail(ErrorCode::Truncated, "");
        return false;
    }
    return true;
}

uint8_t PduReader::u8()
{
    if (!require(1))
        return 0;
    return data_[pos_++];
}

uint16_t PduReader::u16()
{
    if (!require(2))
        return 0;
    const uint16_t value = uint16_t(data_[pos_] | (data_[pos_ + 1] << 8));
    pos_ += 2;
    return value;
}

uint32_t PduReader::u32()
{
    if (!require(4))
        return 0;
    const uint32_t value = uint32_t(data_[pos_]) | (uint32_t(data_[pos_ + 1]) << 8) |
        (uint32_t(data_[pos_ + 2]) << 16) | (uint32_t(data_[pos_ + 3]) << 24);
    pos_ += 4;
    return value;
}

int16_t PduReader::i16()
{
    return static_cast<int16_t>(u16());
}

int32_t PduReader::i32()
{
    return static_cast<int32_t>(u32());
}

uint16_t PduReader::u16be()
{
    if (!require(2))
        return 0;
    const uint16_t value = uint16_t((data_[pos_] << 8) | data_[pos_ + 1]);
    pos_ += 2;
    return value;
}

uint16_t PduReader::peek16() const
{
    if (!ok() || end_ - pos_ < 2)
        return 0;
    return uint16_t(data_[pos_] | (data_[pos_ + 1] << 8));
}

ByteView PduReader::bytes(size_t count)
{
    if (!require(count))
        return {};
    const ByteView view = data_.subspan(pos_, count);
    pos_ += count;
    return view;
}

Bytes PduReader::copyBytes(size_t count)
{
    const ByteView view = bytes(count);
    return Bytes(view.begin(), view.end());
}

void PduReader::skip(size_t count)
{
    if (require(count))
        pos_ += count;
}

void PduReader::zeros(size_t count, const char *what)
{
    const size_t start = pos_;
    for (uint8_t byte : bytes(count)) {
        if (byte != 0) {
            failAt(start, ErrorCode::BadValue, what);
            return;
        }
    }
}

std::string PduReader::utf8(size_t count, size_t maxBytes, const char *what)
{
    if (ok() && count > maxBytes) {
        fail(ErrorCode::TooLarge, what);
        return {};
    }
    const size_t start = pos_;
    const ByteView view = bytes(count);
    if (!ok())
        return {};
    if (!isValidUtf8(view)) {
        failAt(start, ErrorCode::BadValue, what);
        return {};
    }
    return std::string(view.begin(), view.end());
}

std::string PduReader::utf8WithLength16(size_t maxBytes, const char *what)
{
    const size_t length = u16();
    return utf8(length, maxBytes, what);
}

size_t PduReader::count(uint32_t value, size_t maxCount, size_t minBytesEach, const char *what)
{
    if (!ok())
        return 0;
    if (value > maxCount) {
        fail(ErrorCode::TooLarge, what);
        return 0;
    }
    if (minBytesEach > 0 && value > remaining() / minBytesEach) {
        fail(ErrorCode::Truncated, what);
        return 0;
    }
    return value;
}

void PduReader::expectEnd(const char *what)
{
    if (ok() && pos_ != end_)
        fail(ErrorCode::LengthMismatch, what);
}

void PduReader::fail(ErrorCode code, const char *what)
{
    failAt(pos_, code, what);
}

void PduReader::failAt(size_t offset, ErrorCode code, const char *what)
{
    if (!error_)
        error_ = ProtocolError{code, offset, what};
    pos_ = end_;
}

} // namespace baton::protocol
