#pragma once

#include "core/issd/IssdArguments.h"

#include <QByteArray>

#include <algorithm>
#include <optional>

namespace baton::issd {

// Splits a byte stream into lines, used by both ends of a connection. Lines end in
// CRLF or a bare LF. A line longer than kMaxLineOctets (terminator included) is
// reported once as tooLong and the rest of it is discarded up to its end, so one
// bad line costs the peer one error reply and loses nothing after it.
//
// Bytes wait as received until next() cuts the next line from them, so a waiting
// line costs only its own octets, terminator included: a read-ahead of room() octets
// holds at most that many empty lines and nothing per line beside them. A reader
// that is fed no more than room() at a time (the agent's sessions) never holds more
// than maxBufferedOctets; one that is fed freely must drain next() after each feed.
class LineReader {
public:
    struct Line {
        QByteArray bytes; // without the terminator; empty when tooLong
        bool tooLong = false;
    };

    static constexpr qsizetype kDefaultMaxBufferedOctets = 16 * 1024;

    explicit LineReader(qsizetype maxLineOctets = kMaxLineOctets,
                        qsizetype maxBufferedOctets = kDefaultMaxBufferedOctets)
        : max_(maxLineOctets), maxBuffered_(maxBufferedOctets)
    {
    }

    void feed(QByteArrayView bytes);
    // The next complete line (or the report of an over-long one), or nullopt when
    // more bytes are needed.
    std::optional<Line> next();
    // Bytes received but not yet returned as a line, terminators included (STARTTLS
    // must see none).
    qsizetype bufferedBytes() const { return buffer_.size() - head_; }
    // How many more octets may be fed before the read-ahead limit.
    qsizetype room() const { return std::max<qsizetype>(0, maxBuffered_ - bufferedBytes()); }
    void clear();

private:
    QByteArray buffer_; // received bytes; those before head_ are already returned
    qsizetype head_ = 0;
    qsizetype scanned_ = 0; // no LF in [head_, scanned_)
    qsizetype max_;
    qsizetype maxBuffered_;
    bool discarding_ = false; // within the rest of an over-long line
};

} // namespace baton::issd
