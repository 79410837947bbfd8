#include "CodecBench.h"

#include "../CliCommands.h"
#include "CodecCorpus.h"
#include "codecs/t128/T128BitmapDecoder.h"
#include "codecs/t128/T128BitmapEncoder.h"
#include "codecs/tile/TileDecoder.h"
#include "codecs/tile/TileEncoder.h"
#include "codecs/video/FfmpegHandles.h"
#include "codecs/video/LibavVideoDecoder.h"
#include "codecs/video/VideoEncoderFactory.h"

#include <QJsonDocument>
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

struct Options {
    bool json = false;
    int runs = 5;
    int frames = 60;
    // The lossless codec's main figures are at the planner's geometry: its 64×64 grid
    // cells merged horizontally into strips of up to 256×64 (docs/codecs.md); 64×64
    // single cells are measured too, as secondary figures.
    int tileWidthPx = 256;
    int tileHeightPx = 64;
    QString only; // a corpus item name, or empty for all
};

struct Measured {
    std::size_t bytes = 0;
    double encodeSeconds = 0; // median
    double decodeSeconds = 0; // median
    bool exact = true;        // decoded pixels equal the input
};

double medianSeconds(int runs, const std::function<void()> &work)
{
    std::vector<double> seconds;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        work();
        seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    }
    std::nth_element(seconds.begin(), seconds.begin() + seconds.size() / 2, seconds.end());
    return seconds[seconds.size() / 2];
}

// The frame cut into tileWidthPx × tileHeightPx tiles, partial at the right and
// bottom edges, as the planner cuts a fully dirty window.
std::vector<Rect> tilesOf(const Frame &frame, int tileWidthPx, int tileHeightPx)
{
    std::vector<Rect> tiles;
    for (int32_t y = 0; y < frame.height(); y += tileHeightPx)
        for (int32_t x = 0; x < frame.width(); x += tileWidthPx)
            tiles.push_back(Rect{x, y, tileWidthPx, tileHeightPx}.intersected(frame.rect()));
    return tiles;
}

std::size_t rawBytes(const Frame &frame)
{
    return static_cast<std::size_t>(frame.width()) * frame.height() * kBytesPerPixel;
}

std::vector<uint8_t> packed(const FrameView &frame)
{
    std::vector<uint8_t> bytes;
    bytes.reserve(static_cast<std::size_t>(frame.width()) * frame.height() * kBytesPerPixel);
    for (int32_t y = 0; y < frame.height(); ++y) {
        const auto row = frame.rowBytes(y);
        bytes.insert(bytes.end(), row.begin(), row.end());
    }
    return bytes;
}

Measured measureTiles(const Frame &frame, int runs, int tileWidthPx, int tileHeightPx)
{
    const std::vector<Rect> tiles = tilesOf(frame, tileWidthPx, tileHeightPx);
    std::vector<std::vector<uint8_t>> payloads(tiles.size());
    tile::TileEncoder encoder;
    Measured m;
    m.encodeSeconds = medianSeconds(runs, [&] {
        for (std::size_t i = 0; i < tiles.size(); ++i) {
            payloads[i].clear();
            encoder.encode(frame.view().subView(tiles[i]), payloads[i]);
        }
    });
    for (const auto &payload : payloads)
        m.bytes += payload.size();
    tile::TileDecoder decoder;
    Frame decoded(frame.width(), frame.height());
    m.decodeSeconds = medianSeconds(runs, [&] {
        for (std::size_t i = 0; i < tiles.size(); ++i)
            decoder.decode(payloads[i], decoded.mutableView().subView(tiles[i]));
    });
    m.exact = decoded == frame;
    return m;
}

Measured measureT128(const Frame &frame, int runs)
{
    // RDP and T.128 peers take bitmaps of at most 64×64 pixels.
    const std::vector<Rect> tiles = tilesOf(frame, 64, 64);
    std::vector<std::vector<uint8_t>> streams(tiles.size());
    Measured m;
    m.encodeSeconds = medianSeconds(runs, [&] {
        for (std::size_t i = 0; i < tiles.size(); ++i) {
            streams[i].clear();
            t128::T128BitmapEncoder::encode(frame.view().subView(tiles[i]), 24, streams[i]);
        }
    });
    for (const auto &stream : streams)
        m.bytes += stream.size();
    Frame decoded(frame.width(), frame.height());
    m.decodeSeconds = medianSeconds(runs, [&] {
        for (std::size_t i = 0; i < tiles.size(); ++i)
            t128::T128BitmapDecoder::decode(streams[i], 24, decoded.mutableView().subView(tiles[i]));
    });
    // 24 bpp drops alpha; every corpus picture is opaque, so the round trip is exact.
    m.exact = decoded == frame;
    return m;
}

