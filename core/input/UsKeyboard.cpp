#include "UsKeyboard.h"

#include <array>
#include <string_view>

namespace baton {

namespace {

// Each row of the main block: its first scancode and its characters, unshifted and shifted.
struct KeyRow {
    uint16_t firstScancode;
    std::string_view plain;
    std::string_view shifted;
};

constexpr std::array kRows{
    KeyRow{0x02, "1234567890-=", "!@#$%^&*()_+"},
    KeyRow{0x10, "qwertyuiop[]", "QWERTYUIOP{}"},
    KeyRow{0x1E, "asdfghjkl;'`", "ASDFGHJKL:\"~"},
    KeyRow{0x2B, "\\zxcvbnm,./", "|ZXCVBNM<>?"},
};

} // namespace

std::optional<UsKey> usKeyFor(QChar character)
{
    const char16_t c = character.unicode();
    if (c == u' ')
        return UsKey{0x39, false};
    if (c == u'\n')
        return UsKey{kScancodeReturn, false};
    if (c == u'\t')
        return UsKey{0x0F, false};
    if (c > 0x7E)
        return std::nullopt;
    for (const KeyRow &row : kRows) {
        for (std::size_t i = 0; i < row.plain.size(); ++i) {
            if (char16_t(row.plain[i]) == c)
                return UsKey{uint16_t(row.firstScancode + i), false};
            if (char16_t(row.shifted[i]) == c)
                return UsKey{uint16_t(row.firstScancode + i), true};
        }
    }
    return std::nullopt;
}

} // namespace baton
