#include "core/protocol/FrameDecoder.h"
#include "core/protocol/PduDecoder.h"
#include "core/protocol/PduEncoder.h"

#include <QTest>

using namespace baton::protocol;

namespace {

Bytes pattern(size_t size, uint32_t seed)
{
    Bytes bytes(size);
    uint32_t state = seed;
    for (auto &b : bytes) {
        state = state * 1664525u + 1013904223u;
        b = uint8_t(state >> 24);
    }
    return bytes;
}

Pdu bigVideo(size_t payloadBytes, uint32_t frameId)
{
    VideoRegionUpdatePdu video;
    video.frameId = frameId;
    video.width = 1920;
    video.height = 1080;
    video.codecId = uint8_t(CodecId::H264Avc420);
    video.flags = VideoRegionUpdatePdu::kFlagKeyFrame;
    video.data = pattern(payloadBytes, frameId);
    return {{kHostUserId, 0x10000 | kHostUserId, StreamId::Low}, video};
}

FragmentPdu fragment(uint16_t id, uint16_t index, uint16_t count, uint32_t total, size_t chunk)
{
    return {id, index, count, uint8_t(PduType2::TileUpdate), total, Bytes(chunk, 1)};
}

} // namespace

class TestFragments : public QObject {
    Q_OBJECT
private slots:
    void splitAndReassemble_data()
    {
        QTest::addColumn<int>("payloadBytes");
        QTest::newRow("fits one frame") << 1000;
        QTest::newRow("just over one frame") << int(kMaxUserDataBytes);
        QTest::newRow("exact chunks") << int(3 * FragmentPdu::kMaxChunkBytes - 30);
        QTest::newRow("1 MiB key frame") << (1 << 20);
    }
    void splitAndReassemble()
    {
        QFETCH(int, payloadBytes);
        const Pdu pdu = bigVideo(size_t(payloadBytes), 42);
        PduEncoder encoder;
        const auto frames =
            encoder.encodeFrames(SendDataKind::Indication, kBroadcastChannelId, pdu);
        QVERIFY(frames);
        const size_t expectedFrames = size_t(payloadBytes) + 30 <= kMaxUserDataBytes
            ? 1
            : (size_t(payloadBytes) + 30 + FragmentPdu::kMaxChunkBytes - 1) /
                FragmentPdu::kMaxChunkBytes;
        QCOMPARE(frames->size(), expectedFrames);

        // Interleave a pointer PDU between fragments: the receiver must cope.
        const auto pointer = PduEncoder::encodeFrame(
            SendDataKind::Indication, kBroadcastChannelId,
            {{kHostUserId, 0x10000 | kHostUserId, StreamId::Medium}, PointerPositionPdu{1, 2}});
        FrameDecoder stream;
        PduDecoder decoder;
        std::vector<Pdu> received;
        for (const Bytes &bytes : *frames) {
            QVERIFY(bytes.size() <= kMaxFrameBytes);
            stream.feed(bytes);
            stream.feed(*pointer);
            while (auto frame = stream.next()) {
                auto decoded = decoder.decodeFrame(*frame);
                QVERIFY2(decoded, decoded ? "" : decoded.error().toString().c_str());
                if (decoded->has_value())
                    received.push_back(std::move(**decoded));
            }
        }
        QVERIFY(!stream.failed());
        QCOMPARE(received.size(), frames->size() + 1);
        QVERIFY(received[received.size() - 2] == pdu);
        QCOMPARE(decoder.reassembler().bufferedBytes(), size_t(0));
        QCOMPARE(decoder.reassembler().payloadsInFlight(), size_t(0));
    }

    void tooLargeToSend()
    {
        PduEncoder encoder;
        const auto frames = encoder.encodeFrames(SendDataKind::Indication, kBroadcastChannelId,
                                                 bigVideo(FragmentPdu::kMaxReassembledBytes, 1));
        QVERIFY(!frames);
        QCOMPARE(frames.error().code, ErrorCode::TooLarge);
        // Share control PDUs cannot be fragmented.
        DemandActivePdu demand;
        demand.capabilities.assign(40, UnknownCapability{0x7FEE, Bytes(1000, 0)});
        QVERIFY(!encoder.encodeFrames(SendDataKind::Indication, 1003,
                                      {{kHostUserId, 0, StreamId::Low}, demand}));
    }

