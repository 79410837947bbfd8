// The H.264 half of `baton-cli bench codec`: the video-like sequence through libx264
// on one thread, decoded again to measure PSNR, with zlib level 6 on the same frames
// as the reference.
#include "codecs/video/LibavVideoDecoder.h"
#include "codecs/video/VideoEncoderFactory.h"

#include <QJsonObject>
#include <QTextStream>

#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>

namespace baton::cli {

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double psnr(const FrameView &a, const FrameView &b)
{
    double squared = 0;
    for (int32_t y = 0; y < a.height(); ++y) {
        const auto rowA = a.row(y);
        const auto rowB = b.row(y);
        for (int32_t x = 0; x < a.width(); ++x) {
            for (int shift = 0; shift < 24; shift += 8) {
                const double d = double((rowA[x] >> shift) & 0xFF) - double((rowB[x] >> shift) & 0xFF);
                squared += d * d;
            }
        }
    }
    const double mse = squared / (3.0 * a.width() * a.height());
    return mse == 0 ? 99.0 : 10 * std::log10(255.0 * 255.0 / mse);
}

double median(std::vector<double> values)
{
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

} // namespace

// frames pictures of frameAt through libx264 (one thread, Baton's low-latency
// settings); an empty object when no H.264 encoder opens.
QJsonObject measureVideo(int frames, const std::function<Frame(int)> &frameAt)
{
    const Frame first = frameAt(0);
    video::VideoEncoderConfig config;
    config.width = first.width();
    config.height = first.height();
    config.threads = 1;
    config.preferHardware = false;
    config.framesPerSecond = 30;
    config.bitrateKbps = 8000;
    std::string why;
    const auto encoder = video::createVideoEncoder(config, {}, &why);
    if (!encoder) {
        QTextStream(stderr) << "baton-cli bench codec: " << QString::fromStdString(why) << '\n';
        return {};
    }
    video::LibavVideoDecoder decoder(video::VideoCodec::H264);
    std::vector<double> encodeSeconds;
    std::vector<double> decodeSeconds;
    std::vector<double> zlibSeconds;
    std::size_t bytes = 0;
    std::size_t zlibBytes = 0;
    double psnrMin = 99;
    double psnrSum = 0;
    int decoded = 0;
    Frame picture;
    std::vector<uint8_t> raw;
    std::vector<uint8_t> compressed;
    for (int i = 0; i < frames; ++i) {
        const Frame input = i == 0 ? first : frameAt(i);
        video::EncodedVideoFrame encoded;
        std::string error;
        auto start = Clock::now();
        if (!encoder->encode(input, false, &encoded, &error))
            return {};
        encodeSeconds.push_back(seconds(start));
        bytes += encoded.payload.size();

        start = Clock::now();
        const video::VideoDecodeError result = decoder.decode(encoded.payload, &picture);
        decodeSeconds.push_back(seconds(start));
        if (result == video::VideoDecodeError::None) {
            const double quality = psnr(input, picture);
            psnrMin = std::min(psnrMin, quality);
            psnrSum += quality;
            ++decoded;
        }

        raw.clear();
        for (int32_t y = 0; y < input.height(); ++y) {
            const auto row = input.view().rowBytes(y);
            raw.insert(raw.end(), row.begin(), row.end());
        }
        compressed.resize(compressBound(static_cast<uLong>(raw.size())));
        uLongf size = static_cast<uLongf>(compressed.size());
        start = Clock::now();
        compress2(compressed.data(), &size, raw.data(), static_cast<uLong>(raw.size()), 6);
        zlibSeconds.push_back(seconds(start));
        zlibBytes += size;
    }
    const double frameBytes = double(first.width()) * first.height() * kBytesPerPixel;
    const double encodeMedian = median(encodeSeconds);
    const double round2 = 100;
    return QJsonObject{
        {QStringLiteral("corpus"), QStringLiteral("video-sequence")},
        {QStringLiteral("kind"), QStringLiteral("video")},
        {QStringLiteral("codec"), QStringLiteral("h264-") + QString::fromStdString(encoder->traits().encoderName)},
        {QStringLiteral("width"), first.width()},
        {QStringLiteral("height"), first.height()},
        {QStringLiteral("frames"), frames},
        {QStringLiteral("threads"), config.threads},
        {QStringLiteral("raw_bytes"), qint64(frameBytes * frames)},
        {QStringLiteral("bytes"), qint64(bytes)},
        {QStringLiteral("bitrate_kbps"), std::round(bytes * 8.0 / 1000 / (frames / 30.0))},
        {QStringLiteral("encode_mbps"), std::round(frameBytes / encodeMedian / 1e6 * round2) / round2},
        {QStringLiteral("decode_mbps"), std::round(frameBytes / median(decodeSeconds) / 1e6 * round2) / round2},
        {QStringLiteral("fps"), std::round(1.0 / encodeMedian * 10) / 10},
        {QStringLiteral("psnr_db_min"), std::round(psnrMin * round2) / round2},
        {QStringLiteral("psnr_db_mean"), decoded ? std::round(psnrSum / decoded * round2) / round2 : 0.0},
        {QStringLiteral("decoded_frames"), decoded},
        {QStringLiteral("zlib6_bytes"), qint64(zlibBytes)},
        {QStringLiteral("ratio_bytes_vs_zlib6"), std::round(double(bytes) / double(zlibBytes) * 1e6) / 1e6},
        {QStringLiteral("ratio_encode_speed_vs_zlib6"), std::round(median(zlibSeconds) / encodeMedian * round2) / round2},
    };
}

} // namespace baton::cli