// zlib level 6 on the raw BGRA of each tile on its own, so it works under the same
// constraint as the tile codec (every tile independently decodable). One deflate and
// one inflate stream are reset between tiles rather than set up again (as a VNC ZRLE
// or PNG encoder keeping its stream would), so zlib pays no allocation per tile.
Measured measureZlib6Tiles(const Frame &frame, int runs, int tileWidthPx, int tileHeightPx)
{
    const std::vector<Rect> tiles = tilesOf(frame, tileWidthPx, tileHeightPx);
    std::vector<std::vector<uint8_t>> raws;
    std::vector<std::vector<uint8_t>> compressed(tiles.size());
    for (const Rect &tile : tiles) {
        raws.push_back(packed(frame.view().subView(tile)));
        compressed[raws.size() - 1].resize(compressBound(static_cast<uLong>(raws.back().size())));
    }
    std::vector<uLong> compressedBytes(tiles.size());
    bool finished = true;
    z_stream deflater{};
    deflateInit(&deflater, 6);
    Measured m;
    m.encodeSeconds = medianSeconds(runs, [&] {
        for (std::size_t i = 0; i < tiles.size(); ++i) {
            deflateReset(&deflater);
            deflater.next_in = raws[i].data();
            deflater.avail_in = static_cast<uInt>(raws[i].size());
            deflater.next_out = compressed[i].data();
            deflater.avail_out = static_cast<uInt>(compressed[i].size());
            finished = deflate(&deflater, Z_FINISH) == Z_STREAM_END && finished;
            compressedBytes[i] = deflater.total_out;
        }
    });
    deflateEnd(&deflater);
    for (const uLong bytes : compressedBytes)
        m.bytes += bytes;
    std::vector<std::vector<uint8_t>> restored(tiles.size());
    for (std::size_t i = 0; i < tiles.size(); ++i)
        restored[i].resize(raws[i].size());
    z_stream inflater{};
    inflateInit(&inflater);
    m.decodeSeconds = medianSeconds(runs, [&] {
        for (std::size_t i = 0; i < tiles.size(); ++i) {
            inflateReset(&inflater);
            inflater.next_in = compressed[i].data();
            inflater.avail_in = static_cast<uInt>(compressedBytes[i]);
            inflater.next_out = restored[i].data();
            inflater.avail_out = static_cast<uInt>(restored[i].size());
            inflate(&inflater, Z_FINISH);
        }
    });
    inflateEnd(&inflater);
    m.exact = finished && restored == raws;
    return m;
}

// zlib level 6 on the whole frame's raw BGRA: the reference for the whole-picture
// codecs (PNG, QOI).
Measured measureZlib6(const Frame &frame, int runs)
{
    const std::vector<uint8_t> raw = packed(frame.view());
    std::vector<uint8_t> compressed(compressBound(static_cast<uLong>(raw.size())));
    uLongf compressedSize = 0;
    Measured m;
    m.encodeSeconds = medianSeconds(runs, [&] {
        compressedSize = static_cast<uLongf>(compressed.size());
        compress2(compressed.data(), &compressedSize, raw.data(), static_cast<uLong>(raw.size()), 6);
    });
    m.bytes = compressedSize;
    std::vector<uint8_t> restored(raw.size());
    m.decodeSeconds = medianSeconds(runs, [&] {
        uLongf restoredSize = static_cast<uLongf>(restored.size());
        uncompress(restored.data(), &restoredSize, compressed.data(), compressedSize);
    });
    m.exact = restored == raw;
    return m;
}

