#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace baton::protocol {

// The protocol layer speaks std types only, so that the decoder can be fuzzed and reused
// without Qt. A QByteArray converts with
// ByteView(reinterpret_cast<const uint8_t *>(a.constData()), size_t(a.size())).
using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

} // namespace baton::protocol
