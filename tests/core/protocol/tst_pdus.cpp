#include "SamplePdus.h"
#include "core/protocol/PduDecoder.h"
#include "core/protocol/PduEncoder.h"
#include "core/protocol/FrameDecoder.h"
#include "core/protocol/PduWriter.h"

#include <QTest>

#include <set>

using namespace baton::protocol;
using baton::protocol::testing::samplePdus;

namespace {

Bytes encoded(const Pdu &pdu)
{
    auto bytes = PduEncoder::encode(pdu);
    if (!bytes)
        qFatal("encode failed: %s", bytes.error().toString().c_str());
    return *bytes;
}

// Rewrites a PDU's totalLength (and uncompressedLength for data PDUs) after an edit.
void fixLengths(Bytes &aspdu)
{
    aspdu[0] = uint8_t(aspdu.size());
    aspdu[1] = uint8_t(aspdu.size() >> 8);
    if ((aspdu[2] & 0x0F) == uint8_t(PduType::Data)) {
        aspdu[12] = uint8_t(aspdu.size() - 14);
        aspdu[13] = uint8_t((aspdu.size() - 14) >> 8);
    }
}

ErrorCode errorOf(const Bytes &aspdu)
{
    const auto decoded = PduDecoder::decode(aspdu);
    if (decoded)
        qFatal("decoded what should have been refused");
    return decoded.error().code;
}

Bytes sample(const char *name)
{
    for (const auto &s : samplePdus())
        if (s.name == name)
            return encoded(s.pdu);
    qFatal("no sample %s", name);
}

} // namespace

class TestPdus : public QObject {
    Q_OBJECT
private slots:
    void everyTypeHasASample()
    {
        std::set<size_t> seen;
        for (const auto &s : samplePdus())
            seen.insert(s.pdu.body.index());
        QCOMPARE(seen.size(), std::variant_size_v<PduBody>);
    }

    void roundTrip_data()
    {
        QTest::addColumn<int>("index");
        const auto samples = samplePdus();
        for (size_t i = 0; i < samples.size(); ++i)
            QTest::newRow(samples[i].name.c_str()) << int(i);
    }
    void roundTrip()
    {
        QFETCH(int, index);
        const Pdu pdu = samplePdus()[size_t(index)].pdu;
        const Bytes bytes = encoded(pdu);
        const auto decoded = PduDecoder::decode(bytes);
        QVERIFY2(decoded, decoded ? "" : decoded.error().toString().c_str());
        QVERIFY(*decoded == pdu);
        QCOMPARE(encoded(*decoded), bytes);
        // The same through a frame, with the frame-level checks.
        PduDecoder decoder;
        const auto frame = decodeFrame(
            *PduEncoder::encodeFrame(SendDataKind::Indication, kBroadcastChannelId, pdu));
        QVERIFY(frame);
        const auto viaFrame = decoder.decodeFrame(*frame);
        if (std::holds_alternative<FragmentPdu>(pdu.body)) {
            // Index 1 of a payload whose index 0 never came.
            QVERIFY(!viaFrame);
            return;
        }
        QVERIFY(viaFrame);
        QVERIFY(viaFrame->has_value() && **viaFrame == pdu);
    }

    void truncatedAtEveryOffset_data() { roundTrip_data(); }
    void truncatedAtEveryOffset()
    {
        QFETCH(int, index);
        const Bytes bytes = encoded(samplePdus()[size_t(index)].pdu);
        for (size_t cut = 0; cut < bytes.size(); ++cut) {
            // Cut as-is (totalLength now disagrees) ...
            QVERIFY(!PduDecoder::decode(ByteView(bytes).first(cut)));
            // ... and with the headers' lengths fixed, so the body itself is short.
            if (cut >= 18) {
                Bytes shortened(bytes.begin(), bytes.begin() + std::ptrdiff_t(cut));
                fixLengths(shortened);
                const bool isFragment = bytes[14] == uint8_t(PduType2::Fragment) &&
                    (bytes[2] & 0x0F) == uint8_t(PduType::Data);
                if (!isFragment || cut < 18 + FragmentPdu::kHeaderBytes + 1)
                    QVERIFY2(!PduDecoder::decode(shortened), qPrintable(QString::number(cut)));
            }
        }
    }

