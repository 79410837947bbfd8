// The libavcodec video path: 60 frames of synthetic motion through x264 and back at
// ≥ 35 dB, odd sizes padded and cropped exactly, 4:4:4, key frames on demand, the
// encoder choice with its fallback log, AV1 where the encoder exists, FFmpeg's own
// command-line tools reading our H.264 stream, and hostile payloads.
#include "codecs/video/LibavVideoDecoder.h"
#include "codecs/video/VideoEncoderFactory.h"
#include "codecs/video/VideoPayload.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>
#include <random>

using namespace baton;
using namespace baton::video;

namespace {

// A moving scene: a drifting gradient, a bouncing square and a rotating bar, the
// kind of content (animation, video) the classifier sends to the video encoder.
Frame motionFrame(int width, int height, int index)
{
    Frame frame(width, height);
    const double t = index / 30.0;
    for (int y = 0; y < height; ++y) {
        const auto row = frame.mutableView().row(y);
        for (int x = 0; x < width; ++x) {
            const auto r = static_cast<uint32_t>(128 + 100 * std::sin(x * 0.03 + t * 2));
            const auto g = static_cast<uint32_t>(128 + 100 * std::cos(y * 0.025 - t * 1.5));
            const auto b = static_cast<uint32_t>(128 + 90 * std::sin((x + y) * 0.02 + t * 3));
            row[x] = 0xFF000000u | (r << 16) | (g << 8) | b;
        }
    }
    // A soft bright blob (no hard saturated edge: those cap any 4:2:0 codec's RGB
    // PSNR near 33 dB whatever the bitrate) bouncing across the picture.
    const double cx = width * (0.5 + 0.4 * std::sin(t * 2.1));
    const double cy = height * (0.5 + 0.4 * std::cos(t * 1.7));
    const double radius = std::max(2.0, width / 10.0);
    for (int y = 0; y < height; ++y) {
        const auto row = frame.mutableView().row(y);
        for (int x = 0; x < width; ++x) {
            const double d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (radius * radius);
            const double k = std::exp(-d2);
            const auto blend = [k](uint32_t c, double target) {
                return static_cast<uint32_t>(c * (1 - k) + target * k);
            };
            const uint32_t p = row[x];
            row[x] = 0xFF000000u | (blend((p >> 16) & 0xFF, 240) << 16) |
                (blend((p >> 8) & 0xFF, 224) << 8) | blend(p & 0xFF, 32);
        }
    }
    return frame;
}

double psnr(const FrameView &a, const FrameView &b)
{
    double squared = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const uint32_t p = a.pixel(x, y);
            const uint32_t q = b.pixel(x, y);
            for (int shift = 0; shift < 24; shift += 8) {
                const double d = double((p >> shift) & 0xFF) - double((q >> shift) & 0xFF);
                squared += d * d;
            }
        }
    const double mse = squared / (3.0 * a.width() * a.height());
    return mse == 0 ? 99.0 : 10 * std::log10(255.0 * 255.0 / mse);
}

VideoEncoderConfig softwareConfig(int width, int height, ChromaFormat chroma = ChromaFormat::Yuv420)
{
    VideoEncoderConfig config;
    config.width = width;
    config.height = height;
    config.chroma = chroma;
    config.preferHardware = false;
    config.bitrateKbps = 8000;
    return config;
}

// Encodes `frames` pictures, decodes every payload, and returns the lowest PSNR of
// the decoded pictures against their inputs (in order: an encoder with latency emits
// its first packets a few pictures late). Negative values say what went wrong.
double minimumPsnr(const VideoEncoderConfig &config, int frames,
                   std::vector<std::vector<uint8_t>> *payloads = nullptr)
{
    std::string why;
    const auto encoder = createVideoEncoder(config, {}, &why);
    if (!encoder)
        return -1;
    LibavVideoDecoder decoder(config.codec);
    double lowest = 99;
    int decodedCount = 0;
    Frame decoded;
    for (int i = 0; i < frames; ++i) {
        const Frame input = motionFrame(config.width, config.height, i);
        EncodedVideoFrame encoded;
        std::string error;
        if (!encoder->encode(input, false, &encoded, &error))
            return -2;
        if (encoded.payload.empty())
            continue;
        if (payloads)
            payloads->push_back(encoded.payload);
        if (decoder.decode(encoded.payload, &decoded) != VideoDecodeError::None)
            return -3;
        if (decoded.width() != config.width || decoded.height() != config.height)
            return -4;
        lowest = std::min(lowest, psnr(motionFrame(config.width, config.height, decodedCount++), decoded));
    }
    return decodedCount > 0 ? lowest : -5;
}

} // namespace

