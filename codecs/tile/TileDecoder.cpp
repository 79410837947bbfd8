#include "codecs/tile/TileDecoder.h"

#include "codecs/tile/ColourTable.h"
#include "codecs/tile/IndexRuns.h"
#include "codecs/tile/RowFilters.h"

#include <algorithm>
#include <array>
#include <new>

namespace baton::tile {
namespace {

uint32_t readColour(const uint8_t *p, bool opaque)
{
    const uint32_t alpha = opaque ? 0xFFu : p[3];
    return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (alpha << 24);
}

// Decompresses one zstd frame that must expand to exactly expectedBytes.
bool inflateExactly(ZSTD_DCtx *context, std::span<const uint8_t> frame,
                    std::size_t expectedBytes, std::vector<uint8_t> &out)
{
    const unsigned long long declared = ZSTD_getFrameContentSize(frame.data(), frame.size());
    if (declared != expectedBytes)
        return false;
    if (ZSTD_findFrameCompressedSize(frame.data(), frame.size()) != frame.size())
        return false;
    out.resize(expectedBytes);
    const std::size_t written =
        ZSTD_decompressDCtx(context, out.data(), out.size(), frame.data(), frame.size());
    return !ZSTD_isError(written) && written == expectedBytes;
}

} // namespace

const char *toString(TileDecodeError error)
{
    switch (error) {
    case TileDecodeError::None:
        return "no error";
    case TileDecodeError::Truncated:
        return "truncated tile payload";
    case TileDecodeError::BadHeader:
        return "invalid tile header";
    case TileDecodeError::SizeMismatch:
        return "tile size differs from its target";
    case TileDecodeError::BadPalette:
        return "invalid palette body";
    case TileDecodeError::BadZstd:
        return "invalid zstd body";
    case TileDecodeError::TrailingBytes:
        return "bytes after the tile body";
    }
    return "unknown error";
}

std::optional<TileHeader> parseTileHeader(std::span<const uint8_t> payload,
                                          TileDecodeError *error)
{
    const auto fail = [error](TileDecodeError why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (payload.size() < kHeaderBytes)
        return fail(TileDecodeError::Truncated);
    const uint8_t flags = payload[0];
    TileHeader header;
    header.kind = static_cast<TileKind>(flags & kKindMask);
    header.opaque = (flags & kOpaqueFlag) != 0;
    header.zstd = (flags & kZstdFlag) != 0;
    if (header.kind == TileKind::Generic)
        header.filter = static_cast<RowFilter>((flags & kFilterMask) >> kFilterShift);
    if (header.kind == TileKind::Palette) {
        header.plainIndices = (flags & kPlainIndices) != 0;
        header.escapes = (flags & kEscapes) != 0;
    }
    header.width = payload[1] | (payload[2] << 8);
    header.height = payload[3] | (payload[4] << 8);
    // Escapes come only with plain indices; other kinds have no use for bits 4-5.
    const bool filterAllowed = header.kind == TileKind::Generic ||
        (flags & kFilterMask) == 0 ||
        (header.kind == TileKind::Palette && (flags & kFilterMask) != kEscapes);
    const bool zstdAllowed = header.kind == TileKind::Palette ||
        (header.kind == TileKind::Generic && header.zstd) || !header.zstd;
    const bool knownKind = header.kind == TileKind::Solid || header.kind == TileKind::Palette ||
        header.kind == TileKind::Generic;
    if ((flags & kReservedMask) != 0 || !knownKind || !filterAllowed || !zstdAllowed ||
        !Frame::isValidSize(header.width, header.height))
        return fail(TileDecodeError::BadHeader);
    if (error)
        *error = TileDecodeError::None;
    return header;
}

TileDecoder::TileDecoder() : zstd_(ZSTD_createDCtx())
{
    if (!zstd_)
        throw std::bad_alloc();
}

TileDecodeError TileDecoder::decode(std::span<const uint8_t> payload,
                                    const MutableFrameView &target)
{
    TileDecodeError error = TileDecodeError::None;
    const std::optional<TileHeader> header = parseTileHeader(payload, &error);
    if (!header)
        return error;
    if (target.width() != header->width || target.height() != header->height)
        return TileDecodeError::SizeMismatch;
    const std::span<const uint8_t> body = payload.subspan(kHeaderBytes);

    switch (header->kind) {
    case TileKind::Solid: {
        const std::size_t colourBytes = header->opaque ? 3 : 4;
        if (body.size() < colourBytes)
            return TileDecodeError::Truncated;
        if (body.size() > colourBytes)
            return TileDecodeError::TrailingBytes;
        target.fill(target.rect(), readColour(body.data(), header->opaque));
        return TileDecodeError::None;
    }
    case TileKind::Palette:
        error = decodePalette(*header, body, target);
        break;
    case TileKind::Generic:
        error = decodeGeneric(*header, body, target);
        break;
    }
    return error;
}

TileDecodeError TileDecoder::decodePalette(const TileHeader &header,
                                           std::span<const uint8_t> body,
                                           const MutableFrameView &target)
{
    if (body.empty())
        return TileDecodeError::Truncated;
    const std::size_t count = std::size_t{body[0]} + 1;
    // With escapes the table has exactly 255 colours, so every byte is a valid index.
    if (header.escapes && count != kEscapeIndex)
        return TileDecodeError::BadPalette;
    const std::size_t colourBytes = header.opaque ? 3 : 4;
    const std::size_t tableBytes = ColourTable::bytes(count, header.opaque);
    const std::size_t pixels = static_cast<std::size_t>(header.width) * header.height;

    std::span<const uint8_t> stream = body.subspan(1);
    if (header.zstd) {
        // Index runs never exceed about two bytes per pixel plus their literals, which
        // with the table and the escapes bounds what an honest frame can declare.
        const std::size_t bound = tableBytes + (header.plainIndices ? pixels : 3 * pixels + 16) +
            (header.escapes ? pixels * colourBytes : 0);
        const unsigned long long declared = ZSTD_getFrameContentSize(stream.data(), stream.size());
        if (declared == ZSTD_CONTENTSIZE_ERROR || declared == ZSTD_CONTENTSIZE_UNKNOWN ||
            declared > bound)
            return TileDecodeError::BadZstd;
        if (!inflateExactly(zstd_.get(), stream, static_cast<std::size_t>(declared), stream_))
            return TileDecodeError::BadZstd;
        stream = stream_;
    }
    if (stream.size() < tableBytes)
        return TileDecodeError::Truncated;
    std::array<uint32_t, kMaxPaletteColours> colours{};
    ColourTable::read(stream.first(tableBytes), header.opaque, std::span(colours.data(), count));
    stream = stream.subspan(tableBytes);

    const uint8_t *index = nullptr;
    if (header.plainIndices) {
        if (stream.size() < pixels)
            return TileDecodeError::Truncated;
        index = stream.data();
        stream = stream.subspan(pixels);
    } else {
        indices_.resize(pixels);
        if (!IndexRuns::decode(stream, IndexRuns::bitsPerIndex(static_cast<int>(count)),
                               static_cast<int>(count), indices_))
            return TileDecodeError::BadPalette;
        index = indices_.data();
        stream = {};
    }

    if (!header.escapes) {
        if (!stream.empty())
            return TileDecodeError::TrailingBytes;
        // Plain indices are checked while mapping (entries past count are zero, so a
        // bad index reads nothing it should not); runs were checked when decoded.
        uint8_t highest = 0;
        for (int32_t y = 0; y < header.height; ++y) {
            for (uint32_t &pixel : target.row(y)) {
                highest = std::max(highest, *index);
                pixel = colours[*index++];
            }
        }
        return highest < count ? TileDecodeError::None : TileDecodeError::BadPalette;
    }
    const std::size_t escaped =
        static_cast<std::size_t>(std::count(index, index + pixels, uint8_t{kEscapeIndex}));
    if (stream.size() != escaped * colourBytes)
        return stream.size() < escaped * colourBytes ? TileDecodeError::Truncated
                                                     : TileDecodeError::TrailingBytes;
    const uint8_t *escapedColour = stream.data();
    for (int32_t y = 0; y < header.height; ++y) {
        for (uint32_t &pixel : target.row(y)) {
            const uint8_t i = *index++;
            if (i == kEscapeIndex) {
                pixel = readColour(escapedColour, header.opaque);
                escapedColour += colourBytes;
            } else {
                pixel = colours[i];
            }
        }
    }
    return TileDecodeError::None;
}

TileDecodeError TileDecoder::decodeGeneric(const TileHeader &header,
                                           std::span<const uint8_t> body,
                                           const MutableFrameView &target)
{
    const int channels = header.opaque ? 3 : 4;
    const int rowBytes = header.width * channels;
    const std::size_t total = static_cast<std::size_t>(rowBytes) * header.height;
    if (body.empty())
        return TileDecodeError::Truncated;
    if (!inflateExactly(zstd_.get(), body, total, bytes_))
        return TileDecodeError::BadZstd;
    RowFilters::undo(header.filter, bytes_, rowBytes, channels);

    const uint8_t *source = bytes_.data();
    for (int32_t y = 0; y < header.height; ++y) {
        const std::span<uint32_t> row = target.row(y);
        if (channels == 3) {
            for (uint32_t &pixel : row) {
                pixel = readColour(source, true);
                source += 3;
            }
        } else {
            for (uint32_t &pixel : row) {
                pixel = readColour(source, false);
                source += 4;
            }
        }
    }
    return TileDecodeError::None;
}

} // namespace baton::tile
