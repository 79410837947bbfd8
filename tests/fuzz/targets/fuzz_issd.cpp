// ISSD lines come from any host on the network before authentication.
#include "core/issd/IssdLineReader.h"
#include "core/issd/IssdMessages.h"

#include <cstddef>
#include <cstdint>

using namespace baton::issd;

namespace {

template <typename Message> void checkRoundTrip(QByteArrayView line)
{
    ParseError error;
    const auto message = Message::parse(line, &error);
    if (!message) {
        if (error.message.isEmpty())
            __builtin_trap();
        return;
    }
    // What parses serializes into a line that parses to the same message.
    const QByteArray written = message->toLine();
    if (written.size() > 3 * line.size() + 64)
        __builtin_trap();
    const auto again = Message::parse(written, &error);
    if (!again || !(*again == *message))
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    // The first byte picks how the stream is chunked, so split lines get exercised.
    const qsizetype chunk = size ? (data[0] % 64) + 1 : 1;
    LineReader reader(512);
    for (qsizetype offset = 0; offset < bytes.size(); offset += chunk) {
        reader.feed(bytes.sliced(offset, std::min(chunk, bytes.size() - offset)));
        while (const auto line = reader.next()) {
            if (line->tooLong)
                continue;
            if (line->bytes.size() > 512)
                __builtin_trap();
            checkRoundTrip<Command>(line->bytes);
            checkRoundTrip<ReplyLine>(line->bytes);
            checkRoundTrip<Event>(line->bytes);
        }
    }
    return 0;
}
