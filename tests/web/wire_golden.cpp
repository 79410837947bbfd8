// Writes the golden frames of the browser viewer's wire tests (web/test/wire*.test.js):
// every PDU the C++ encoder makes, as the frames a host or a viewer sends (TPKT and the
// host's fast path), fragmented payloads, and the PDUs a viewer sends built as
// core/net/ViewerConnector and core/viewer/ViewerSession build them. Next to the frames,
// manifest.json says what each file must decode to (WirePduJson) and, for a viewer's
// PDUs, how the JavaScript side builds the same ones.
//
// It is also the C++ decoder the JavaScript one is compared with on mutated bytes: with
// --decode it reads cases from stdin, one a line, "MODE HEX" ("-" for no bytes), and
// answers each with a line, "ok" or the ProtocolError's toString(). MODE is pdu
// (PduDecoder::decode), body:N (decodeDataBody with pduType2 N) or stream (a viewer's
// FrameDecoder and PduDecoder over the bytes).
//
//   baton_web_wire_golden OUTPUT_DIR      writes OUTPUT_DIR/wire/
//   baton_web_wire_golden --decode        answers cases on stdin
#include "SamplePdus.h"
#include "WirePduJson.h"
#include "core/protocol/FrameDecoder.h"
#include "core/protocol/PduDecoder.h"
#include "core/protocol/PduEncoder.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

using namespace baton::protocol;
using baton::protocol::testing::toJson;

namespace {

constexpr uint32_t kShareId = 0x0001'0000u | kHostUserId;
constexpr uint16_t kViewerId = 1004;

[[noreturn]] void die(const QString &why)
{
    std::fprintf(stderr, "baton_web_wire_golden: %s\n", qPrintable(why));
    std::exit(1);
}

template <typename T> T orDie(Result<T> result, const std::string &what)
{
    if (!result)
        die(QString::fromStdString(what + ": " + result.error().toString()));
    return std::move(result).value();
}

Bytes pattern(size_t size, uint8_t seed)
{
    Bytes bytes(size);
    for (size_t i = 0; i < size; ++i)
        bytes[i] = uint8_t(seed + i * 13 + (i >> 8));
    return bytes;
}

class GoldenWriter {
public:
    explicit GoldenWriter(QDir dir) : dir_(std::move(dir)) { }

    // One file of frames and what it decodes to. fastPathShareId: the share id the test's
    // decoder gives fast-path frames (-1: none in the file).
    void add(const QString &name, const std::vector<Bytes> &frames, const std::vector<Pdu> &pdus,
             QJsonObject extra = {})
    {
        Bytes stream;
        for (const Bytes &frame : frames)
            stream.insert(stream.end(), frame.begin(), frame.end());
        QFile file(dir_.filePath(name + QStringLiteral(".bin")));
        if (!file.open(QIODevice::WriteOnly) ||
            file.write(reinterpret_cast<const char *>(stream.data()), qint64(stream.size())) !=
                qint64(stream.size()))
            die(QStringLiteral("cannot write ") + file.fileName());
        QJsonArray expected;
        for (const Pdu &pdu : pdus)
            expected.append(toJson(pdu));
        QJsonArray sizes;
        for (const Bytes &frame : frames)
            sizes.append(qint64(frame.size()));
        extra.insert("name", name);
        extra.insert("file", name + QStringLiteral(".bin"));
        extra.insert("frameSizes", sizes);
        extra.insert("pdus", expected);
        entries_.append(extra);
    }

