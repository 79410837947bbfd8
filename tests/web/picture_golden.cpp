// Writes the golden files of the web viewer's picture tests (web/test/picture*.test.js,
// web/test/browser/video-golden.html): tile payloads made by the C++ TileEncoder with
// what the C++ TileDecoder makes of them, a scripted run of the C++ UpdateApplier with
// its picture after every step, and an H.264 stream from LibavVideoEncoder with the
// planes libavcodec decodes from it and the pictures LibavVideoDecoder makes of them.
//
// Usage: baton_web_picture_golden DIR — writes DIR/picture/manifest.json and the files
// it names (raw bytes; pictures are packed B, G, R, A rows as the C++ Frame holds them;
// the applier's PDUs also as the fast-path frames the host sends).

#include "codecs/frame/Frame.h"
#include "codecs/t128/T128BitmapEncoder.h"
#include "codecs/tile/RowFilters.h"
#include "codecs/tile/TileDecoder.h"
#include "codecs/tile/TileEncoder.h"
#include "codecs/tile/TileFormat.h"
#include "codecs/video/FfmpegHandles.h"
#include "codecs/video/LibavVideoDecoder.h"
#include "codecs/video/LibavVideoEncoder.h"
#include "core/protocol/PduEncoder.h"
#include "core/protocol/SurfacePdus.h"
#include "core/protocol/UpdatePdus.h"
#include "core/viewer/UpdateApplier.h"
#include "tests/codecs/tile/TileTestImages.h"

#include <zstd.h>

extern "C" {
#include <libavutil/log.h>
}

#include <QString>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace {

using namespace baton;
namespace fs = std::filesystem;

[[noreturn]] void die(const std::string &why)
{
    std::cerr << "baton_web_picture_golden: " << why << '\n';
    std::exit(1);
}

class GoldenDir {
public:
    explicit GoldenDir(fs::path root) : root_(std::move(root)) { fs::create_directories(root_); }

    // Writes bytes to name (relative to the root) and returns name.
    std::string write(const std::string &name, std::span<const uint8_t> bytes) const
    {
        std::ofstream out(root_ / name, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char *>(bytes.data()), std::streamsize(bytes.size()));
        if (!out)
            die("cannot write " + (root_ / name).string());
        return name;
    }

    std::string writePicture(const std::string &name, const FrameView &picture) const
    {
        std::vector<uint8_t> packed;
        packed.reserve(std::size_t(picture.width()) * picture.height() * 4);
        for (int32_t y = 0; y < picture.height(); ++y) {
            const auto row = picture.rowBytes(y);
            packed.insert(packed.end(), row.begin(), row.begin() + picture.width() * 4);
        }
        return write(name, packed);
    }

private:
    fs::path root_;
};

std::string quoted(const std::string &text)
{
    return '"' + text + '"';
}

std::string base64(std::span<const uint8_t> bytes)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const uint32_t chunk = uint32_t(bytes[i]) << 16 |
            (i + 1 < bytes.size() ? uint32_t(bytes[i + 1]) << 8 : 0) |
            (i + 2 < bytes.size() ? uint32_t(bytes[i + 2]) : 0);
        out += alphabet[(chunk >> 18) & 63];
        out += alphabet[(chunk >> 12) & 63];
        out += i + 1 < bytes.size() ? alphabet[(chunk >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? alphabet[chunk & 63] : '=';
    }
    return out;
}

// The same picture with an alpha per colour (so the colour count stays), for the
// non-opaque variants of every kind.
Frame withAlpha(const Frame &opaque)
{
    Frame frame = opaque;
    for (int32_t y = 0; y < frame.height(); ++y)
        for (int32_t x = 0; x < frame.width(); ++x) {
            const uint32_t colour = frame.pixel(x, y) & 0x00FFFFFFu;
            const uint32_t alpha = 0x30u + ((colour * 0x9E3779B1u) >> 26);
            frame.setPixel(x, y, colour | alpha << 24);
        }
    return frame;
}

Frame solid(int32_t width, int32_t height, uint32_t bgra)
{
    Frame frame(width, height);
    frame.fill(bgra);
    return frame;
}

