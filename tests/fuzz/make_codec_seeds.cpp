// Writes the seed corpora of the codec fuzz targets (tile, t128bitmap, videopayload):
// valid payloads of each kind, made by the real encoders.
//   make_codec_seeds tests/fuzz/corpus
#include "codecs/t128/T128BitmapEncoder.h"
#include "codecs/tile/TileEncoder.h"
#include "codecs/video/VideoEncoderFactory.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

using namespace baton;

namespace {

void write(const std::filesystem::path &path, const std::vector<uint8_t> &bytes)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

Frame picture(int width, int height, int colours, uint32_t seed)
{
    Frame frame(width, height);
    std::mt19937 rng(seed);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            frame.setPixel(x, y, colours > 0 ? 0xFF000000u | (rng() % colours) * 0x3F1F0Fu
                                             : 0xFF000000u | (x * 4) << 16 | (y * 4) << 8 | ((x ^ y) & 0xFF));
    return frame;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    const std::filesystem::path root = argv[1];
    tile::TileEncoder tiles;
    int n = 0;
    for (const auto &[w, h, colours] : std::vector<std::tuple<int, int, int>>{
             {1, 1, 1}, {16, 16, 1}, {32, 16, 2}, {17, 9, 3}, {16, 16, 16}, {24, 24, 200}, {16, 16, 0}}) {
        std::vector<uint8_t> payload;
        tiles.encode(picture(w, h, colours, static_cast<uint32_t>(n)), payload);
        write(root / "tile" / ("tile-" + std::to_string(n++)), payload);
    }
    // More than 256 colours, most of them on single pixels: a palette with escapes.
    Frame rare = picture(64, 32, 4, 99);
    for (int i = 0; i < 300; ++i)
        rare.setPixel(i * 6 % 64, i * 6 / 64, 0xFF000000u | static_cast<uint32_t>(i + 1) * 0x010307u);
    std::vector<uint8_t> escaped;
    tiles.encode(rare, escaped);
    write(root / "tile" / "escapes", escaped);

    n = 0;
    for (const auto &[w, h, colours] : std::vector<std::tuple<int, int, int>>{
             {8, 4, 2}, {33, 7, 3}, {64, 16, 0}, {5, 5, 1}}) {
        std::vector<uint8_t> stream{static_cast<uint8_t>(0xC0 | (w - 1)), static_cast<uint8_t>(h - 1)};
        t128::T128BitmapEncoder::encode(picture(w, h, colours, static_cast<uint32_t>(n)), 24, stream);
        write(root / "t128bitmap" / ("rle24-" + std::to_string(n++)), stream);
    }
    std::vector<uint8_t> stream16{static_cast<uint8_t>(0x80 | 15), 7};
    t128::T128BitmapEncoder::encode(picture(16, 8, 4, 9), 16, stream16);
    write(root / "t128bitmap" / "rle16", stream16);

    for (const auto codec : {video::VideoCodec::H264, video::VideoCodec::AV1}) {
        video::VideoEncoderConfig config;
        config.width = 64;
        config.height = 64;
        config.codec = codec;
        config.preferHardware = false;
        std::string why;
        auto encoder = video::createVideoEncoder(config, {}, &why);
        if (!encoder)
            continue;
        for (int i = 0; i < 3; ++i) {
            video::EncodedVideoFrame frame;
            encoder->encode(picture(64, 64, 0, static_cast<uint32_t>(i)), false, &frame, &why);
            if (!frame.payload.empty())
                write(root / "videopayload" /
                          (std::string(codec == video::VideoCodec::H264 ? "h264-" : "av1-") +
                           std::to_string(i)),
                      frame.payload);
        }
    }
    return 0;
}