    void trailingByteRefused_data() { roundTrip_data(); }
    void trailingByteRefused()
    {
        QFETCH(int, index);
        Bytes bytes = encoded(samplePdus()[size_t(index)].pdu);
        bytes.push_back(0);
        QCOMPARE(errorOf(bytes), ErrorCode::LengthMismatch); // totalLength disagrees
        fixLengths(bytes);
        const bool isFragment = std::holds_alternative<FragmentPdu>(
            samplePdus()[size_t(index)].pdu.body); // its chunk is "the rest"
        if (!isFragment)
            QCOMPARE(errorOf(bytes), ErrorCode::LengthMismatch);
    }

    void unknownTypes_data()
    {
        QTest::addColumn<QString>("sampleName");
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("value");
        QTest::addColumn<int>("code");
        const int unknown = int(ErrorCode::UnknownType);
        QTest::newRow("pduType 0") << "goodbye" << 2 << 0x10 << unknown;
        QTest::newRow("pduType 8") << "goodbye" << 2 << 0x18 << unknown;
        QTest::newRow("RequestActive")
            << "deactivate-all" << 2 << 0x12 << int(ErrorCode::Unsupported);
        QTest::newRow("DeactivateOther")
            << "deactivate-all" << 2 << 0x14 << int(ErrorCode::Unsupported);
        QTest::newRow("pduType version 2") << "goodbye" << 2 << 0x27 << unknown;
        QTest::newRow("pduType2 0x00") << "goodbye" << 14 << 0x00 << unknown;
        QTest::newRow("pduType2 0x38 (RDP)") << "goodbye" << 14 << 0x38 << unknown;
        QTest::newRow("pduType2 0xBF") << "goodbye" << 14 << 0xBF << unknown;
        QTest::newRow("palette update") << "update-synchronize" << 18 << 2 << unknown;
        QTest::newRow("updateType 9") << "update-synchronize" << 18 << 9 << unknown;
        QTest::newRow("pointer messageType 2") << "pointer-cached" << 18 << 2 << unknown;
        QTest::newRow("control action 5") << "control-detach" << 18 << 5 << unknown;
        QTest::newRow("control action 0") << "control-detach" << 18 << 0 << unknown;
        QTest::newRow("synchronize messageType 2") << "synchronize" << 18 << 2 << unknown;
        QTest::newRow("input messageType 3") << "input" << 26 << 3 << unknown;
        QTest::newRow("order type LineTo") << "orders" << 27 << 0x09 << unknown;
        QTest::newRow("order with bounds") << "orders" << 26 << 0x0D << int(ErrorCode::Unsupported);
        QTest::newRow("order fields omitted")
            << "orders" << 28 << 0x3F << int(ErrorCode::Unsupported);
        QTest::newRow("frame marker action 2") << "frame-begin" << 18 << 2 << unknown;
        QTest::newRow("compressed") << "goodbye" << 15 << 0x21 << int(ErrorCode::Unsupported);
        QTest::newRow("system pointer 5")
            << "pointer-system" << 22 << 5 << int(ErrorCode::BadValue);
        QTest::newRow("floor decision 4")
            << "floor-decision" << 20 << 4 << int(ErrorCode::BadValue);
        QTest::newRow("role 3") << "roster-role" << 20 << 3 << int(ErrorCode::BadValue);
        QTest::newRow("keyboard flag 0x0002") << "input" << 28 << 0x02 << int(ErrorCode::BadValue);
        QTest::newRow("tile reserved flag") << "tiles" << 35 << 0x02 << int(ErrorCode::BadValue);
        QTest::newRow("new pointer xorBpp 2")
            << "pointer-new" << 22 << 2 << int(ErrorCode::BadValue);
        QTest::newRow("fragment count 1") << "fragment" << 22 << 1 << int(ErrorCode::BadValue);
        QTest::newRow("fragment nests")
            << "fragment" << 24 << int(PduType2::Fragment) << int(ErrorCode::BadValue);
    }
    // frameId(4) | queueDepth(2) | heldMs(2), little-endian: a 1.0 viewer's queueDepth(4)
    // of 0 reads as queueDepth 0, held 0.
    void frameAckLayout()
    {
        const Bytes bytes = sample("frame-ack");
        const Bytes body(bytes.end() - 8, bytes.end());
        QCOMPARE(body, (Bytes{79, 0, 0, 0, 2, 0, 15, 0}));
    }

