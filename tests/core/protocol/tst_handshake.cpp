#include "core/protocol/CloseReason.h"
#include "core/protocol/FrameDecoder.h"
#include "core/protocol/PduDecoder.h"
#include "core/protocol/PduEncoder.h"
#include "core/protocol/Utf8.h"

#include <QTest>

using namespace baton::protocol;

namespace {

HelloPdu sampleHello()
{
    HelloPdu hello;
    hello.featureFlags = HelloPdu::kFeatureFrameAck | HelloPdu::kFeatureInput;
    hello.codecIds = {1, 2, 3};
    hello.sessionId = "Ab3_x-9";
    hello.displayName = "Zoë";
    hello.passcode = "1234";
    hello.software = "Baton 0.1.0";
    return hello;
}

} // namespace

class TestHandshake : public QObject {
    Q_OBJECT
private slots:
    // The Hello's headers byte for byte (t128.md §2.1, §2.2, §9.1): a data PDU, version 1,
    // from the unassigned id 1001, shareId 0, stream HIGH, uncompressedLength =
    // totalLength - 14, pduType2 0xA0, not compressed.
    void goldenHello()
    {
        HelloPdu hello;
        hello.codecIds = {2};
        hello.sessionId = "s";
        const auto aspdu = PduEncoder::encode({{kUnassignedUserId, 0, StreamId::High}, hello});
        QVERIFY(aspdu);
        const Bytes expected = {0x25, 0x00, 0x17, 0x00, 0xE9, 0x03, // totalLength 37, data v1, 1001
                                0x00, 0x00, 0x00, 0x00, 0x00, 0x04,
                                0x17, 0x00, // shareId 0, pad, HIGH, 23
                                0xA0, 0x00, 0x00, 0x00, // Hello, no compression
                                0x01, 0x00, 0x03, 0x00, // version 1.3
                                0x00, 0x00, 0x00, 0x00, // features
                                0x01, 0x02, // one codec: 2
                                0x01, 0x00, 's', // session id
                                0x00, 0x00, 0x00, 0x00, 0x00, 0x00}; // name, passcode, software
        QCOMPARE(*aspdu, expected);
    }

    void roundTripThroughFrames()
    {
        const std::vector<Pdu> pdus = {
            {{kUnassignedUserId, 0, StreamId::High}, sampleHello()},
            {{kHostUserId, 0, StreamId::High},
             WelcomePdu{1, 0, 1004, 1002, 1003, 1004, Role::Viewer, "Ab3_x-9", "Host"}},
            {{1004, 0, StreamId::High}, GoodbyePdu{CloseReason::ViewerLeft, "bye"}},
            {{1002, 0x00020000 | kHostUserId, StreamId::Low},
             GoodbyePdu{CloseReason(999), std::string(GoodbyePdu::kMaxMessageBytes, 'x')}},
        };
        PduEncoder encoder;
        PduDecoder decoder;
        FrameDecoder frames;
        for (const Pdu &pdu : pdus) {
            const auto encoded = encoder.encodeFrames(SendDataKind::Indication, 1003, pdu);
            QVERIFY(encoded);
            QCOMPARE(encoded->size(), size_t(1));
            frames.feed(encoded->front());
            auto frame = frames.next();
            QVERIFY(frame);
            QCOMPARE(frame->header.initiator, pdu.context.source);
            auto decoded = decoder.decodeFrame(*frame);
            QVERIFY2(decoded, decoded ? "" : decoded.error().toString().c_str());
            QVERIFY(decoded->has_value());
            QVERIFY(**decoded == pdu);
        }
    }

    void truncatedAtEveryOffset()
    {
        const auto aspdu =
            PduEncoder::encode({{kUnassignedUserId, 0, StreamId::High}, sampleHello()});
        QVERIFY(aspdu);
        for (size_t cut = 0; cut < aspdu->size(); ++cut)
            QVERIFY2(!PduDecoder::decode(ByteView(*aspdu).first(cut)),
                     qPrintable(QString::number(cut)));
    }