// Photographic-looking content: a gradient with mild noise, where every row filter has
// something to predict.
Frame photo(int32_t width, int32_t height, uint32_t seed, bool opaque)
{
    Frame frame = tile::test::gradient(width, height);
    std::mt19937 rng(seed);
    for (int32_t y = 0; y < height; ++y)
        for (int32_t x = 0; x < width; ++x) {
            const uint32_t noise = rng() & 0x070707u;
            const uint32_t alpha = opaque ? 0xFFu : 0x80u + ((x + 2 * y) & 0x7F);
            frame.setPixel(x, y, ((frame.pixel(x, y) ^ noise) & 0x00FFFFFFu) | alpha << 24);
        }
    return frame;
}

// A generic payload with the given row filter (the encoder picks one filter per tile;
// this covers every filter on the same content).
std::vector<uint8_t> genericPayload(const Frame &picture, tile::RowFilter filter, bool opaque)
{
    const int channels = opaque ? 3 : 4;
    const int rowBytes = picture.width() * channels;
    std::vector<uint8_t> bytes;
    for (int32_t y = 0; y < picture.height(); ++y)
        for (const uint32_t pixel : picture.view().row(y))
            for (int c = 0; c < channels; ++c)
                bytes.push_back(uint8_t(pixel >> (8 * c)));
    std::vector<uint8_t> filtered(bytes.size());
    tile::RowFilters::apply(filter, bytes, rowBytes, channels, filtered);
    std::vector<uint8_t> payload{uint8_t(uint8_t(tile::TileKind::Generic) |
                                         (opaque ? tile::kOpaqueFlag : 0) | tile::kZstdFlag |
                                         uint8_t(uint8_t(filter) << tile::kFilterShift)),
                                 uint8_t(picture.width()), uint8_t(picture.width() >> 8),
                                 uint8_t(picture.height()), uint8_t(picture.height() >> 8)};
    const std::size_t header = payload.size();
    payload.resize(header + ZSTD_compressBound(filtered.size()));
    const std::size_t written = ZSTD_compress(payload.data() + header, payload.size() - header,
                                              filtered.data(), filtered.size(), tile::kZstdLevel);
    if (ZSTD_isError(written))
        die("zstd failed");
    payload.resize(header + written);
    return payload;
}

struct TileCase {
    std::string name;
    std::vector<uint8_t> payload;
    Frame source;
};

std::vector<TileCase> tileCases()
{
    using namespace tile::test;
    std::vector<TileCase> cases;
    tile::TileEncoder encoder;
    const auto encoded = [&](const std::string &name, const Frame &picture) {
        std::vector<uint8_t> payload;
        encoder.encode(picture, payload);
        cases.push_back({name, std::move(payload), picture});
    };
    const std::vector<std::pair<std::string, Frame>> pictures = {
        {"solid-64x64", solid(64, 64, 0xFF336699u)},
        {"solid-1x1", solid(1, 1, 0xFF010203u)},
        {"colours2-64x64", withColours(64, 64, 2, 1)},
        {"colours2-4x4", withColours(4, 4, 2, 2)},
        {"colours4-256x64", withColours(256, 64, 4, 3)},
        {"colours16-37x19", withColours(37, 19, 16, 4)},
        {"colours3-3x1", withColours(3, 1, 3, 5)},
        {"colours200-256x64", withColours(256, 64, 200, 6)},
        {"colours256-64x64", withColours(64, 64, 256, 7)},
        {"bands-rare300-256x64", bandsWithRareColours(256, 64, 300)},
        {"bands-rare40-61x33", bandsWithRareColours(61, 33, 290)},
        {"gradient-256x64", gradient(256, 64)},
        {"noise-64x64", noise(64, 64, 8)},
        {"noise-33x65", noise(33, 65, 9)},
        {"photo-256x64", photo(256, 64, 10, true)},
    };
    for (const auto &[name, picture] : pictures) {
        encoded(name, picture);
        encoded(name + "-alpha", withAlpha(picture));
    }
    encoded("noise-alpha-64x64", noise(64, 64, 11, false));
    const std::pair<tile::RowFilter, const char *> filters[] = {
        {tile::RowFilter::None, "none"},
        {tile::RowFilter::Sub, "sub"},
        {tile::RowFilter::Up, "up"},
        {tile::RowFilter::Gradient, "gradient"}};
    for (const auto &[filter, filterName] : filters) {
        for (const bool opaque : {true, false}) {
            const Frame picture = photo(75, 41, 12, opaque);
            cases.push_back({std::string("generic-") + filterName + (opaque ? "" : "-alpha"),
                             genericPayload(picture, filter, opaque), picture});
        }
    }
    return cases;
}