    void flowPduRefused()
    {
        Bytes bytes = sample("goodbye");
        bytes[0] = 0x00;
        bytes[1] = 0x80;
        QCOMPARE(errorOf(bytes), ErrorCode::Unsupported);
    }

    void unknownTypes()
    {
        QFETCH(QString, sampleName);
        QFETCH(int, offset);
        QFETCH(int, value);
        QFETCH(int, code);
        Bytes bytes = sample(qPrintable(sampleName));
        bytes[size_t(offset)] = uint8_t(value);
        QCOMPARE(int(errorOf(bytes)), code);
    }

    // Counts beyond their limits are refused before anything is sized from them, even
    // when the bytes to back them are missing.
    void oversizedCounts_data()
    {
        QTest::addColumn<QString>("sampleName");
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("value");
        QTest::newRow("numberCapabilities") << "demand-active" << 24 << 65;
        QTest::newRow("numberOrders") << "orders" << 22 << 1025;
        QTest::newRow("numberRectangles") << "bitmap" << 20 << 257;
        QTest::newRow("tileCount") << "tiles" << 24 << 4097;
        QTest::newRow("hitCount") << "tile-cache-hits" << 22 << 4097;
        QTest::newRow("numberEvents") << "input" << 18 << 257;
        QTest::newRow("floor queue") << "floor-queue" << 24 << 257;
        QTest::newRow("windowCount") << "window-list" << 18 << 257;
        QTest::newRow("Hello codecs") << "hello" << 26 << 33;
        QTest::newRow("fragment totalLength") << "fragment" << 28 << 0x0081; // 8 MiB + 64 KiB
    }
    void oversizedCounts()
    {
        QFETCH(QString, sampleName);
        QFETCH(int, offset);
        QFETCH(int, value);
        Bytes bytes = sample(qPrintable(sampleName));
        bytes[size_t(offset)] = uint8_t(value);
        bytes[size_t(offset) + 1] = uint8_t(value >> 8);
        const ErrorCode code = errorOf(bytes);
        QVERIFY2(code == ErrorCode::TooLarge || code == ErrorCode::BadValue, errorCodeName(code));
    }

    void inconsistentLengths_data()
    {
        QTest::addColumn<QString>("sampleName");
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("delta");
        QTest::newRow("uncompressedLength") << "goodbye" << 12 << 1;
        QTest::newRow("lengthSourceDescriptor") << "demand-active" << 10 << 1;
        QTest::newRow("lengthCombinedCapabilities") << "demand-active" << 12 << -1;
        QTest::newRow("lengthCombinedCapabilities longer") << "demand-active" << 12 << 1;
        QTest::newRow("first capability length") << "demand-active" << 30 << 2;
        QTest::newRow("first capability length short") << "demand-active" << 30 << -2;
        QTest::newRow("numberCapabilities") << "demand-active" << 24 << -1;
        QTest::newRow("tile data length") << "tiles" << 38 << 1;
        QTest::newRow("tile data length short") << "tiles" << 38 << -1;
        QTest::newRow("video length") << "video-region" << 34 << 1;
        QTest::newRow("bitmap length") << "bitmap" << 38 << 1;
        QTest::newRow("lengthXorMask") << "pointer-color" << 34 << 2;
        QTest::newRow("lengthAndMask") << "pointer-color" << 32 << -2;
        QTest::newRow("numberEvents") << "input" << 18 << -1;
        QTest::newRow("window title") << "window-list" << 46 << 1;
        QTest::newRow("roster name") << "roster-join" << 22 << -1;
    }
    void inconsistentLengths()
    {
        QFETCH(QString, sampleName);
        QFETCH(int, offset);
        QFETCH(int, delta);
        Bytes bytes = sample(qPrintable(sampleName));
        const int value = bytes[size_t(offset)] | bytes[size_t(offset) + 1] << 8;
        bytes[size_t(offset)] = uint8_t(value + delta);
        bytes[size_t(offset) + 1] = uint8_t((value + delta) >> 8);
        const auto decoded = PduDecoder::decode(bytes);
        QVERIFY(!decoded);
        // Where a length is off, what gives first depends on the bytes that follow; what
        // matters is that nothing decodes and nothing is mistaken for an unknown type.
        QVERIFY2(decoded.error().code != ErrorCode::UnknownType &&
                     decoded.error().code != ErrorCode::Unsupported,
                 decoded.error().toString().c_str());
    }

