// Golden byte vectors for the headers and capability sets, written out by hand from the
// layouts in t128.md §2 and §3.2 (field by field, little-endian), not produced by the
// encoder under test.
#include "core/protocol/Capabilities.h"
#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"
#include "core/protocol/ShareControlHeader.h"
#include "core/protocol/ShareDataHeader.h"

#include <QTest>

using namespace baton::protocol;

namespace {

Bytes cat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const Bytes &part : parts)
        out.insert(out.end(), part.begin(), part.end());
    return out;
}

Bytes zeros(size_t count)
{
    return Bytes(count, 0);
}

Bytes encodeSet(const CapabilitySet &set)
{
    PduWriter w;
    writeCapabilitySet(w, set);
    if (!w.ok())
        qFatal("capability set did not encode: %s", w.error()->toString().c_str());
    return w.take();
}

void checkGolden(const CapabilitySet &set, const Bytes &golden)
{
    QCOMPARE(encodeSet(set), golden);
    PduReader r(golden);
    const CapabilitySet decoded = readCapabilitySet(r);
    r.expectEnd("capability set");
    QVERIFY2(r.ok(), r.ok() ? "" : r.error()->toString().c_str());
    QVERIFY(decoded == set);
    // Every shorter prefix is refused, never read past.
    for (size_t cut = 0; cut < golden.size(); ++cut) {
        PduReader shortReader(ByteView(golden).first(cut));
        readCapabilitySet(shortReader);
        QVERIFY(!shortReader.ok());
    }
}

} // namespace

class TestCapabilities : public QObject {
    Q_OBJECT
private slots:
    // t128.md §2.5: Microsoft's Shutdown Request example, headers only.
    void goldenShareHeaders()
    {
        const Bytes golden = {0x12, 0x00, 0x17, 0x00, 0xEF, 0x03, 0xEA, 0x03, 0x02,
                              0x00, 0x00, 0x01, 0x04, 0x00, 0x24, 0x00, 0x00, 0x00};
        PduReader r(golden);
        const auto control = ShareControlHeader::read(r);
        const auto data = ShareDataHeader::read(r);
        QVERIFY(r.ok() && r.atEnd());
        QCOMPARE(control.totalLength, uint16_t(18));
        QCOMPARE(control.type, PduType::Data);
        QCOMPARE(control.source, uint16_t(1007));
        QCOMPARE(data.shareId, uint32_t(0x000203EA));
        QCOMPARE(data.stream, StreamId::Low);
        QCOMPARE(data.uncompressedLength, uint16_t(4));
        QCOMPARE(data.pduType2, uint8_t(0x24));
        PduWriter w;
        control.write(w);
        data.write(w);
        QCOMPARE(w.data(), golden);
    }

    void goldenGeneral()
    {
        GeneralCapability c;
        c.osMajorType = 1;
        c.osMinorType = 3;
        c.extraFlags = 0x0415;
        c.refreshRectSupport = 1;
        checkGolden(c, {0x01, 0x00, 0x18, 0x00, // type 1, length 24
                        0x01, 0x00, 0x03, 0x00, // osMajorType, osMinorType
                        0x00, 0x02, 0x00, 0x00, // protocolVersion 0x0200, pad
                        0x00, 0x00, 0x15, 0x04, // compression types, extraFlags
                        0x00, 0x00, 0x00, 0x00, // updateCapabilityFlag, remoteUnshareFlag
                        0x00, 0x00, 0x01, 0x00}); // compression level, refreshRect, suppress
    }

    void goldenBitmap()
    {
        BitmapCapability c;
        c.preferredBitsPerPixel = 24;
        c.desktopWidth = 1280;
        c.desktopHeight = 1024;
        c.desktopResizeFlag = 1;
        c.bitmapCompressionFlag = 1;
        c.drawingFlags = 0x08;
        checkGolden(c, {0x02, 0x00, 0x1C, 0x00, // type 2, length 28
                        0x18, 0x00, 0x01, 0x00, // preferred bpp 24, receive 1 bpp
                        0x01, 0x00, 0x01, 0x00, // receive 4 bpp, receive 8 bpp
                        0x00, 0x05, 0x00, 0x04, // 1280 x 1024
                        0x00, 0x00, 0x01, 0x00, // pad, desktopResizeFlag
                        0x01, 0x00, 0x00, 0x08, // compression, highColorFlags, drawingFlags
                        0x01, 0x00, 0x00, 0x00}); // multipleRectangleSupport, pad
    }

    void goldenOrder()
    {
        OrderCapability c;
        c.orderSupport[kOrderSupportScrBlt] = 1;
        c.orderSupport[kOrderSupportMemBlt] = 1;
        c.orderSupport[kOrderSupportOpaqueRect] = 1;
        c.orderFlags = 0x0022;
        c.textAnsiCodePage = 0x04E4;
        Bytes support = zeros(32);
        support[2] = support[3] = support[10] = 1;
        checkGolden(c,
                    cat({{0x03, 0x00, 0x58, 0x00}, // type 3, length 88
                         zeros(16), // terminalDescriptor
                         zeros(4), // pad
                         {0x01, 0x00, 0x14, 0x00}, // desktopSave granularity 1 / 20
                         {0x00, 0x00, 0x01, 0x00}, // pad, maximumOrderLevel 1
                         {0x00, 0x00, 0x22, 0x00}, // numberFonts, orderFlags
                         support, // orderSupport[32]
                         {0x00, 0x00, 0x00, 0x00}, // textFlags, orderSupportExFlags
                         zeros(4), // pad
                         {0x00, 0x84, 0x03, 0x00}, // desktopSaveSize 230400
                         zeros(4), // pad
                         {0xE4, 0x04, 0x00, 0x00}})); // textANSICodePage 1252, pad
    }

