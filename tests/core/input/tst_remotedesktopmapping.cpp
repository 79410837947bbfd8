// What the Wayland input backend sends for a viewer's buttons, characters and wheel: the
// mappings alone. tst_remotedesktopinput checks them against a real compositor.

#include "core/input/Keysyms.h"
#include "core/input/wayland/DiscreteWheel.h"
#include "core/input/wayland/RemoteDesktopInputInjector.h"

#include <QTest>

#include <optional>
#include <vector>

using baton::DiscreteWheel;

class TestRemoteDesktopMapping : public QObject {
    Q_OBJECT

private slots:
    void buttons_data()
    {
        QTest::addColumn<int>("button");
        QTest::addColumn<int>("evdev"); // -1: none
        QTest::newRow("left") << 1 << 0x110;
        QTest::newRow("middle") << 2 << 0x112;
        QTest::newRow("right") << 3 << 0x111;
        QTest::newRow("back") << 4 << 0x113;
        QTest::newRow("forward") << 5 << 0x114;
        QTest::newRow("none") << 0 << -1;
        QTest::newRow("sixth") << 6 << -1;
        QTest::newRow("negative") << -1 << -1;
    }
    void buttons()
    {
        QFETCH(int, button);
        QFETCH(int, evdev);
        const std::optional<int> code = baton::evdevButtonFor(button);
        QCOMPARE(code.value_or(-1), evdev);
    }

    void keysyms_data()
    {
        QTest::addColumn<uint>("character");
        QTest::addColumn<uint>("keysym");
        QTest::newRow("letter") << uint('a') << 0x61u;
        QTest::newRow("shifted") << uint('!') << 0x21u;
        QTest::newRow("space") << uint(' ') << 0x20u;
        QTest::newRow("newline is Return") << uint('\n') << 0xff0du;
        QTest::newRow("carriage return is Return") << uint('\r') << 0xff0du;
        QTest::newRow("tab") << uint('\t') << 0xff09u;
        QTest::newRow("latin-1") << 0xe9u << 0xe9u;
        QTest::newRow("no-break space") << 0xa0u << 0xa0u;
        QTest::newRow("delete is no Latin-1 keysym") << 0x7fu << 0x0100007fu;
        QTest::newRow("euro") << 0x20acu << 0x010020acu;
        QTest::newRow("beyond the BMP") << 0x1f600u << 0x0101f600u;
    }
    void keysyms()
    {
        QFETCH(uint, character);
        QFETCH(uint, keysym);
        QCOMPARE(baton::keysymForCharacter(char32_t(character)), keysym);
    }

    // Deltas in, notches out (x right, y down), one step at a time.
    void wheel_data()
    {
        QTest::addColumn<std::vector<QPoint>>("deltas");
        QTest::addColumn<std::vector<QPoint>>("notches");
        QTest::newRow("one notch up scrolls up: negative")
            << std::vector<QPoint>{{0, 120}} << std::vector<QPoint>{{0, -1}};
        QTest::newRow("one notch down")
            << std::vector<QPoint>{{0, -120}} << std::vector<QPoint>{{0, 1}};
        QTest::newRow("right is positive")
            << std::vector<QPoint>{{120, 0}} << std::vector<QPoint>{{1, 0}};
        QTest::newRow("left") << std::vector<QPoint>{{-240, 0}} << std::vector<QPoint>{{-2, 0}};
        QTest::newRow("three notches at once")
            << std::vector<QPoint>{{0, 360}} << std::vector<QPoint>{{0, -3}};
        QTest::newRow("halves add up") << std::vector<QPoint>{{0, 60}, {0, 60}, {0, 60}, {0, 60}}
                                       << std::vector<QPoint>{{0, 0}, {0, -1}, {0, 0}, {0, -1}};
        QTest::newRow("the rest stays for the next delta")
            << std::vector<QPoint>{{0, 150}, {0, 90}} << std::vector<QPoint>{{0, -1}, {0, -1}};
        QTest::newRow("opposite deltas cancel")
            << std::vector<QPoint>{{0, 100}, {0, -100}, {0, 100}}
            << std::vector<QPoint>{{0, 0}, {0, 0}, {0, 0}};
        QTest::newRow("axes keep their own rest")
            << std::vector<QPoint>{{80, -80}, {40, -40}} << std::vector<QPoint>{{0, 0}, {1, 1}};
        QTest::newRow("nothing") << std::vector<QPoint>{{0, 0}} << std::vector<QPoint>{{0, 0}};
    }
    void wheel()
    {
        QFETCH(std::vector<QPoint>, deltas);
        QFETCH(std::vector<QPoint>, notches);
        DiscreteWheel wheel;
        for (std::size_t i = 0; i < deltas.size(); ++i)
            QCOMPARE(wheel.add(deltas[i].x(), deltas[i].y()), notches[i]);
    }
};

QTEST_GUILESS_MAIN(TestRemoteDesktopMapping)
#include "tst_remotedesktopmapping.moc"