    void encoderRefusesWhatDecoderWould()
    {
        const auto refuse = [](PduBody body) {
            return !PduEncoder::encode({{1004, 0, StreamId::Low}, std::move(body)});
        };
        QVERIFY(refuse(OrdersUpdatePdu{{OpaqueRectOrder{0, 0, 0, 5}}}));
        QVERIFY(refuse(BitmapUpdatePdu{{BitmapRectangle{0, 0, 1, 1, 2, 2, 32, 0, Bytes(15)}}}));
        QVERIFY(
            refuse(PointerNewPdu{32, ColorPointerAttribute{0, 0, 0, 2, 2, Bytes(15), Bytes(4)}}));
        QVERIFY(refuse(InputPdu{{{0, WheelEvent{false, 300, 0, 0}}}}));
        QVERIFY(refuse(InputPdu{{{0, MouseEvent{WheelEvent::kWheel, 0, 0}}}}));
        QVERIFY(refuse(TileUpdatePdu{0, 0, {TileEntry{0, 0, 8, 8, 1, 0, 5, {}}}}));
        QVERIFY(refuse(RosterFloorStatePdu{1004, FloorState::Holding, 3}));
        QVERIFY(refuse(DeactivateAllPdu{1, std::string(200, 'x')}));
        QVERIFY(refuse(DemandActivePdu{1, "x", {UnknownCapability{1, {}}}}));
        QVERIFY(refuse(FloorQueueStatePdu{0, 0, std::vector<uint16_t>(257, 1004)}));
        QVERIFY(refuse(GoodbyePdu{CloseReason::Kicked, "\xFF"}));
        QVERIFY(refuse(TileCacheHitsPdu{1, {}}));
        QVERIFY(refuse(TileCacheHitsPdu{1, {{0, 0, TileCache::kSlots}}}));
        QVERIFY(refuse(TileUpdatePdu{0, 0, {TileEntry{0, 0, 65, 64, 2, TileEntry::kFlagCache, 3, {}}}}));
        QVERIFY(refuse(TileUpdatePdu{0, 0, {TileEntry{0, 0, 8, 8, 2, TileEntry::kFlagCache, TileCache::kSlots, {}}}}));
        QVERIFY(!refuse(TileUpdatePdu{0, 0, {TileEntry{0, 0, 64, 64, 2, TileEntry::kFlagCache, 1023, {}}}}));
    }

    // A 1.2 window list at its limits (docs/protocol.md §12): 256 records with the new
    // ShareArea and Popup flags, unknown flag bits, extreme geometry and the longest title
    // survive encoding, fragmentation and decoding unchanged; a 257th record or a longer
    // title is refused by the encoder as the decoder would.
    void windowListAtItsLimits()
    {
        WindowListPdu list;
        for (uint32_t i = 0; i + 1 < WindowListPdu::kMaxWindows; ++i)
            list.windows.push_back({0x400001 + i, 0x400001, WindowRecord::kShared |
                                        (i % 2 ? WindowRecord::kPopup : WindowRecord::kFocused) |
                                        0x80000000u,
                                    INT32_MIN + int32_t(i), INT32_MAX - int32_t(i), 0xFFFF,
                                    uint16_t(i), std::string(WindowRecord::kMaxTitleBytes, 't')});
        list.windows.push_back({0x400001, 0, WindowRecord::kShared | WindowRecord::kShareArea,
                                -20, 10, 1280, 720, "Editor"});
        const Pdu pdu{{kHostUserId, 0x00010001, StreamId::Medium}, list};
        // 256 long titles are more than a frame: the list travels as Fragment PDUs.
        const auto frames =
            PduEncoder().encodeFrames(SendDataKind::Indication, kBroadcastChannelId, pdu);
        QVERIFY(frames);
        QVERIFY(frames->size() > 1);
        PduDecoder decoder;
        std::optional<Pdu> decoded;
        for (const Bytes &frameBytes : *frames) {
            const auto frame = decodeFrame(frameBytes);
            QVERIFY(frame);
            auto result = decoder.decodeFrame(*frame);
            QVERIFY(result);
            if (*result)
                decoded = std::move(**result);
        }
        QVERIFY(decoded);
        QVERIFY(*decoded == pdu);

        WindowListPdu tooMany = list;
        tooMany.windows.push_back(list.windows.front());
        QVERIFY(!PduEncoder().encodeFrames(SendDataKind::Indication, kBroadcastChannelId,
                                           {pdu.context, tooMany}));
        WindowListPdu longTitle = list;
        longTitle.windows.front().title.push_back('t');
        QVERIFY(!PduEncoder().encodeFrames(SendDataKind::Indication, kBroadcastChannelId,
                                           {pdu.context, longTitle}));
    }

