// RdpInputMapper: RDP's input events, as FreeRDP's rdpInput callbacks hand them over, in
// Baton's terms.

#include "core/rdp/RdpInputMapper.h"

#include <QTest>

#include <freerdp/input.h>

using namespace baton;
using namespace baton::rdp;

class TestRdpInputMapper : public QObject {
    Q_OBJECT

private slots:
    void keys_data();
    void keys();
    void unicodeText();
    void buttons_data();
    void buttons();
    void wheel_data();
    void wheel();
    void extendedButtons();
    void positionsStayInsideThePicture();
};

void TestRdpInputMapper::keys_data()
{
    QTest::addColumn<int>("flags");
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("mapped");
    QTest::addColumn<bool>("extended");
    QTest::addColumn<bool>("pressed");
    QTest::newRow("a down") << int(KBD_FLAGS_DOWN) << 0x1E << true << false << true;
    QTest::newRow("a up") << int(KBD_FLAGS_RELEASE) << 0x1E << true << false << false;
    QTest::newRow("right (E0 4D)") << int(KBD_FLAGS_EXTENDED) << 0x4D << true << true << true;
    QTest::newRow("right ctrl up")
        << int(KBD_FLAGS_EXTENDED | KBD_FLAGS_RELEASE) << 0x1D << true << true << false;
    QTest::newRow("pause (E1)") << int(KBD_FLAGS_EXTENDED1) << 0x1D << false << false << false;
    QTest::newRow("beyond a byte") << 0 << 0x11E << false << false << false;
    QTest::newRow("zero") << 0 << 0 << false << false << false;
}

void TestRdpInputMapper::keys()
{
    QFETCH(int, flags);
    QFETCH(int, code);
    QFETCH(bool, mapped);
    const std::optional<KeyInput> key = RdpInputMapper::key(uint16_t(flags), uint16_t(code));
    QCOMPARE(key.has_value(), mapped);
    if (!mapped)
        return;
    QCOMPARE(key->scancode, uint16_t(code));
    QTEST(key->extended, "extended");
    QTEST(key->pressed, "pressed");
}

void TestRdpInputMapper::unicodeText()
{
    RdpInputMapper mapper;
    QCOMPARE(mapper.unicode(0, u'é'), QStringLiteral("é"));
    QCOMPARE(mapper.unicode(KBD_FLAGS_RELEASE, u'é'), QString());
    // U+1F600 comes as two events, high surrogate first.
    QCOMPARE(mapper.unicode(0, 0xD83D), QString());
    QCOMPARE(mapper.unicode(0, 0xDE00), QString::fromUcs4(U"\U0001F600"));
    // A low surrogate alone is dropped, and so is a high one followed by something else.
    QCOMPARE(mapper.unicode(0, 0xDE00), QString());
    QCOMPARE(mapper.unicode(0, 0xD83D), QString());
    QCOMPARE(mapper.unicode(0, u'x'), QStringLiteral("x"));
    QCOMPARE(mapper.unicode(0, 0xDE00), QString());
}

void TestRdpInputMapper::buttons_data()
{
    QTest::addColumn<int>("flag");
    QTest::addColumn<int>("button");
    // RDP: 1 left, 2 right, 3 middle; Baton: 1 left, 2 middle, 3 right.
    QTest::newRow("left") << int(PTR_FLAGS_BUTTON1) << 1;
    QTest::newRow("right") << int(PTR_FLAGS_BUTTON2) << 3;
    QTest::newRow("middle") << int(PTR_FLAGS_BUTTON3) << 2;
}

