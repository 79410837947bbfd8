#pragma once

#include <cstdint>

namespace baton {

// The X keysym that types a character, as both XTEST (through the keyboard mapping) and
// Wayland's RemoteDesktop take it: Return and Tab for line breaks and tabs, printable
// Latin-1 as itself, the rest as a Unicode keysym (0x01000000 + code point).
uint32_t keysymForCharacter(char32_t character);

} // namespace baton
