// The X11 RandR backend and the agent on a real X server whose modes can change
// (Xorg with the dummy driver): what the agent does is checked with `xrandr`.

#include "IssdTestSupport.h"
#include "XorgDummy.h"

#include "core/display/x11/DpmsPowerControl.h"
#include "core/display/x11/RandrDisplayBackend.h"
#include "core/issd/x11/XcbScreenSnapshotter.h"

#include <QImage>
#include <QSignalSpy>

using namespace baton;
using namespace baton::issd;
using namespace baton::issd::test;

class TestIssdRandr : public QObject {
    Q_OBJECT

    XorgDummy xorg_;
    std::optional<display::DisplaySystem> system_;

    display::x11::RandrDisplayBackend &backend()
    {
        return static_cast<display::x11::RandrDisplayBackend &>(*system_->layout);
    }

    void resetMode()
    {
        QVERIFY(xorg_.xrandr({QStringLiteral("--output"), QStringLiteral("DUMMY0"), QStringLiteral("--mode"),
                              QStringLiteral("1024x768"), QStringLiteral("--pos"), QStringLiteral("0x0")}));
        QTest::qWait(50); // let the RandR notify events of the reset pass before the next test
    }

private slots:
    void initTestCase()
    {
        // tools/bootstrap installs Xorg with the dummy driver: a server that does not
        // start is a failure, not a reason to test nothing.
        if (const QString why = xorg_.start(); !why.isEmpty())
            QFAIL(qPrintable(why));
        QString error;
        system_ = display::createDisplaySystem({xorg_.display(), QString()}, &error);
        QVERIFY2(system_, qPrintable(error));
        QCOMPARE(system_->layout->name(), QStringLiteral("x11-randr"));
    }

    void init() { resetMode(); }

    void factoryExplainsWhatIsMissing()
    {
        // The dummy server has no DPMS, and DDC/CI was switched off above.
        QVERIFY(!system_->power);
        QVERIFY(system_->refusals.contains(QStringLiteral("x11-dpms: the X server has no DPMS extension")));
        QVERIFY(system_->refusals.contains(QStringLiteral("ddcutil: disabled")));
    }

    void readsOutputs()
    {
        const auto displays = backend().displays();
        QCOMPARE(displays.size(), 1);
        const auto &d = displays.first();
        QCOMPARE(d.connector, QStringLiteral("DUMMY0"));
        QVERIFY(d.id.startsWith(QLatin1String("NONE.0000."))); // the dummy output has no EDID
        QVERIFY(d.layout.enabled && d.layout.primary);
        QCOMPARE(d.layout.mode->toString(), QStringLiteral("1024x768@60"));
        QVERIFY(d.modes.contains(display::DisplayMode{800, 600, 60.32}));
        QCOMPARE(d.rotationsDeg, QList<int>{0});
    }

    void modeChangeIsWhatXrandrSees()
    {
        display::LayoutChange change{QStringLiteral("DUMMY0"), {}, display::DisplayMode{800, 600, 0}, QPoint(100, 50), {}, {}};
        const auto result = backend().applyLayout({change});
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(xorg_.xrandrLine(), QStringLiteral("DUMMY0 connected primary 800x600+100+50 0mm x 0mm"));
    }

    void invalidChangesChangeNothing()
    {
        const auto noMode = backend().applyLayout(
            {{QStringLiteral("DUMMY0"), {}, display::DisplayMode{1234, 567, 0}, QPoint(10, 10), {}, {}}});
        QCOMPARE(noMode.kind, display::BackendResult::Kind::InvalidValue);
        const auto noRotation =
            backend().applyLayout({{QStringLiteral("DUMMY0"), {}, display::DisplayMode{800, 600, 0}, {}, 90, {}}});
        QCOMPARE(noRotation.kind, display::BackendResult::Kind::Unsupported);
        const auto noOutput = backend().applyLayout({{QStringLiteral("HDMI-9"), true, {}, {}, {}, {}}});
        QCOMPARE(noOutput.kind, display::BackendResult::Kind::InvalidValue);
        QCOMPARE(xorg_.xrandrLine(), QStringLiteral("DUMMY0 connected primary 1024x768+0+0 0mm x 0mm"));
    }

