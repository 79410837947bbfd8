// Tile payloads arrive from the host inside tile-update PDUs: any bytes at all.
#include "codecs/tile/TileDecoder.h"
#include "codecs/tile/TileEncoder.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static baton::tile::TileDecoder decoder;
    const std::span<const uint8_t> payload(data, size);
    const auto header = baton::tile::parseTileHeader(payload);
    // Large tiles are legal but slow to fill; the fuzzer learns nothing more there.
    if (!header || int64_t{header->width} * header->height > 512 * 512)
        return 0;
    baton::Frame target(header->width, header->height);
    if (decoder.decode(payload, target.mutableView()) == baton::tile::TileDecodeError::None) {
        // Whatever decodes re-encodes to a payload that decodes to the same pixels.
        static baton::tile::TileEncoder encoder;
        std::vector<uint8_t> again;
        encoder.encode(target, again);
        baton::Frame check(header->width, header->height);
        if (decoder.decode(again, check.mutableView()) != baton::tile::TileDecodeError::None ||
            !(check == target))
            __builtin_trap();
    }
    return 0;
}
