#include "core/issd/IssdLineReader.h"

namespace baton::issd {

void LineReader::feed(QByteArrayView bytes)
{
    while (!bytes.isEmpty()) {
        const qsizetype newline = bytes.indexOf('\n');
        const QByteArrayView segment = newline < 0 ? bytes : bytes.first(newline + 1);
        bytes = bytes.sliced(segment.size());
        if (discarding_) {
            discarding_ = newline < 0;
            continue;
        }
        if (partial_.size() + segment.size() > max_) {
            partial_.clear();
            ready_.push_back({{}, true});
            discarding_ = newline < 0;
            continue;
        }
        partial_.append(segment);
        if (newline < 0)
            continue;
        partial_.chop(1);
        if (partial_.endsWith('\r'))
            partial_.chop(1);
        ready_.push_back({std::exchange(partial_, {}), false});
    }
}

std::optional<LineReader::Line> LineReader::next()
{
    if (ready_.empty())
        return std::nullopt;
    Line line = std::move(ready_.front());
    ready_.pop_front();
    return line;
}

qsizetype LineReader::bufferedBytes() const
{
    qsizetype total = partial_.size();
    for (const Line &line : ready_)
        total += line.bytes.size();
    return total;
}

void LineReader::clear()
{
    ready_.clear();
    partial_.clear();
    discarding_ = false;
}

} // namespace baton::issd