    void goldenControl()
    {
        ControlCapability c;
        checkGolden(c,
                    {0x05, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, // flags, detach
                     0x02, 0x00, 0x02, 0x00}); // interests: CONTROLPRIORITY_NEVER
    }

    void goldenPointer()
    {
        PointerCapability c{1, 20, 21};
        checkGolden(c, {0x08, 0x00, 0x0A, 0x00, 0x01, 0x00, 0x14, 0x00, 0x15, 0x00});
    }

    void goldenShare()
    {
        ShareCapability c{0x03EA};
        checkGolden(c, {0x09, 0x00, 0x08, 0x00, 0xEA, 0x03, 0x00, 0x00});
    }

    void goldenInput()
    {
        InputCapability c;
        c.inputFlags = 0x0015;
        c.keyboardLayout = 0x00000409;
        c.keyboardType = 4;
        c.keyboardFunctionKey = 12;
        c.imeFileName[0] = 'x';
        Bytes ime = zeros(64);
        ime[0] = 'x';
        checkGolden(c,
                    cat({{0x0D, 0x00, 0x58, 0x00}, // type 13, length 88
                         {0x15, 0x00, 0x00, 0x00}, // SCANCODES|MOUSEX|UNICODE, pad
                         {0x09, 0x04, 0x00, 0x00}, // keyboardLayout en-US
                         {0x04, 0x00, 0x00, 0x00}, // keyboardType
                         {0x00, 0x00, 0x00, 0x00}, // keyboardSubType
                         {0x0C, 0x00, 0x00, 0x00}, // keyboardFunctionKey
                         ime}));
    }

    void goldenCodecs()
    {
        CodecCapability c;
        CodecEntry entry;
        entry.guid = {0xBA, 0x70, 0x4E, 0x01};
        entry.codecId = 2;
        entry.properties = {0x40, 0x00};
        c.codecs.push_back(entry);
        checkGolden(c,
                    cat({{0x01, 0x7F, 0x1A, 0x00}, // type 0x7F01, length 26
                         {0x01}, // bitmapCodecCount
                         {0xBA, 0x70, 0x4E, 0x01},
                         zeros(12), // codecGUID
                         {0x02, 0x02, 0x00}, // codecID 2, propertiesLength 2
                         {0x40, 0x00}}));
    }

    void unknownSetIsKept()
    {
        checkGolden(UnknownCapability{0x0017, {0xAA, 0xBB}}, {0x17, 0x00, 0x06, 0x00, 0xAA, 0xBB});
    }

    void wrongLengthsRefused_data()
    {
        QTest::addColumn<Bytes>("bytes");
        QTest::addColumn<int>("code");
        QTest::newRow("share set one byte long")
            << Bytes{0x09, 0x00, 0x09, 0x00, 0xEA, 0x03, 0x00, 0x00, 0x00}
            << int(ErrorCode::LengthMismatch);
        QTest::newRow("share set one byte short")
            << Bytes{0x09, 0x00, 0x07, 0x00, 0xEA, 0x03, 0x00} << int(ErrorCode::LengthMismatch);
        QTest::newRow("length below header")
            << Bytes{0x77, 0x00, 0x03, 0x00} << int(ErrorCode::LengthMismatch);
        QTest::newRow("share pad not zero")
            << Bytes{0x09, 0x00, 0x08, 0x00, 0xEA, 0x03, 0x01, 0x00} << int(ErrorCode::BadValue);
        QTest::newRow("codec properties beyond set")
            << cat({{0x01, 0x7F, 0x18, 0x00, 0x01}, zeros(16), {0x02, 0x05, 0x00}, {0, 0}})
            << int(ErrorCode::Truncated);
        QTest::newRow("codec count beyond set")
            << Bytes{0x01, 0x7F, 0x05, 0x00, 0x03} << int(ErrorCode::Truncated);
        QTest::newRow("codec count too large")
            << Bytes{0x01, 0x7F, 0x05, 0x00, 0x21} << int(ErrorCode::TooLarge);
        QTest::newRow("unknown set too large")
            << Bytes{0x77, 0x00, 0x01, 0x20} << int(ErrorCode::TooLarge);
    }
    void wrongLengthsRefused()
    {
        QFETCH(Bytes, bytes);
        QFETCH(int, code);
        PduReader r(bytes);
        readCapabilitySet(r);
        r.expectEnd("capability set");
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error()->code), code);
    }
};

QTEST_APPLESS_MAIN(TestCapabilities)
#include "tst_capabilities.moc"