// FFmpeg's PNG or QOI encoder and decoder on RGBA pixels (the swizzle from BGRA is
// done once, outside the timed part).
Measured measureFfmpegImage(const char *name, const Frame &frame, int runs)
{
    using namespace video;
    Measured m;
    const AVCodec *encoderCodec = avcodec_find_encoder_by_name(name);
    const AVCodec *decoderCodec = avcodec_find_decoder_by_name(name);
    if (!encoderCodec || !decoderCodec)
        return m;
    AVCodecContextPtr encoder(avcodec_alloc_context3(encoderCodec));
    encoder->width = frame.width();
    encoder->height = frame.height();
    encoder->pix_fmt = AV_PIX_FMT_RGBA;
    encoder->time_base = AVRational{1, 1};
    if (avcodec_open2(encoder.get(), encoderCodec, nullptr) < 0)
        return m;
    AVFramePtr input(av_frame_alloc());
    input->format = AV_PIX_FMT_RGBA;
    input->width = frame.width();
    input->height = frame.height();
    av_frame_get_buffer(input.get(), 0);
    for (int32_t y = 0; y < frame.height(); ++y) {
        uint8_t *target = input->data[0] + static_cast<std::ptrdiff_t>(y) * input->linesize[0];
        for (const uint32_t pixel : frame.view().row(y)) {
            *target++ = static_cast<uint8_t>(pixel >> 16);
            *target++ = static_cast<uint8_t>(pixel >> 8);
            *target++ = static_cast<uint8_t>(pixel);
            *target++ = static_cast<uint8_t>(pixel >> 24);
        }
    }
    AVPacketPtr packet(av_packet_alloc());
    m.encodeSeconds = medianSeconds(runs, [&] {
        av_packet_unref(packet.get());
        avcodec_send_frame(encoder.get(), input.get());
        avcodec_receive_packet(encoder.get(), packet.get());
    });
    m.bytes = static_cast<std::size_t>(packet->size);
    AVCodecContextPtr decoder(avcodec_alloc_context3(decoderCodec));
    decoder->thread_count = 1;
    if (avcodec_open2(decoder.get(), decoderCodec, nullptr) < 0)
        return m;
    AVFramePtr output(av_frame_alloc());
    m.decodeSeconds = medianSeconds(runs, [&] {
        av_frame_unref(output.get());
        avcodec_send_packet(decoder.get(), packet.get());
        avcodec_receive_frame(decoder.get(), output.get());
    });
    m.exact = output->width == frame.width() && output->height == frame.height();
    return m;
}

double mbps(std::size_t bytes, double seconds) { return seconds > 0 ? bytes / seconds / 1e6 : 0; }
double round2(double value) { return std::round(value * 100) / 100; }
double round4(double value) { return std::round(value * 10000) / 10000; }

void report(QTextStream &out, const Options &options, QJsonObject object)
{
    object.insert(QStringLiteral("bench"), QStringLiteral("codec"));
    if (options.json) {
        out << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
    } else {
        out << object.value(QStringLiteral("corpus")).toString().leftJustified(16)
            << object.value(QStringLiteral("codec")).toString().leftJustified(22)
            << QStringLiteral("%1 B").arg(object.value(QStringLiteral("bytes")).toInteger(), 9)
            << QStringLiteral("  enc %1 MB/s").arg(object.value(QStringLiteral("encode_mbps")).toDouble(), 8, 'f', 1)
            << QStringLiteral("  dec %1 MB/s").arg(object.value(QStringLiteral("decode_mbps")).toDouble(), 8, 'f', 1)
            << QStringLiteral("  bytes/zlib6 %1").arg(object.value(QStringLiteral("ratio_bytes_vs_zlib6")).toDouble(), 6, 'f', 3)
            << QStringLiteral("  speed/zlib6 %1").arg(object.value(QStringLiteral("ratio_encode_speed_vs_zlib6")).toDouble(), 6, 'f', 2);
        if (object.contains(QStringLiteral("fps")))
            out << QStringLiteral("  %1 fps, PSNR min %2 dB").arg(object.value(QStringLiteral("fps")).toDouble(), 0, 'f', 1)
                       .arg(object.value(QStringLiteral("psnr_db_min")).toDouble(), 0, 'f', 2);
        out << '\n';
    }
    out.flush();
}

// One result line. zlib6 is the reference measured on the same pixels cut the same way
// (whole frame or the same tiles); `reference` names it.
QJsonObject entry(const CorpusItem &item, const QString &codec, const Measured &m,
                  const QString &reference, const Measured &zlib6)
{
    const std::size_t raw = rawBytes(item.frame);
    return QJsonObject{
        {QStringLiteral("corpus"), item.name},
        {QStringLiteral("kind"), item.kind},
        {QStringLiteral("codec"), codec},
        {QStringLiteral("reference"), reference},
        {QStringLiteral("width"), item.frame.width()},
        {QStringLiteral("height"), item.frame.height()},
        {QStringLiteral("raw_bytes"), qint64(raw)},
        {QStringLiteral("bytes"), qint64(m.bytes)},
        {QStringLiteral("lossless_exact"), m.exact},
        {QStringLiteral("encode_mbps"), round2(mbps(raw, m.encodeSeconds))},
        {QStringLiteral("decode_mbps"), round2(mbps(raw, m.decodeSeconds))},
        {QStringLiteral("zlib6_bytes"), qint64(zlib6.bytes)},
        {QStringLiteral("ratio_bytes_vs_zlib6"), round4(double(m.bytes) / double(zlib6.bytes))},
        {QStringLiteral("ratio_encode_speed_vs_zlib6"), round2(zlib6.encodeSeconds / m.encodeSeconds)},
        {QStringLiteral("ratio_decode_speed_vs_zlib6"), round2(zlib6.decodeSeconds / m.decodeSeconds)},
    };
}

} // namespace