class TestVideoCodec : public QObject {
    Q_OBJECT

private slots:
    void h264SixtyFramesAbove35dB()
    {
        std::vector<std::vector<uint8_t>> payloads;
        const double lowest = minimumPsnr(softwareConfig(320, 240), 60, &payloads);
        QVERIFY2(lowest >= 35.0, std::to_string(lowest).c_str());
        // Zero latency: one payload per picture, in the same call.
        QCOMPARE(payloads.size(), std::size_t{60});
    }

    void oddSizesArePaddedAndCropped()
    {
        const double lowest = minimumPsnr(softwareConfig(173, 97), 10);
        QVERIFY2(lowest >= 35.0, std::to_string(lowest).c_str());
        QVERIFY(minimumPsnr(softwareConfig(1, 1), 3) >= 30.0);
    }

    void h264Yuv444()
    {
        std::vector<std::vector<uint8_t>> payloads;
        const double lowest = minimumPsnr(softwareConfig(161, 120, ChromaFormat::Yuv444), 10, &payloads);
        QVERIFY2(lowest >= 35.0, std::to_string(lowest).c_str());
        const auto header = parseVideoPayloadHeader(payloads.front());
        QVERIFY(header);
        QCOMPARE(int(header->chroma), int(ChromaFormat::Yuv444));
    }

    void keyFramesOnDemand()
    {
        const VideoEncoderConfig config = softwareConfig(128, 96);
        std::string why;
        const auto encoder = createVideoEncoder(config, {}, &why);
        QVERIFY2(encoder, why.c_str());
        QCOMPARE(encoder->traits().latencyFrames, 0);
        std::vector<EncodedVideoFrame> frames(12);
        for (int i = 0; i < 12; ++i) {
            std::string error;
            QVERIFY(encoder->encode(motionFrame(128, 96, i), i == 7, &frames[static_cast<std::size_t>(i)], &error));
        }
        QVERIFY(frames[0].keyFrame);
        for (int i = 1; i < 12; ++i)
            QCOMPARE(frames[static_cast<std::size_t>(i)].keyFrame, i == 7);
        // A viewer that joins at the forced key frame decodes from there on.
        LibavVideoDecoder lateJoiner(VideoCodec::H264);
        Frame picture;
        for (int i = 7; i < 12; ++i)
            QCOMPARE(int(lateJoiner.decode(frames[static_cast<std::size_t>(i)].payload, &picture)),
                     int(VideoDecodeError::None));
        QVERIFY(psnr(motionFrame(128, 96, 11), picture) >= 35.0);
    }

    // A host following its viewers' links lowers the cap mid-stream: the next pictures
    // fit it, without a key frame, and the stream still decodes.
    void bitrateCapChangesBetweenPictures()
    {
        VideoEncoderConfig config = softwareConfig(320, 240);
        config.framesPerSecond = 30;
        std::string why;
        const auto encoder = createVideoEncoder(config, {}, &why);
        QVERIFY2(encoder, why.c_str());
        LibavVideoDecoder decoder(VideoCodec::H264);
        Frame picture;
        const auto bytesOver = [&](int from, int to) {
            std::size_t bytes = 0;
            for (int i = from; i < to; ++i) {
                EncodedVideoFrame encoded;
                std::string error;
                if (!encoder->encode(motionFrame(320, 240, i), false, &encoded, &error) ||
                    (i > 0 && encoded.keyFrame) ||
                    decoder.decode(encoded.payload, &picture) != VideoDecodeError::None)
                    return std::size_t{0};
                bytes += encoded.payload.size();
            }
            return bytes;
        };
        const std::size_t uncapped = bytesOver(0, 30);
        QVERIFY(encoder->setBitrateKbps(100));
        // Half a second of VBV buffer (15 pictures) to drain, then a second under the cap.
        QVERIFY(bytesOver(30, 45) > 0);
        const std::size_t capped = bytesOver(45, 75);
        QVERIFY2(
            capped > 0 && capped <= 100'000 / 8 * 5 / 4,
            qPrintable(QStringLiteral("%1 bytes a second, %2 before").arg(capped).arg(uncapped)));
        QVERIFY(uncapped > 2 * capped);
    }