    void externalChangesAreNoticed()
    {
        QSignalSpy changed(&backend(), &display::DisplayBackend::layoutChanged);
        backend().displays();
        QVERIFY(xorg_.xrandr({QStringLiteral("--output"), QStringLiteral("DUMMY0"), QStringLiteral("--mode"),
                              QStringLiteral("800x600")}));
        QVERIFY(changed.wait(5000));
        QCOMPARE(backend().displays().first().layout.mode->width, 800);
    }

    void agentSetRevertsUnlessConfirmed()
    {
        IssdAgent agent(testConfig(), testSecrets(), *system_);
        agent.setTlsIdentity(testIdentity().certificate, testIdentity().privateKey);
        QString error;
        QVERIFY2(agent.start(&error), qPrintable(error));
        const auto client = login(agent.tcpPort());
        QVERIFY(client->isReady());
        QList<Event> events;
        connect(client.get(), &IssdClient::eventReceived, this, [&](const Event &e) { events.append(e); });
        QCOMPARE(call(*client, QStringLiteral("SUBSCRIBE prop,op")).code, 250);

        QCOMPARE(call(*client, QStringLiteral("GET 1 power")).code, 504); // no DPMS: no made-up value
        QCOMPARE(call(*client, QStringLiteral("SET 1 rotation=90")).code, 504);

        QCOMPARE(call(*client, QStringLiteral("SET name:DUMMY0 mode=800x600 revert=5")).toString(),
                 QStringLiteral("202 OK op=1 revert-in=5"));
        QCOMPARE(xorg_.xrandrLine(), QStringLiteral("DUMMY0 connected primary 800x600+0+0 0mm x 0mm"));
        QVERIFY(waitFor([&] {
            return std::any_of(events.begin(), events.end(), [](const Event &e) { return e.args.value(u"state") == u"reverted"; });
        }, 10000));
        QCOMPARE(xorg_.xrandrLine(), QStringLiteral("DUMMY0 connected primary 1024x768+0+0 0mm x 0mm"));
        QVERIFY(std::any_of(events.begin(), events.end(), [](const Event &e) {
            return e.type == u"prop" && e.args.value(u"mode") == u"1024x768@60" && e.args.value(u"by") == u"revert";
        }));

        QCOMPARE(call(*client, QStringLiteral("SET 1 mode=800x600@60.32 revert=5")).code, 202);
        QCOMPARE(call(*client, QStringLiteral("CONFIRM 2")).toString(), QStringLiteral("250 OK kept"));
        QTest::qWait(5500);
        QCOMPARE(xorg_.xrandrLine(), QStringLiteral("DUMMY0 connected primary 800x600+0+0 0mm x 0mm"));
        QCOMPARE(call(*client, QStringLiteral("GET 1 mode")).data, QStringList{QStringLiteral("mode=800x600@60.32")});
    }

    void snapshotOfTheXScreen()
    {
        QString why;
        const auto snapshotter = XcbScreenSnapshotter::create(xorg_.display(), &why);
        QVERIFY2(snapshotter, qPrintable(why));
        display::BackendResult error;
        const auto shot = snapshotter->snapshot(backend().displays().first(), QSize(320, 320),
                                                ScreenSnapshotter::Format::Png, 80, &error);
        QVERIFY2(shot, qPrintable(error.message));
        QCOMPARE(shot->size, QSize(320, 240));
        QImage image;
        QVERIFY(image.loadFromData(shot->bytes, "PNG"));
        QCOMPARE(image.size(), QSize(320, 240));
    }

    // Last: it ends the X server. The backend lets the dead connection go instead of
    // waking the agent for ever on a socket that stays readable.
    void aLostServerIsLetGo()
    {
        QVERIFY(backend().followsChanges());
        xorg_.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!backend().followsChanges(), 10000);
    }

    void cleanupTestCase() { system_.reset(); }
};

QTEST_GUILESS_MAIN(TestIssdRandr)
#include "tst_issdrandr.moc"
