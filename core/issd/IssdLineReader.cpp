#include "core/issd/IssdLineReader.h"

namespace baton::issd {

void LineReader::feed(QByteArrayView bytes)
{
    // Drop what was returned before growing, so the buffer holds only waiting bytes.
    if (head_ > 0) {
        buffer_.remove(0, head_);
        scanned_ -= head_;
        head_ = 0;
    }
    buffer_.append(bytes);
}

std::optional<LineReader::Line> LineReader::next()
{
    for (;;) {
        const qsizetype newline = buffer_.indexOf('\n', scanned_);
        if (newline < 0) {
            scanned_ = buffer_.size();
            if (discarding_) {
                clear();
                discarding_ = true;
                return std::nullopt;
            }
            if (bufferedBytes() < max_)
                return std::nullopt;
            // Even its terminator would not fit: report it now, not when it ends.
            clear();
            discarding_ = true;
            return Line{{}, true};
        }
        const qsizetype start = head_;
        const qsizetype octets = newline + 1 - start;
        head_ = scanned_ = newline + 1;
        if (discarding_) {
            discarding_ = false;
            continue;
        }
        if (octets > max_)
            return Line{{}, true};
        qsizetype length = octets - 1;
        if (length > 0 && buffer_.at(start + length - 1) == '\r')
            --length;
        return Line{buffer_.sliced(start, length), false};
    }
}

void LineReader::clear()
{
    buffer_.clear();
    head_ = scanned_ = 0;
    discarding_ = false;
}

} // namespace baton::issd