    void hardwareFallsBackToSoftwareAndSaysSo()
    {
        VideoEncoderConfig config = softwareConfig(320, 240);
        config.preferHardware = true;
        QStringList lines;
        std::string why;
        const auto encoder = createVideoEncoder(
            config, [&](CodecLogLevel, std::string_view line) { lines << QString::fromUtf8(line.data(), qsizetype(line.size())); },
            &why);
        QVERIFY2(encoder, why.c_str());
        QCOMPARE(videoEncoderCandidates(config).front(), std::string("h264_nvenc"));
        QVERIFY(!lines.isEmpty());
        QVERIFY2(lines.last().startsWith(QStringLiteral("video encoder: ") +
                                         QString::fromStdString(encoder->traits().encoderName)),
                 qPrintable(lines.join('\n')));
        if (!encoder->traits().hardware) {
            QCOMPARE(encoder->traits().encoderName, std::string("libx264"));
            QVERIFY(lines.join('\n').contains(QStringLiteral("h264_nvenc unavailable")));
        }
    }

    void av1RoundTrip()
    {
        VideoEncoderConfig config = softwareConfig(192, 128);
        config.codec = VideoCodec::AV1;
        std::string why;
        if (!createVideoEncoder(config, {}, &why))
            QSKIP(why.c_str());
        const double lowest = minimumPsnr(config, 8);
        QVERIFY2(lowest >= 35.0, std::to_string(lowest).c_str());
    }

    void ffprobeReadsOurStream()
    {
        std::vector<std::vector<uint8_t>> payloads;
        QVERIFY(minimumPsnr(softwareConfig(320, 240), 60, &payloads) >= 35.0);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("stream.h264"));
        {
            std::ofstream file(path.toStdString(), std::ios::binary);
            for (const auto &payload : payloads)
                file.write(reinterpret_cast<const char *>(payload.data() + kVideoPayloadHeaderBytes),
                           static_cast<std::streamsize>(payload.size() - kVideoPayloadHeaderBytes));
        }
        QProcess ffprobe;
        ffprobe.start(QStringLiteral("ffprobe"),
                      {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-count_frames"),
                       QStringLiteral("-select_streams"), QStringLiteral("v:0"),
                       QStringLiteral("-show_entries"),
                       QStringLiteral("stream=codec_name,width,height,nb_read_frames"),
                       QStringLiteral("-of"), QStringLiteral("csv=p=0"), path});
        QVERIFY(ffprobe.waitForFinished(30000));
        QCOMPARE(ffprobe.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(ffprobe.readAllStandardOutput()).trimmed(),
                 QStringLiteral("h264,320,240,60"));

        QProcess ffmpeg;
        ffmpeg.start(QStringLiteral("ffmpeg"), {QStringLiteral("-v"), QStringLiteral("error"),
                                                QStringLiteral("-i"), path, QStringLiteral("-f"),
                                                QStringLiteral("null"), QStringLiteral("-")});
        QVERIFY(ffmpeg.waitForFinished(30000));
        QCOMPARE(ffmpeg.exitCode(), 0);
        QVERIFY(ffmpeg.readAllStandardError().isEmpty());
    }

    void hostilePayloadsFailCleanly()
    {
        LibavVideoDecoder decoder(VideoCodec::H264);
        Frame picture;
        QCOMPARE(int(decoder.decode({}, &picture)), int(VideoDecodeError::BadPayload));
        const std::vector<uint8_t> badCodec{9, 0, 1, 0, 1, 0, 0};
        QCOMPARE(int(decoder.decode(badCodec, &picture)), int(VideoDecodeError::BadPayload));
        const std::vector<uint8_t> av1{5, 0, 1, 0, 1, 0, 0};
        QCOMPARE(int(decoder.decode(av1, &picture)), int(VideoDecodeError::WrongCodec));
        const std::vector<uint8_t> zeroSize{3, 0, 0, 0, 1, 0, 0};
        QCOMPARE(int(decoder.decode(zeroSize, &picture)), int(VideoDecodeError::BadPayload));

        std::vector<std::vector<uint8_t>> payloads;
        QVERIFY(minimumPsnr(softwareConfig(96, 64), 6, &payloads) >= 35.0);
        std::mt19937 rng(3);
        for (int round = 0; round < 150; ++round) {
            LibavVideoDecoder fresh(VideoCodec::H264);
            for (std::size_t i = 0; i < payloads.size(); ++i) {
                std::vector<uint8_t> bad = payloads[i];
                if (round % 3 == 0)
                    bad.resize(kVideoPayloadHeaderBytes + 1 + rng() % (bad.size() - kVideoPayloadHeaderBytes));
                for (int f = 0; f < 1 + round % 5; ++f)
                    bad[kVideoPayloadHeaderBytes + rng() % (bad.size() - kVideoPayloadHeaderBytes)] =
                        static_cast<uint8_t>(rng());
                const VideoDecodeError error = fresh.decode(bad, &picture);
                if (error == VideoDecodeError::None) {
                    QCOMPARE(picture.width(), 96);
                    QCOMPARE(picture.height(), 64);
                }
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestVideoCodec)
#include "tst_videocodec.moc"
