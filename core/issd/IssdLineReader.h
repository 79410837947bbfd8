#pragma once

#include "core/issd/IssdArguments.h"

#include <QByteArray>

#include <deque>
#include <optional>

namespace baton::issd {

// Splits a byte stream into lines, used by both ends of a connection. Lines end in
// CRLF or a bare LF. A line longer than kMaxLineOctets (terminator included) is
// reported once as tooLong and the rest of it is discarded up to its end, so one
// bad line costs the peer one error reply and loses nothing after it. An unfinished
// line is never buffered beyond the limit; complete lines wait in order until next().
class LineReader {
public:
    struct Line {
        QByteArray bytes; // without the terminator; empty when tooLong
        bool tooLong = false;
    };

    explicit LineReader(qsizetype maxLineOctets = kMaxLineOctets) : max_(maxLineOctets) { }

    void feed(QByteArrayView bytes);
    // The next complete line, or nullopt when more bytes are needed.
    std::optional<Line> next();
    // Bytes received but not yet returned as a line (STARTTLS must see none).
    qsizetype bufferedBytes() const;
    void clear();

private:
    std::deque<Line> ready_;
    QByteArray partial_; // the unfinished line, never longer than max_
    qsizetype max_;
    bool discarding_ = false;
};

} // namespace baton::issd