// In VideoBench.cpp.
QJsonObject measureVideo(int frames, const std::function<Frame(int)> &frameAt);

int runCodecBench(const QStringList &args)
{
    Options options;
    QTextStream out(stdout);
    QTextStream err(stderr);
    for (int i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        bool ok = true;
        if (arg == QLatin1String("--json")) {
            options.json = true;
        } else if (arg == QLatin1String("--runs") && i + 1 < args.size()) {
            options.runs = args[++i].toInt(&ok);
            ok = ok && options.runs > 0;
        } else if (arg == QLatin1String("--tile") && i + 1 < args.size()) {
            const QStringList size = args[++i].split(QLatin1Char('x'));
            ok = size.size() == 2;
            if (ok)
                options.tileWidthPx = size[0].toInt(&ok);
            if (ok)
                options.tileHeightPx = size[1].toInt(&ok);
            ok = ok && options.tileWidthPx >= 8 && options.tileWidthPx <= 4096 &&
                options.tileHeightPx >= 8 && options.tileHeightPx <= 4096;
        } else if (arg == QLatin1String("--only") && i + 1 < args.size()) {
            options.only = args[++i];
        } else if (arg == QLatin1String("--frames") && i + 1 < args.size()) {
            options.frames = args[++i].toInt(&ok);
            ok = ok && options.frames > 0;
        } else if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            out << "Usage: baton-cli bench codec [--json] [--runs N] [--frames N] [--tile WxH] [--only ITEM]\n\n"
                << "Lossless tiles and T.128 RLE on text, UI, xterm, photo and video pictures, and\n"
                << "H.264 on a 1280x720 sequence, each against zlib level 6 on the same pixels (on\n"
                << "the same tiles for tiled codecs), and FFmpeg PNG and QOI. --runs: timed\n"
                << "repetitions (median, default 5); --frames: video sequence length (default 60);\n"
                << "--tile: the lossless codec's main tile geometry (default 256x64, the planner's\n"
                << "strips; 64x64 is always measured too); --only: one corpus item (or video-sequence).\n";
            return kExitOk;
        } else {
            ok = false;
        }
        if (!ok) {
            err << "baton-cli bench codec: bad option '" << arg << "'\n";
            return kExitUsage;
        }
    }

    QStringList skipped;
    const std::vector<CorpusItem> corpus = makeCodecCorpus(&skipped);
    for (const QString &item : skipped)
        err << "baton-cli bench codec: skipped " << item << '\n';
    for (const CorpusItem &item : corpus) {
        if (!options.only.isEmpty() && item.name != options.only)
            continue;
        const Measured zlib6 = measureZlib6(item.frame, options.runs);
        const QString wholeFrame = QStringLiteral("zlib6");
        report(out, options, entry(item, wholeFrame, zlib6, wholeFrame, zlib6));
        const auto tiled = [&](int widthPx, int heightPx) {
            const QString geometry = QStringLiteral("%1x%2").arg(widthPx).arg(heightPx);
            const QString reference = QStringLiteral("zlib6-tiles") + geometry;
            const Measured zlib6Tiles = measureZlib6Tiles(item.frame, options.runs, widthPx, heightPx);
            report(out, options, entry(item, reference, zlib6Tiles, reference, zlib6Tiles));
            report(out, options, entry(item, QStringLiteral("baton-tile") + geometry,
                                       measureTiles(item.frame, options.runs, widthPx, heightPx),
                                       reference, zlib6Tiles));
            if (widthPx == 64 && heightPx == 64)
                report(out, options, entry(item, QStringLiteral("t128-rle24"),
                                           measureT128(item.frame, options.runs), reference, zlib6Tiles));
        };
        tiled(options.tileWidthPx, options.tileHeightPx);
        if (options.tileWidthPx != 64 || options.tileHeightPx != 64)
            tiled(64, 64);
        report(out, options, entry(item, QStringLiteral("ffmpeg-png"), measureFfmpegImage("png", item.frame, options.runs), wholeFrame, zlib6));
        report(out, options, entry(item, QStringLiteral("ffmpeg-qoi"), measureFfmpegImage("qoi", item.frame, options.runs), wholeFrame, zlib6));
    }
    if (!options.only.isEmpty() && options.only != QLatin1String("video-sequence"))
        return kExitOk;
    QJsonObject video = measureVideo(options.frames, [](int index) { return videoSequenceFrame(1280, 720, index); });
    if (video.isEmpty())
        return kExitFailure;
    report(out, options, video);
    return kExitOk;
}

} // namespace baton::cli