std::string writeTiles(const GoldenDir &dir)
{
    std::string json = "[";
    tile::TileDecoder decoder;
    bool first = true;
    for (const TileCase &c : tileCases()) {
        const auto header = tile::parseTileHeader(c.payload);
        if (!header)
            die(c.name + ": the encoder wrote a bad header");
        Frame decoded(header->width, header->height);
        if (decoder.decode(c.payload, decoded.mutableView()) != tile::TileDecodeError::None)
            die(c.name + ": the C++ decoder refused its own encoder's payload");
        if (!(decoded == c.source))
            die(c.name + ": the tile codec is not lossless here");
        json += std::string(first ? "" : ",") + "\n  {\"name\": " + quoted(c.name) +
            ", \"flags\": " + std::to_string(c.payload[0]) +
            ", \"width\": " + std::to_string(header->width) +
            ", \"height\": " + std::to_string(header->height) +
            ", \"payload\": " + quoted(dir.write("tile-" + c.name + ".bin", c.payload)) +
            ", \"pixels\": " + quoted(dir.writePicture("tile-" + c.name + ".bgra", decoded)) + "}";
        first = false;
    }
    return json + "\n]";
}

// ---- the applier script -------------------------------------------------------------

std::string rectJson(int x, int y, int width, int height)
{
    return "\"x\": " + std::to_string(x) + ", \"y\": " + std::to_string(y) +
        ", \"width\": " + std::to_string(width) + ", \"height\": " + std::to_string(height);
}

struct Step {
    protocol::PduBody body;
    std::string json; // the same PDU as the web viewer's decoder gives it
};

std::vector<uint8_t> encodeTile(const Frame &picture)
{
    tile::TileEncoder encoder;
    std::vector<uint8_t> payload;
    encoder.encode(picture, payload);
    return payload;
}

Step tiles(const std::vector<std::tuple<int, int, Frame, int>> &placed)
{
    protocol::TileUpdatePdu pdu;
    pdu.frameId = 7;
    std::string entries;
    for (const auto &[x, y, picture, slot] : placed) {
        protocol::TileEntry entry;
        entry.x = uint16_t(x);
        entry.y = uint16_t(y);
        entry.width = uint16_t(picture.width());
        entry.height = uint16_t(picture.height());
        entry.codecId = 2;
        entry.flags = slot >= 0 ? protocol::TileEntry::kFlagCache : 0;
        entry.cacheIndex = uint16_t(slot >= 0 ? slot : 0);
        entry.data = encodeTile(picture);
        entries += std::string(entries.empty() ? "" : ", ") + "{" +
            rectJson(x, y, picture.width(), picture.height()) +
            ", \"codecId\": 2, \"flags\": " + std::to_string(entry.flags) +
            ", \"cacheIndex\": " + std::to_string(entry.cacheIndex) +
            ", \"data\": " + quoted(base64(entry.data)) + "}";
        pdu.tiles.push_back(std::move(entry));
    }
    return {pdu,
            "{\"type\": \"TileUpdate\", \"frameId\": 7, \"surfaceId\": 0, \"tiles\": [" + entries +
                "]}"};
}

Step tileWithCodec(int codecId)
{
    Step step = tiles({{0, 0, tile::test::noise(8, 8, 3), -1}});
    auto &pdu = std::get<protocol::TileUpdatePdu>(step.body);
    pdu.tiles[0].codecId = uint8_t(codecId);
    const std::string from = "\"codecId\": 2";
    step.json.replace(step.json.find(from), from.size(), "\"codecId\": " + std::to_string(codecId));
    return step;
}