    void rejects_data()
    {
        QTest::addColumn<int>("patchAt");
        QTest::addColumn<int>("value");
        QTest::addColumn<int>("code");
        QTest::newRow("totalLength") << 0 << 0x30 << int(ErrorCode::LengthMismatch);
        QTest::newRow("uncompressedLength") << 12 << 0x30 << int(ErrorCode::LengthMismatch);
        QTest::newRow("unknown pduType2") << 14 << 0xBF << int(ErrorCode::UnknownType);
        QTest::newRow("compressed") << 15 << 0x20 << int(ErrorCode::Unsupported);
        QTest::newRow("pad1") << 10 << 1 << int(ErrorCode::BadValue);
        QTest::newRow("streamId") << 11 << 3 << int(ErrorCode::BadValue);
        QTest::newRow("pdu version") << 2 << 0x27 << int(ErrorCode::UnknownType);
        QTest::newRow("codec count") << 26 << 200 << int(ErrorCode::TooLarge);
        QTest::newRow("name length") << 33 << 0xF0 << int(ErrorCode::TooLarge);
        QTest::newRow("invalid UTF-8") << 30 << 0xC0 << int(ErrorCode::BadValue);
        QTest::newRow("string runs past the end") << 31 << 8 << int(ErrorCode::Truncated);
    }
    void rejects()
    {
        QFETCH(int, patchAt);
        QFETCH(int, value);
        QFETCH(int, code);
        HelloPdu hello;
        hello.codecIds = {2};
        hello.sessionId = "s";
        auto aspdu = PduEncoder::encode({{kUnassignedUserId, 0, StreamId::High}, hello});
        QVERIFY(aspdu);
        (*aspdu)[size_t(patchAt)] = uint8_t(value);
        const auto decoded = PduDecoder::decode(*aspdu);
        QVERIFY(!decoded);
        QCOMPARE(int(decoded.error().code), code);
    }

    void welcomeRefusesStaticIds()
    {
        WelcomePdu welcome;
        welcome.userId = 7;
        QVERIFY(!PduEncoder::encode({{kHostUserId, 0, StreamId::High}, welcome}));
        welcome.userId = 1004;
        auto aspdu = PduEncoder::encode({{kHostUserId, 0, StreamId::High}, welcome});
        QVERIFY(aspdu);
        (*aspdu)[18 + 4] = 0x07; // userId = 0x0307 = 775
        QCOMPARE(PduDecoder::decode(*aspdu).error().code, ErrorCode::BadValue);
    }

    void encoderRefusesOversizedFields()
    {
        HelloPdu hello = sampleHello();
        hello.displayName = std::string(HelloPdu::kMaxNameBytes + 1, 'n');
        const auto aspdu = PduEncoder::encode({{kUnassignedUserId, 0, StreamId::High}, hello});
        QVERIFY(!aspdu);
        QCOMPARE(aspdu.error().code, ErrorCode::TooLarge);
    }

    void sourceMustMatchInitiator()
    {
        const auto aspdu = PduEncoder::encode({{1005, 0, StreamId::High}, GoodbyePdu{}});
        QVERIFY(aspdu);
        PduDecoder decoder;
        QVERIFY(!decoder.decodeFrame({{SendDataKind::Request, 1004, 1003}, *aspdu}));
        QVERIFY(decoder.decodeFrame({{SendDataKind::Request, 1005, 1003}, *aspdu}));
    }

    void utf8()
    {
        QVERIFY(isValidUtf8(std::string_view("Zoë 日本 😀")));
        QVERIFY(!isValidUtf8(std::string_view("\xC0\x80"))); // overlong NUL
        QVERIFY(!isValidUtf8(std::string_view("\xED\xA0\x80"))); // surrogate
        QVERIFY(!isValidUtf8(std::string_view("\xF4\x90\x80\x80"))); // above U+10FFFF
        QVERIFY(!isValidUtf8(std::string_view("a\0b", 3)));
        QVERIFY(!isValidUtf8(std::string_view("\xE6\x97"))); // cut short
        // A message cut to a field's limit stays valid: "ë" is two bytes.
        QCOMPARE(truncateUtf8("Zoë", 3), std::string("Zo"));
        QCOMPARE(truncateUtf8("Zoë", 4), std::string("Zoë"));
        QCOMPARE(truncateUtf8("😀😀", 5), std::string("😀"));
        GoodbyePdu goodbye{CloseReason::ProtocolError,
                           truncateUtf8(std::string(511, 'x') + "ë", GoodbyePdu::kMaxMessageBytes)};
        QVERIFY(PduEncoder::encode({{1004, 0, StreamId::High}, goodbye}));
    }

    void everyCloseReasonHasASentence()
    {
        for (uint16_t value = 0; value < 40; ++value) {
            const std::string_view text = describe(CloseReason(value));
            QVERIFY(text.size() > 10);
            QVERIFY(text.back() == '.');
        }
        QVERIFY(isKnown(CloseReason::WrongPasscode));
        QVERIFY(!isKnown(CloseReason(999)));
        QVERIFY(describe(CloseReason::WrongPasscode) != describe(CloseReason::RateLimited));
    }
};

QTEST_APPLESS_MAIN(TestHandshake)
#include "tst_handshake.moc"
