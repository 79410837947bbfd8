// The ISSD line reader as the agent drives it, on a stream from any host before
// authentication: many lines, empty lines, over-long lines, cut anywhere. The input's
// first three bytes choose the line limit, the read-ahead and how the stream arrives;
// the lines must be exactly those of the whole stream split at its LFs.
#include "core/issd/IssdLineReader.h"

#include <QList>

#include <cstddef>
#include <cstdint>

using namespace baton::issd;

namespace {

// The stream's lines, split all at once: what the reader must produce in any chunking.
QList<LineReader::Line> expectedLines(QByteArrayView stream, qsizetype maxLine)
{
    QList<LineReader::Line> lines;
    while (!stream.isEmpty()) {
        const qsizetype newline = stream.indexOf('\n');
        if (newline < 0) {
            if (stream.size() >= maxLine) // can no longer fit, reported before it ends
                lines.append({{}, true});
            break;
        }
        if (newline + 1 > maxLine) {
            lines.append({{}, true});
        } else {
            QByteArrayView bytes = stream.first(newline);
            if (bytes.endsWith('\r'))
                bytes.chop(1);
            lines.append({bytes.toByteArray(), false});
        }
        stream = stream.sliced(newline + 1);
    }
    return lines;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    const qsizetype maxLine = data[0] % 64 + 2;
    const qsizetype maxBuffered = maxLine * (data[1] % 4 + 1);
    const qsizetype chunk = data[2] % 97 + 1;
    const int linesPerTurn = data[2] % 7 + 1;
    const QByteArrayView stream(reinterpret_cast<const char *>(data + 3),
                                static_cast<qsizetype>(size - 3));

    LineReader reader(maxLine, maxBuffered);
    QList<LineReader::Line> got;
    qsizetype offset = 0;
    for (;;) {
        // Like a session: feed no more than the room, take a few lines per turn.
        const qsizetype take = std::min({chunk, reader.room(), stream.size() - offset});
        reader.feed(stream.sliced(offset, take));
        offset += take;
        if (reader.bufferedBytes() > maxBuffered)
            __builtin_trap();
        int taken = 0;
        while (taken < linesPerTurn) {
            const auto line = reader.next();
            if (!line)
                break;
            if (line->bytes.contains('\n') || line->bytes.size() >= maxLine ||
                (line->tooLong && !line->bytes.isEmpty()))
                __builtin_trap();
            got.append(*line);
            ++taken;
        }
        if (offset == stream.size() && taken == 0)
            break;
        if (take == 0 && taken == 0) // no room and no line: the reader would stall
            __builtin_trap();
    }
    const QList<LineReader::Line> expected = expectedLines(stream, maxLine);
    if (got.size() != expected.size())
        __builtin_trap();
    for (qsizetype i = 0; i < got.size(); ++i) {
        if (got[i].tooLong != expected[i].tooLong || got[i].bytes != expected[i].bytes)
            __builtin_trap();
    }
    return 0;
}