Step orders(const std::vector<protocol::DrawingOrder> &list)
{
    protocol::OrdersUpdatePdu pdu;
    pdu.orders = list;
    std::string entries;
    for (const auto &order : list) {
        std::string entry;
        if (const auto *fill = std::get_if<protocol::OpaqueRectOrder>(&order))
            entry = "{\"kind\": \"OpaqueRect\", \"left\": " + std::to_string(fill->left) +
                ", \"top\": " + std::to_string(fill->top) +
                ", \"width\": " + std::to_string(fill->width) +
                ", \"height\": " + std::to_string(fill->height) +
                ", \"red\": " + std::to_string(fill->red) +
                ", \"green\": " + std::to_string(fill->green) +
                ", \"blue\": " + std::to_string(fill->blue) + "}";
        else if (const auto *copy = std::get_if<protocol::ScrBltOrder>(&order))
            entry = "{\"kind\": \"ScrBlt\", \"left\": " + std::to_string(copy->left) +
                ", \"top\": " + std::to_string(copy->top) +
                ", \"width\": " + std::to_string(copy->width) +
                ", \"height\": " + std::to_string(copy->height) +
                ", \"rop\": " + std::to_string(copy->rop) +
                ", \"xSrc\": " + std::to_string(copy->xSrc) +
                ", \"ySrc\": " + std::to_string(copy->ySrc) + "}";
        entries += (entries.empty() ? "" : ", ") + entry;
    }
    return {pdu, "{\"type\": \"OrdersUpdate\", \"orders\": [" + entries + "]}"};
}

protocol::OpaqueRectOrder fill(int x, int y, int width, int height, uint32_t rgb)
{
    return {int16_t(x),         int16_t(y),        int16_t(width), int16_t(height),
            uint8_t(rgb >> 16), uint8_t(rgb >> 8), uint8_t(rgb)};
}

protocol::ScrBltOrder copy(int x, int y, int width, int height, int xSrc, int ySrc,
                           uint8_t rop = 0xCC)
{
    return {int16_t(x), int16_t(y),    int16_t(width), int16_t(height),
            rop,        int16_t(xSrc), int16_t(ySrc)};
}

Step cacheHits(const std::vector<protocol::TileCacheHit> &list)
{
    protocol::TileCacheHitsPdu pdu;
    pdu.frameId = 8;
    pdu.hits = list;
    std::string entries;
    for (const auto &hit : list)
        entries += std::string(entries.empty() ? "" : ", ") + "{\"x\": " + std::to_string(hit.x) +
            ", \"y\": " + std::to_string(hit.y) + ", \"slot\": " + std::to_string(hit.slot) + "}";
    return {pdu, "{\"type\": \"TileCacheHits\", \"frameId\": 8, \"hits\": [" + entries + "]}"};
}

Step bitmapStep(const protocol::BitmapRectangle &bitmap)
{
    protocol::BitmapUpdatePdu pdu;
    pdu.rectangles.push_back(bitmap);
    const std::string json = "{\"type\": \"BitmapUpdate\", \"rectangles\": [{\"destLeft\": " +
        std::to_string(bitmap.destLeft) + ", \"destTop\": " + std::to_string(bitmap.destTop) +
        ", \"destRight\": " + std::to_string(bitmap.destRight) +
        ", \"destBottom\": " + std::to_string(bitmap.destBottom) +
        ", \"width\": " + std::to_string(bitmap.width) +
        ", \"height\": " + std::to_string(bitmap.height) +
        ", \"bitsPerPixel\": " + std::to_string(bitmap.bitsPerPixel) +
        ", \"flags\": " + std::to_string(bitmap.flags) +
        ", \"data\": " + quoted(base64(bitmap.data)) + "}]}";
    return {pdu, json};
}

protocol::BitmapRectangle bitmapAt(int x, int y, int width, int height, int paddedWidth,
                                   int bitsPerPixel)
{
    protocol::BitmapRectangle bitmap;
    bitmap.destLeft = uint16_t(x);
    bitmap.destTop = uint16_t(y);
    bitmap.destRight = uint16_t(x + width - 1);
    bitmap.destBottom = uint16_t(y + height - 1);
    bitmap.width = uint16_t(paddedWidth);
    bitmap.height = uint16_t(height);
    bitmap.bitsPerPixel = uint16_t(bitsPerPixel);
    return bitmap;
}

// A raw bitmap: bottom-up rows padded to 4 bytes, B, G, R (, A), of random bytes.
Step rawBitmap(int x, int y, int width, int height, int bitsPerPixel, uint32_t seed,
               int extraBytes = 0)
{
    protocol::BitmapRectangle bitmap = bitmapAt(x, y, width, height, width + 3, bitsPerPixel);
    const std::size_t stride =
        (std::size_t(bitmap.width) * (bitsPerPixel / 8) + 3) & ~std::size_t(3);
    std::mt19937 rng(seed);
    bitmap.data.resize(stride * std::size_t(height) + std::size_t(extraBytes));
    for (uint8_t &byte : bitmap.data)
        byte = uint8_t(rng());
    return bitmapStep(bitmap);
}

