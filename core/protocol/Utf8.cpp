#include "core/protocol/Utf8.h"

namespace baton::protocol {

bool isValidUtf8(ByteView bytes)
{
    // RFC 3629: shortest forms only, no surrogates, nothing above U+10FFFF, no NUL (names
    // and titles are shown to people; a NUL would truncate them in C APIs).
    size_t i = 0;
    while (i < bytes.size()) {
        const uint8_t lead = bytes[i];
        size_t extra = 0;
        uint32_t codePoint = 0;
        if (lead == 0)
            return false;
        if (lead < 0x80) {
            ++i;
            continue;
        } else if ((lead & 0xE0) == 0xC0) {
            extra = 1;
            codePoint = lead & 0x1F;
        } else if ((lead & 0xF0) == 0xE0) {
            extra = 2;
            codePoint = lead & 0x0F;
        } else if ((lead & 0xF8) == 0xF0) {
            extra = 3;
            codePoint = lead & 0x07;
        } else {
            return false;
        }
        if (extra >= bytes.size() - i)
            return false;
        for (size_t k = 1; k <= extra; ++k) {
            const uint8_t next = bytes[i + k];
            if ((next & 0xC0) != 0x80)
                return false;
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        static constexpr uint32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};
        if (codePoint < kMinimum[extra] || codePoint > 0x10FFFF ||
            (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

bool isValidUtf8(std::string_view text)
{
    return isValidUtf8(ByteView(reinterpret_cast<const uint8_t *>(text.data()), text.size()));
}

std::string truncateUtf8(std::string_view text, size_t maxBytes)
{
    if (text.size() <= maxBytes)
        return std::string(text);
    size_t end = maxBytes;
    // Step back over continuation bytes so the cut falls before a lead byte.
    while (end > 0 && (uint8_t(text[end]) & 0xC0) == 0x80)
        --end;
    return std::string(text.substr(0, end));
}

} // namespace baton::protocol