    void payloadIdsAdvance()
    {
        PduEncoder encoder;
        const auto first = encoder.encodeFrames(SendDataKind::Indication, 1003, bigVideo(40000, 1));
        const auto second =
            encoder.encodeFrames(SendDataKind::Indication, 1003, bigVideo(40000, 2));
        QVERIFY(first && second);
        // Interleaving two payloads of one sender works because their ids differ.
        PduDecoder decoder;
        int completed = 0;
        for (size_t i = 0; i < first->size(); ++i) {
            for (const auto *frames : {&*first, &*second}) {
                const auto frame = decodeFrame((*frames)[i]);
                QVERIFY(frame);
                const auto pdu = decoder.decodeFrame(*frame);
                QVERIFY(pdu);
                completed += pdu->has_value();
            }
        }
        QCOMPARE(completed, 2);
    }

    void reassemblyRefuses()
    {
        const uint32_t total = 3000;
        {
            PduReassembler r;
            QVERIFY(!r.add(1004, 0, fragment(1, 1, 3, total, 1000))); // never begun
        }
        {
            PduReassembler r;
            QVERIFY(r.add(1004, 0, fragment(1, 0, 3, total, 1000)));
            QVERIFY(!r.add(1004, 0, fragment(1, 0, 3, total, 1000))); // id reused
        }
        {
            PduReassembler r;
            QVERIFY(r.add(1004, 0, fragment(1, 0, 3, total, 1000)));
            QVERIFY(!r.add(1004, 0, fragment(1, 2, 3, total, 1000))); // skipped index
        }
        {
            PduReassembler r;
            QVERIFY(r.add(1004, 0, fragment(1, 0, 3, total, 1000)));
            QVERIFY(!r.add(1004, 0, fragment(1, 1, 4, total, 1000))); // count changed
        }
        {
            PduReassembler r;
            QVERIFY(r.add(1004, 0, fragment(1, 0, 3, total, 1000)));
            QVERIFY(!r.add(1004, 7, fragment(1, 1, 3, total, 1000))); // shareId changed
        }
        {
            PduReassembler r;
            QVERIFY(r.add(1004, 0, fragment(1, 0, 3, total, 2000)));
            const auto over = r.add(1004, 0, fragment(1, 1, 3, total, 1001));
            QCOMPARE(over.error().code, ErrorCode::LengthMismatch); // beyond totalLength
        }
        {
            PduReassembler r;
            QVERIFY(r.add(1004, 0, fragment(1, 0, 3, total, 1000)));
            QVERIFY(r.add(1004, 0, fragment(1, 1, 3, total, 1000)));
            const auto shortOf = r.add(1004, 0, fragment(1, 2, 3, total, 999));
            QCOMPARE(shortOf.error().code, ErrorCode::LengthMismatch); // short of totalLength
        }
        {
            // Another sender's fragment with the same id is a different payload.
            PduReassembler r;
            QVERIFY(r.add(1004, 0, fragment(1, 0, 2, 2, 1)));
            QVERIFY(!r.add(1005, 0, fragment(1, 1, 2, 2, 1)));
        }
    }

    void reassemblyMemoryIsBounded()
    {
        PduReassembler r({2, 5000});
        QVERIFY(r.add(1004, 0, fragment(1, 0, 3, 6000, 2000)));
        QVERIFY(r.add(1004, 0, fragment(2, 0, 3, 6000, 2000)));
        QCOMPARE(r.add(1004, 0, fragment(3, 0, 3, 6000, 100)).error().code, ErrorCode::TooLarge);
        QCOMPARE(r.add(1004, 0, fragment(1, 1, 3, 6000, 2000)).error().code, ErrorCode::TooLarge);
        QVERIFY(r.bufferedBytes() <= 5000);
        r.clear();
        QCOMPARE(r.bufferedBytes(), size_t(0));
        QVERIFY(r.add(1004, 0, fragment(3, 0, 3, 6000, 100)));
    }

    // The claimed totalLength is never allocated up front: a peer that announces 8 MiB and
    // sends 100 bytes costs 100 bytes.
    void claimedLengthIsNotAllocated()
    {
        PduReassembler r;
        QVERIFY(r.add(1004, 0, fragment(1, 0, 600, FragmentPdu::kMaxReassembledBytes, 100)));
        QCOMPARE(r.bufferedBytes(), size_t(100));
    }

    void completedPayloadMustDecode()
    {
        // A reassembled body that is not a valid TileUpdate is refused like any PDU.
        PduDecoder decoder;
        for (uint16_t index = 0; index < 2; ++index) {
            const Pdu pdu{{1004, 0, StreamId::Low}, fragment(9, index, 2, 2, 1)};
            const auto frame =
                decodeFrame(*PduEncoder::encodeFrame(SendDataKind::Request, 1003, pdu));
            const auto decoded = decoder.decodeFrame(*frame);
            QCOMPARE(bool(decoded), index == 0);
        }
    }
};

QTEST_APPLESS_MAIN(TestFragments)
#include "tst_fragments.moc"