// An interleaved RLE bitmap from T128BitmapEncoder, its width padded to a multiple of 4.
Step rleBitmap(int x, int y, const Frame &picture, int bitsPerPixel, int droppedBytes = 0)
{
    const int paddedWidth = (picture.width() + 3) & ~3;
    Frame padded(paddedWidth, picture.height());
    padded.fill(0xFF000000u);
    padded.mutableView().copyFrom(picture, 0, 0);
    protocol::BitmapRectangle bitmap =
        bitmapAt(x, y, picture.width(), picture.height(), paddedWidth, bitsPerPixel);
    bitmap.flags = protocol::BitmapRectangle::kFlagCompressed |
        protocol::BitmapRectangle::kFlagNoCompressionHeader;
    t128::T128BitmapEncoder::encode(padded, bitsPerPixel, bitmap.data);
    bitmap.data.resize(bitmap.data.size() - std::size_t(droppedBytes));
    return bitmapStep(bitmap);
}

std::string writeApplierScript(const GoldenDir &dir)
{
    using namespace tile::test;
    constexpr int kWidth = 300;
    constexpr int kHeight = 200;
    const Frame glyph = withColours(48, 40, 5, 21); // ≤ 4096 pixels: cacheable
    std::vector<Step> steps = {
        orders({fill(0, 0, 300, 200, 0xF0F0F0), fill(10, 10, 100, 50, 0x2060C0),
                fill(290, 190, 10, 10, 0x102030)}),
        tiles({{20, 30, gradient(256, 64), -1},
               {0, 100, withAlpha(noise(40, 30, 22)), -1},
               {150, 120, glyph, 5},
               {250, 0, bandsWithRareColours(50, 64, 280), -1},
               {299, 199, solid(1, 1, 0xFF00FF00u), -1}}),
        // A scroll up by 17 rows (source and destination overlap), then one sideways.
        orders({copy(5, 5, 280, 170, 5, 22), copy(40, 0, 200, 60, 20, 0)}),
        cacheHits({{0, 0, 5}, {252, 160, 5}, {100, 80, 5}}),
        rawBitmap(100, 150, 13, 7, 24, 31),
        rawBitmap(7, 3, 29, 11, 32, 32),
        rleBitmap(30, 90, bandsWithRareColours(61, 27, 20), 24),
        rleBitmap(200, 20, withColours(37, 45, 7, 34), 24),
        rleBitmap(120, 40, gradient(50, 30), 16),
        tiles({{64, 64, photo(64, 64, 33, false), 1000}}),
        cacheHits({{236, 136, 1000}}),
        {protocol::UpdateSynchronizePdu{}, "{\"type\": \"UpdateSynchronize\"}"},
        // Refused updates: each must fail with the C++ applier's reason.
        orders({fill(250, 150, 51, 10, 0xFF0000)}),
        orders({fill(0, 0, 20, 20, 0x00FF00), copy(0, 0, 10, 10, 295, 0)}),
        orders({copy(0, 0, 10, 10, 20, 20, 0x66)}),
        tiles({{280, 10, noise(32, 8, 41), -1}}),
        tileWithCodec(3),
        cacheHits({{0, 0, 6}}),
        cacheHits({{270, 180, 1000}}),
        rawBitmap(10, 10, 5, 5, 16, 42),
        rawBitmap(10, 10, 5, 5, 24, 43, 1),
        rleBitmap(10, 10, withColours(21, 9, 5, 46), 24, 1),
        tiles({{0, 0, withColours(80, 60, 3, 44), 9}}),
    };
    // A corrupt tile: the payload's last byte dropped.
    Step corrupt = tiles({{3, 4, withColours(20, 20, 9, 45), -1}});
    auto &corruptTile = std::get<protocol::TileUpdatePdu>(corrupt.body).tiles[0];
    const std::string whole = quoted(base64(corruptTile.data));
    corruptTile.data.pop_back();
    corrupt.json.replace(corrupt.json.find(whole), whole.size(), quoted(base64(corruptTile.data)));
    steps.push_back(corrupt);

    UpdateApplier applier;
    QString error;
    if (!applier.resize(kWidth, kHeight, &error))
        die("resize failed");
    std::string json = "{\"width\": " + std::to_string(kWidth) +
        ", \"height\": " + std::to_string(kHeight) + ", \"steps\": [";
    for (std::size_t i = 0; i < steps.size(); ++i) {
        error.clear();
        const auto outcome = applier.apply(steps[i].body, &error);
        const std::string name = "applier-step" + std::to_string(i);
        const std::string picture = dir.writePicture(name + ".bgra", applier.framebuffer());
        // The same PDU as the host sends it (fast-path frames, fragmented when large), for
        // the web viewer's own wire decoder; null when the C++ writer refuses the PDU.
        protocol::PduEncoder encoder;
        const auto frames = encoder.encodeFastPathFrames(steps[i].body);
        std::string wire = "null";
        if (frames) {
            std::vector<uint8_t> bytes;
            for (const auto &frame : frames.value())
                bytes.insert(bytes.end(), frame.begin(), frame.end());
            wire = quoted(dir.write(name + ".wire", bytes));
        }
        json += std::string(i ? "," : "") + "\n  {\"pdu\": " + steps[i].json + ", \"error\": " +
            (outcome == UpdateApplier::Outcome::Failed ? quoted(error.toStdString()) : "null") +
            ", \"wire\": " + wire + ", \"pixels\": " + quoted(picture) + "}";
    }
    const auto &stats = applier.stats();
    json += "\n], \"stats\": {\"moves\": " + std::to_string(stats.moves) +
        ", \"fills\": " + std::to_string(stats.fills) +
        ", \"tiles\": " + std::to_string(stats.tiles) +
        ", \"cacheHits\": " + std::to_string(stats.cacheHits) +
        ", \"bitmaps\": " + std::to_string(stats.bitmaps) + "}}";
    return json;
}

