#include "core/input/Keysyms.h"

namespace baton {
namespace {

constexpr uint32_t kKeysymReturn = 0xff0d;
constexpr uint32_t kKeysymTab = 0xff09;
constexpr uint32_t kUnicodeKeysymBase = 0x01000000;

} // namespace

uint32_t keysymForCharacter(char32_t character)
{
    if (character == U'\n' || character == U'\r')
        return kKeysymReturn;
    if (character == U'\t')
        return kKeysymTab;
    if ((character >= 0x20 && character <= 0x7e) || (character >= 0xa0 && character <= 0xff))
        return character;
    return kUnicodeKeysymBase | character;
}

} // namespace baton