    // decoder: this program, which the differential suite runs with --decode.
    void finish(const QString &decoder)
    {
        QFile file(dir_.filePath(QStringLiteral("manifest.json")));
        if (!file.open(QIODevice::WriteOnly))
            die(QStringLiteral("cannot write ") + file.fileName());
        file.write(
            QJsonDocument(QJsonObject{{"entries", entries_}, {"decoder", decoder}}).toJson());
    }

private:
    QDir dir_;
    QJsonArray entries_;
};

bool fromHost(const Pdu &pdu)
{
    return pdu.context.source == kHostUserId;
}

uint8_t type2Of(const PduBody &body)
{
    return std::visit(
        [](const auto &p) -> uint8_t {
            if constexpr (requires { std::decay_t<decltype(p)>::kType2; })
                return uint8_t(std::decay_t<decltype(p)>::kType2);
            else
                return 0;
        },
        body);
}

// Every sample PDU in the frame its sender sends it in: the host's as Send-Data
// Indications on the broadcast channel, a viewer's as Requests to the host's channel; and
// the host's updates once more as fast-path frames.
void writeSamples(GoldenWriter &out)
{
    for (const auto &sample : testing::samplePdus()) {
        const QString name = QString::fromStdString(sample.name);
        const bool host = fromHost(sample.pdu);
        const SendDataKind kind = host ? SendDataKind::Indication : SendDataKind::Request;
        const uint16_t channel = host ? kBroadcastChannelId : kHostUserId;
        const Bytes frame = orDie(PduEncoder::encodeFrame(kind, channel, sample.pdu), sample.name);
        // A lone fragment does not complete a payload: the test decodes its ASPDU alone.
        out.add(name, {frame}, {sample.pdu},
                {{"kind", int(kind)},
                 {"channelId", channel},
                 {"lone", std::holds_alternative<FragmentPdu>(sample.pdu.body)}});

        if (!host || !isFastPathType(type2Of(sample.pdu.body)) ||
            std::holds_alternative<FragmentPdu>(sample.pdu.body))
            continue;
        PduEncoder encoder;
        const auto frames = orDie(encoder.encodeFastPathFrames(sample.pdu.body), sample.name);
        const Pdu expected{{kHostUserId, sample.pdu.context.shareId, StreamId::Low},
                           sample.pdu.body};
        out.add(name + QStringLiteral(".fast"), frames, {expected},
                {{"fastPathShareId", qint64(sample.pdu.context.shareId)}});
    }
}

// Payloads larger than a frame, as Fragment PDUs: a TileUpdate in TPKT frames with a
// pointer PDU between two of its fragments, and a video key frame on the fast path.
void writeFragmented(GoldenWriter &out)
{
    TileUpdatePdu tiles;
    tiles.frameId = 4242;
    tiles.surfaceId = 0;
    tiles.tiles.push_back({0, 0, 256, 64, uint8_t(CodecId::ZstdTiles), 0, 0, pattern(40000, 3)});
    tiles.tiles.push_back(
        {256, 0, 64, 64, uint8_t(CodecId::RawTiles), TileEntry::kFlagCache, 17, pattern(70, 9)});
    const Pdu tilePdu{{kHostUserId, kShareId, StreamId::Low}, tiles};
    PduEncoder encoder;
    auto frames =
        orDie(encoder.encodeFrames(SendDataKind::Indication, kBroadcastChannelId, tilePdu),
              "fragmented tiles");
    if (frames.size() != 3)
        die(QStringLiteral("the tile payload should take three fragments"));
    const Pdu pointer{{kHostUserId, kShareId, StreamId::Medium}, PointerPositionPdu{12, 34}};
    frames.insert(
        frames.begin() + 1,
        orDie(PduEncoder::encodeFrame(SendDataKind::Indication, kBroadcastChannelId, pointer),
              "pointer"));
    out.add(QStringLiteral("fragmented-tiles"), frames, {pointer, tilePdu});

    VideoRegionUpdatePdu video;
    video.frameId = 4243;
    video.regionId = 1;
    video.x = 16;
    video.y = 32;
    video.width = 1280;
    video.height = 720;
    video.codecId = uint8_t(CodecId::H264Avc420);
    video.flags = VideoRegionUpdatePdu::kFlagKeyFrame | VideoRegionUpdatePdu::kFlagEndOfFrame;
    video.data = pattern(100000, 7);
    const auto fastFrames = orDie(encoder.encodeFastPathFrames(video), "fragmented video");
    out.add(QStringLiteral("fragmented-video.fast"), fastFrames,
            {{{kHostUserId, kShareId, StreamId::Low}, video}},
            {{"fastPathShareId", qint64(kShareId)}});
}

// One set of each kind as C++ default-constructs it: what defaultCapability() must give.
void writeDefaultCapabilities(GoldenWriter &out)
{
    const ConfirmActivePdu confirm{kShareId,
                                   kHostUserId,
                                   "defaults",
                                   {GeneralCapability{}, BitmapCapability{}, OrderCapability{},
                                    ControlCapability{}, PointerCapability{}, ShareCapability{},
                                    InputCapability{}, CodecCapability{}}};
    const Pdu pdu{{kViewerId, 0, StreamId::Medium}, confirm};
    out.add(QStringLiteral("default-capabilities"),
            {orDie(PduEncoder::encodeFrame(SendDataKind::Request, kHostUserId, pdu), "defaults")},
            {pdu}, {{"kind", int(SendDataKind::Request)}, {"channelId", kHostUserId}});
}

// What a viewer sends, built as the native viewer builds it; "build" tells the test which
// web/src/wire/ViewerMessages.js function makes the same PDU from which arguments.
void addViewerPdu(GoldenWriter &out, const QString &name, const Pdu &pdu, const QString &builder,
                  const QJsonArray &arguments)
{
    const Bytes frame =
        orDie(PduEncoder::encodeFrame(SendDataKind::Request, kHostUserId, pdu), name.toStdString());
    out.add(QStringLiteral("viewer-") + name, {frame}, {pdu},
            {{"kind", int(SendDataKind::Request)},
             {"channelId", kHostUserId},
             {"build", QJsonObject{{"function", builder}, {"arguments", arguments}}}});
}

void writeViewerPdus(GoldenWriter &out)
{
    const QJsonObject ids{{"userId", kViewerId}, {"shareId", qint64(kShareId)}};

    // core/net/ViewerConnector::onEncrypted, with ViewerSession's features and input.
    HelloPdu hello;
    hello.featureFlags = HelloPdu::kFeatureFrameAck | HelloPdu::kFeatureInput |
        HelloPdu::kFeatureFragments | HelloPdu::kFeatureFastPath | HelloPdu::kFeatureTileCache;
    hello.codecIds = {uint8_t(CodecId::RawTiles), uint8_t(CodecId::ZstdTiles),
                      uint8_t(CodecId::H264Avc420)};
    hello.sessionId = "Ab3_x-9";
    hello.displayName = "Zoë in a browser";
    hello.passcode = "correct horse";
    hello.software = "Baton web 0.1.0 (Chrome/131)";
    addViewerPdu(out, QStringLiteral("hello"), {{kUnassignedUserId, 0, StreamId::Medium}, hello},
                 QStringLiteral("helloPdu"),
                 {QJsonObject{{"sessionId", "Ab3_x-9"},
                              {"displayName", QStringLiteral("Zoë in a browser")},
                              {"passcode", "correct horse"},
                              {"software", "Baton web 0.1.0 (Chrome/131)"},
                              {"codecIds", QJsonArray{1, 2, 3}}}});

    // core/viewer/ViewerSession::activate.
    ConfirmActivePdu confirm;
    confirm.shareId = kShareId;
    confirm.originatorId = kHostUserId;
    confirm.sourceDescriptor = "Baton";
    GeneralCapability general;
    BitmapCapability bitmap;
    bitmap.desktopWidth = 1366;
    bitmap.desktopHeight = 705;
    ShareCapability share;
    share.nodeId = kViewerId;
    confirm.capabilities = {general, bitmap, share};
    // A share control PDU has no share data header: it decodes with shareId 0, stream Medium.
    addViewerPdu(out, QStringLiteral("confirm-active"), {{kViewerId, 0, StreamId::Medium}, confirm},
                 QStringLiteral("confirmActivePdu"),
                 {QJsonObject{{"userId", kViewerId},
                              {"hostUserId", kHostUserId},
                              {"shareId", qint64(kShareId)},
                              {"width", 1366},
                              {"height", 705}}});

    // ViewerSession::sendAck, requestControl, releaseControl, passControlTo, sendInput.
    addViewerPdu(out, QStringLiteral("frame-ack"),
                 {{kViewerId, kShareId, StreamId::Medium}, FrameAckPdu{70001, 0, 37}},
                 QStringLiteral("frameAckPdu"),
                 {QJsonObject{{"frameId", 70001}, {"heldMs", 37}}, ids});
    addViewerPdu(out, QStringLiteral("floor-request"),
                 {{kViewerId, kShareId, StreamId::Medium}, FloorRequestPdu{kViewerId, 9}},
                 QStringLiteral("floorRequestPdu"), {9, ids});
    addViewerPdu(out, QStringLiteral("floor-release"),
                 {{kViewerId, kShareId, StreamId::Medium}, FloorReleasePdu{10}},
                 QStringLiteral("floorReleasePdu"), {10, ids});
    addViewerPdu(out, QStringLiteral("floor-pass-to"),
                 {{kViewerId, kShareId, StreamId::Medium}, FloorPassToPdu{1007, 11}},
                 QStringLiteral("floorPassToPdu"), {1007, 11, ids});
    InputPdu input;
    input.events = {
        {5000, ScancodeEvent{0, 0x1E}},
        {5000, ScancodeEvent{KeyboardFlags::kRelease, 0x1E}},
        {5001, ScancodeEvent{KeyboardFlags::kExtended, 0x4B}},
        {5002, UnicodeEvent{0, 0x20AC}},
        {5003, MouseEvent{MouseEvent::kMove, 640, 360}},
        {5004, MouseEvent{MouseEvent::kButton1 | MouseEvent::kDown, 641, 361}},
        {5005, MouseEvent{MouseEvent::kButton1, 641, 361}},
        {5006, ExtendedMouseEvent{ExtendedMouseEvent::kButton1 | ExtendedMouseEvent::kDown, 3, 4}},
        {5007, WheelEvent{false, -120, 10, 20}},
        {5008, WheelEvent{true, 120, 10, 20}},
    };
    QJsonArray events = testing::toJson(PduBody(input))["events"].toArray();
    addViewerPdu(out, QStringLiteral("input"), {{kViewerId, kShareId, StreamId::High}, input},
                 QStringLiteral("inputPdu"), {events, ids});

    // core/net/Connection::closeWith: the Goodbye a viewer sends when it leaves.
    addViewerPdu(out, QStringLiteral("goodbye"),
                 {{kViewerId, 0, StreamId::High}, GoodbyePdu{CloseReason::ViewerLeft, "bye"}},
                 QStringLiteral("goodbyePdu"),
                 {int(CloseReason::ViewerLeft), "bye", QJsonObject{{"userId", kViewerId}}});
}

template <typename T> std::string verdict(const Result<T> &result)
{
    return result ? std::string("ok") : result.error().toString();
}

std::string decodeStream(const Bytes &bytes)
{
    FrameDecoder frames;
    frames.acceptFastPath(true);
    frames.feed(bytes);
    PduDecoder decoder;
    while (const auto frame = frames.next()) {
        const auto pdu = decoder.decodeFrame(*frame);
        if (!pdu)
            return pdu.error().toString();
    }
    return frames.failed() ? frames.error()->toString() : std::string("ok");
}

int answerCases()
{
    std::string mode;
    std::string hexBytes;
    while (std::cin >> mode >> hexBytes) {
        const QByteArray raw = QByteArray::fromHex(
            hexBytes == "-" ? QByteArray() : QByteArray::fromStdString(hexBytes));
        const Bytes bytes(raw.begin(), raw.end());
        if (mode == "pdu")
            std::cout << verdict(PduDecoder::decode(bytes)) << '\n';
        else if (mode.starts_with("body:"))
            std::cout << verdict(
                             PduDecoder::decodeDataBody(uint8_t(std::stoi(mode.substr(5))), bytes))
                      << '\n';
        else if (mode == "stream")
            std::cout << decodeStream(bytes) << '\n';
        else
            die(QStringLiteral("unknown case mode ") + QString::fromStdString(mode));
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 2 && std::string(argv[1]) == "--decode")
        return answerCases();
    if (argc != 2)
        die(QStringLiteral("usage: baton_web_wire_golden OUTPUT_DIR | --decode"));
    QDir dir(QString::fromLocal8Bit(argv[1]));
    if (!dir.mkpath(QStringLiteral("wire")) || !dir.cd(QStringLiteral("wire")))
        die(QStringLiteral("cannot make ") + dir.filePath(QStringLiteral("wire")));
    GoldenWriter out(dir);
    writeSamples(out);
    writeFragmented(out);
    writeViewerPdus(out);
    writeDefaultCapabilities(out);
    out.finish(QString::fromStdString(std::filesystem::canonical("/proc/self/exe").string()));
    return 0;
}