// ---- video --------------------------------------------------------------------------

// A moving picture of many colours (the planner's video case): smooth colour waves, as
// camera pictures have, and hard grey edges, as text has (hard saturated colour edges
// are where 4:2:0 decoders differ most: each interpolates chroma its own way).
Frame movingPicture(int32_t width, int32_t height, int index)
{
    Frame frame(width, height);
    const double t = index / 30.0;
    for (int32_t y = 0; y < height; ++y)
        for (int32_t x = 0; x < width; ++x) {
            uint32_t r = uint32_t(128 + 100 * std::sin(x * 0.05 + t * 2));
            uint32_t g = uint32_t(128 + 100 * std::cos(y * 0.04 - t * 1.5));
            uint32_t b = uint32_t(128 + 90 * std::sin((x + y) * 0.03 + t * 3));
            if (((x + 4 * index) / 9 + y / 13) % 5 == 0)
                r = g = b = ((x + y) & 8) ? 20 : 235;
            frame.setPixel(x, y, 0xFF000000u | r << 16 | g << 8 | b);
        }
    return frame;
}

// The planes libavcodec gives for each payload (with the decoder LibavVideoDecoder
// uses), for the browser test that compares WebCodecs' planes with them.
std::vector<AVFrame *> decodePlanes(const char *decoderName,
                                    const std::vector<std::vector<uint8_t>> &payloads)
{
    const AVCodec *codec = avcodec_find_decoder_by_name(decoderName);
    video::AVCodecContextPtr context(avcodec_alloc_context3(codec));
    context->thread_count = 1;
    context->flags |= AV_CODEC_FLAG_LOW_DELAY;
    if (avcodec_open2(context.get(), codec, nullptr) < 0)
        die(std::string(decoderName) + " did not open");
    std::vector<AVFrame *> frames;
    video::AVPacketPtr packet(av_packet_alloc());
    for (const auto &payload : payloads) {
        const std::size_t bytes = payload.size() - 6;
        if (av_new_packet(packet.get(), int(bytes)) < 0)
            die("out of memory");
        std::copy(payload.begin() + 6, payload.end(), packet->data);
        if (avcodec_send_packet(context.get(), packet.get()) < 0)
            die(std::string(decoderName) + " refused a payload");
        av_packet_unref(packet.get());
        AVFrame *frame = av_frame_alloc();
        if (avcodec_receive_frame(context.get(), frame) < 0)
            die(std::string(decoderName) + " gave no picture for a payload");
        frames.push_back(frame);
    }
    return frames;
}

