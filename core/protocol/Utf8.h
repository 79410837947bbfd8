#pragma once

#include "core/protocol/Bytes.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace baton::protocol {

// Whether bytes are the UTF-8 every Baton string must be: RFC 3629 shortest forms, no
// surrogates, nothing above U+10FFFF, and no NUL.
bool isValidUtf8(ByteView bytes);
bool isValidUtf8(std::string_view text);

// The longest prefix of text of at most maxBytes that ends on a character boundary, for
// fitting free text (a Goodbye message, a title) into a field's limit.
std::string truncateUtf8(std::string_view text, size_t maxBytes);

} // namespace baton::protocol