void TestRdpInputMapper::buttons()
{
    QFETCH(int, flag);
    QFETCH(int, button);
    RdpInputMapper mapper;
    mapper.setDesktopSize(800, 600);
    std::vector<PointerInput> events = mapper.mouse(uint16_t(flag | PTR_FLAGS_DOWN), 10, 20);
    // The pointer moved there first, then the press.
    QCOMPARE(events.size(), std::size_t(2));
    QCOMPARE(events[0].type, PointerInput::Type::Move);
    QCOMPARE(events[0].position, QPoint(10, 20));
    QCOMPARE(events[1].type, PointerInput::Type::Press);
    QCOMPARE(events[1].button, button);
    QCOMPARE(events[1].position, QPoint(10, 20));
    events = mapper.mouse(uint16_t(flag), 10, 20);
    QCOMPARE(events.size(), std::size_t(1));
    QCOMPARE(events[0].type, PointerInput::Type::Release);
    QCOMPARE(events[0].button, button);
}

void TestRdpInputMapper::wheel_data()
{
    QTest::addColumn<int>("flags");
    QTest::addColumn<int>("deltaX");
    QTest::addColumn<int>("deltaY");
    // What xfreerdp sends for X buttons 4 to 7 (client/X11/xf_client.c).
    QTest::newRow("up") << int(PTR_FLAGS_WHEEL | 0x78) << 0 << 120;
    QTest::newRow("down") << int(PTR_FLAGS_WHEEL | PTR_FLAGS_WHEEL_NEGATIVE | 0x88) << 0 << -120;
    QTest::newRow("left") << int(PTR_FLAGS_HWHEEL | PTR_FLAGS_WHEEL_NEGATIVE | (0x100 - 0x78))
                          << -120 << 0;
    QTest::newRow("right") << int(PTR_FLAGS_HWHEEL | 0x78) << 120 << 0;
    QTest::newRow("fine down") << int(PTR_FLAGS_WHEEL | PTR_FLAGS_WHEEL_NEGATIVE | 0xFF) << 0 << -1;
}

void TestRdpInputMapper::wheel()
{
    QFETCH(int, flags);
    RdpInputMapper mapper;
    mapper.setDesktopSize(800, 600);
    mapper.mouse(PTR_FLAGS_MOVE, 300, 200);
    // Wheel events carry no position: the last known one is used.
    const std::vector<PointerInput> events = mapper.mouse(uint16_t(flags), 0, 0);
    QCOMPARE(events.size(), std::size_t(1));
    QCOMPARE(events[0].type, PointerInput::Type::Wheel);
    QCOMPARE(events[0].position, QPoint(300, 200));
    QTEST(events[0].wheelDeltaX, "deltaX");
    QTEST(events[0].wheelDeltaY, "deltaY");
}

void TestRdpInputMapper::extendedButtons()
{
    RdpInputMapper mapper;
    mapper.setDesktopSize(800, 600);
    mapper.mouse(PTR_FLAGS_MOVE, 5, 6);
    std::vector<PointerInput> events =
        mapper.extendedMouse(PTR_XFLAGS_DOWN | PTR_XFLAGS_BUTTON1, 5, 6);
    QCOMPARE(events.size(), std::size_t(1));
    QCOMPARE(events[0].type, PointerInput::Type::Press);
    QCOMPARE(events[0].button, 4);
    events = mapper.extendedMouse(PTR_XFLAGS_BUTTON2, 5, 6);
    QCOMPARE(events.size(), std::size_t(1));
    QCOMPARE(events[0].type, PointerInput::Type::Release);
    QCOMPARE(events[0].button, 5);
}

void TestRdpInputMapper::positionsStayInsideThePicture()
{
    RdpInputMapper mapper;
    mapper.setDesktopSize(640, 480);
    std::vector<PointerInput> events = mapper.mouse(PTR_FLAGS_MOVE, 65535, 900);
    QCOMPARE(events.size(), std::size_t(1));
    QCOMPARE(events[0].position, QPoint(639, 479));
    // A smaller picture pulls the last position in with it.
    mapper.setDesktopSize(100, 50);
    events = mapper.mouse(PTR_FLAGS_WHEEL | 0x78, 0, 0);
    QCOMPARE(events[0].position, QPoint(99, 49));
}

QTEST_GUILESS_MAIN(TestRdpInputMapper)
#include "tst_rdpinputmapper.moc"