struct VideoStream {
    const char *prefix; // of the files' names
    const char *encoder; // libavcodec's names
    const char *decoder;
    video::VideoCodec codec;
};

std::string writeVideo(const GoldenDir &dir, const VideoStream &stream)
{
    constexpr int32_t kWidth = 197; // odd: the encoder pads it, the viewer crops it back
    constexpr int32_t kHeight = 117;
    constexpr int kPictures = 6;
    video::VideoEncoderConfig config;
    config.width = kWidth;
    config.height = kHeight;
    config.preferHardware = false;
    config.bitrateKbps = 8000;
    config.codec = stream.codec;
    std::string why;
    const auto encoder = video::LibavVideoEncoder::open(stream.encoder, config, &why);
    if (!encoder)
        die(std::string(stream.encoder) + ": " + why);
    // An encoder with latency (SVT-AV1) gives its first payloads a few pictures late.
    std::vector<std::vector<uint8_t>> payloads;
    for (int i = 0; payloads.size() < std::size_t(kPictures); ++i) {
        video::EncodedVideoFrame encoded;
        if (i >= 4 * kPictures ||
            !encoder->encode(movingPicture(kWidth, kHeight, i), i == 0, &encoded, &why))
            die(std::string(stream.encoder) + " encode: " + why);
        if (encoded.payload.empty())
            continue;
        if (encoded.keyFrame != payloads.empty())
            die(std::string(stream.encoder) + " made an unexpected key frame");
        payloads.push_back(encoded.payload);
    }
    video::LibavVideoDecoder decoder(stream.codec);
    const std::vector<AVFrame *> planes = decodePlanes(stream.decoder, payloads);
    std::string json = "{\"width\": " + std::to_string(kWidth) +
        ", \"height\": " + std::to_string(kHeight) +
        ", \"codecId\": " + std::to_string(int(stream.codec)) + ", \"pictures\": [";
    for (int i = 0; i < kPictures; ++i) {
        Frame picture;
        if (decoder.decode(payloads[std::size_t(i)], &picture) != video::VideoDecodeError::None)
            die("LibavVideoDecoder refused a payload");
        const AVFrame *frame = planes[std::size_t(i)];
        if (frame->format != AV_PIX_FMT_YUV420P)
            die(std::string(stream.decoder) + " decoded to another pixel format than I420");
        std::vector<uint8_t> yuv;
        for (int p = 0; p < 3; ++p) {
            const int w = p ? (frame->width + 1) / 2 : frame->width;
            const int h = p ? (frame->height + 1) / 2 : frame->height;
            for (int y = 0; y < h; ++y)
                yuv.insert(yuv.end(), frame->data[p] + y * frame->linesize[p],
                           frame->data[p] + y * frame->linesize[p] + w);
        }
        const std::string name = std::string(stream.prefix) + "-" + std::to_string(i);
        json += std::string(i ? "," : "") +
            "\n  {\"payload\": " + quoted(dir.write(name + ".bin", payloads[std::size_t(i)])) +
            ", \"keyFrame\": " + (i == 0 ? "true" : "false") +
            ", \"planesWidth\": " + std::to_string(frame->width) +
            ", \"planesHeight\": " + std::to_string(frame->height) +
            ", \"i420\": " + quoted(dir.write(name + ".i420", yuv)) +
            ", \"pixels\": " + quoted(dir.writePicture(name + ".bgra", picture)) + "}";
    }
    for (AVFrame *frame : planes)
        av_frame_free(&frame);
    return json + "\n]}";
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2)
        die("usage: baton_web_picture_golden DIR");
    // libx264's statistics and SVT-AV1's configuration are no news here.
    av_log_set_level(AV_LOG_ERROR);
    setenv("SVT_LOG", "1", 0);
    const GoldenDir dir(fs::path(argv[1]) / "picture");
    const std::string manifest = "{\"tiles\": " + writeTiles(dir) +
        ",\n\"applier\": " + writeApplierScript(dir) +
        ",\n\"video\": " + writeVideo(dir, {"video", "libx264", "h264", video::VideoCodec::H264}) +
        ",\n\"videoAv1\": " +
        writeVideo(dir, {"av1", "libsvtav1", "libdav1d", video::VideoCodec::AV1}) + "}\n";
    const std::vector<uint8_t> bytes(manifest.begin(), manifest.end());
    dir.write("manifest.json", bytes);
    return 0;
}