    // The tile cache's limits bound what a viewer keeps (docs/protocol.md §8.7).
    void tileCacheLimitsRefused()
    {
        Bytes hits = sample("tile-cache-hits"); // hits (12,40,0) and (18,40,1023)
        const size_t secondSlot = 18 + 4 + 2 + 6 + 4;
        QCOMPARE(int(hits[secondSlot] | hits[secondSlot + 1] << 8), 1023);
        hits[secondSlot] = 0x00;
        hits[secondSlot + 1] = 0x04; // 1024
        QCOMPARE(errorOf(hits), ErrorCode::BadValue);

        Bytes none = sample("tile-cache-hits");
        none[22] = 0;
        none[23] = 0;
        none.resize(24);
        fixLengths(none);
        QCOMPARE(errorOf(none), ErrorCode::BadValue);

        // The sample's second tile is cached (slot 9, 64×32); made 64×65 it may not be.
        Bytes tiles = sample("tiles");
        const size_t secondTile = 18 + 8 + 16 + 50;
        QCOMPARE(int(tiles[secondTile + 6]), 32);
        tiles[secondTile + 6] = 65;
        QCOMPARE(errorOf(tiles), ErrorCode::BadValue);
    }

    // Only update PDUs travel on the fast path; a viewer refuses anything else there.
    void fastPathCarriesUpdatesOnly()
    {
        PduEncoder encoder;
        QVERIFY(!encoder.encodeFastPathFrames(GoodbyePdu{CloseReason::Kicked, "x"}));
        QVERIFY(!encoder.encodeFastPathFrames(DemandActivePdu{}));

        PduDecoder decoder;
        decoder.setFastPathContext({kHostUserId, 0x00010001, StreamId::Low});
        const auto frames = encoder.encodeFastPathFrames(TileCacheHitsPdu{7, {{1, 2, 3}}});
        QVERIFY(frames && frames->size() == 1);
        FrameDecoder framer;
        framer.acceptFastPath(true);
        framer.feed(frames->front());
        const auto frame = framer.next();
        QVERIFY(frame);
        const auto pdu = decoder.decodeFrame(*frame);
        QVERIFY(pdu && pdu->has_value());
        QCOMPARE((*pdu)->context, (PduContext{kHostUserId, 0x00010001, StreamId::Low}));
        QCOMPARE(std::get<TileCacheHitsPdu>((*pdu)->body), (TileCacheHitsPdu{7, {{1, 2, 3}}}));

        Frame goodbye{{SendDataKind::FastPath}, {uint8_t(PduType2::Goodbye), 2, 0, 0, 0}};
        QCOMPARE(decoder.decodeFrame(goodbye).error().code, ErrorCode::Unsupported);

        // A fragmented payload whose inner type the fast path does not carry.
        Frame fragment{{SendDataKind::FastPath}, {}};
        PduWriter w;
        w.u8(uint8_t(PduType2::Fragment));
        FragmentPdu{1, 0, 2, uint8_t(PduType2::RosterJoin), 3000, {1, 2, 3}}.write(w);
        fragment.payload = w.take();
        QCOMPARE(decoder.decodeFrame(fragment).error().code, ErrorCode::Unsupported);
    }

    void unknownCapabilityIsCarried()
    {
        Bytes bytes = sample("confirm-active");
        const auto decoded = PduDecoder::decode(bytes);
        QVERIFY(decoded);
        const auto &caps = std::get<ConfirmActivePdu>(decoded->body).capabilities;
        QVERIFY(std::holds_alternative<UnknownCapability>(caps.back()));
        QCOMPARE(std::get<UnknownCapability>(caps.back()).type, uint16_t(0x7FEE));
    }
};

QTEST_APPLESS_MAIN(TestPdus)
#include "tst_pdus.moc"
