#include "XtermFixture.h"
#include "core/capture/WindowSourceFactory.h"
#include "core/capture/x11/XcbConnection.h"

#include <QSignalSpy>
#include <QTest>

using namespace baton;
using namespace baton::test;

class TestWindowSourceFactory : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY((xServer_ = holdXServer()) != nullptr); }
    void listsAndCreatesX11()
    {
        Xterm xterm(QStringLiteral("factory"));
        QVERIFY(xterm.windowId() != 0);
        const WindowSourceFactory::Listing listing = WindowSourceFactory::listWindows();
        QCOMPARE(listing.backend, QStringLiteral("x11"));
        const auto it = std::find_if(listing.windows.begin(), listing.windows.end(),
                                     [&](const WindowInfo &w) { return w.id == xterm.windowId(); });
        QVERIFY(it != listing.windows.end());
        QCOMPARE(it->title, xterm.title());

        WindowSourceFactory::Creation creation = WindowSourceFactory::create(*it);
        QVERIFY(creation.source);
        QCOMPARE(creation.source->backendName(), QStringLiteral("x11"));
        QVERIFY(creation.source->start());
        CapturedFrame frame;
        QVERIFY(creation.source->captureFrame(frame));
        QCOMPARE(frame.pixels.width(), it->geometry.width);
        // X11 shares the application unless asked for the window alone, and says so.
        QCOMPARE(creation.scope, ShareScope::Application);
        QCOMPARE(WindowSourceFactory::create(*it, ShareScope::Window).scope, ShareScope::Window);
    }

    // Without a display and without a QGuiApplication nothing applies, and each backend
    // says why.
    void refusalsSayWhy()
    {
        const QByteArray display = qgetenv("DISPLAY");
        qunsetenv("DISPLAY");
        const WindowSourceFactory::Listing listing = WindowSourceFactory::listWindows();
        WindowSourceFactory::Creation creation = WindowSourceFactory::create(WindowInfo{});
        qputenv("DISPLAY", display);
        QVERIFY(listing.windows.isEmpty());
        QVERIFY(listing.backend.isEmpty());
        QVERIFY(listing.refusals.contains(QStringLiteral("x11: DISPLAY is not set")));
        QVERIFY(!creation.source);
        QCOMPARE(creation.refusals,
                 QStringList({QStringLiteral("x11: DISPLAY is not set"),
                              QStringLiteral("qt: needs a QGuiApplication")}));
    }

    // A Wayland session's own windows need the desktop's chooser; its Xwayland windows
    // stay listable by a process that runs on the X server.
    void waylandDesktopChooses()
    {
        const QByteArray display = qgetenv("DISPLAY");
        const QByteArray wayland = qgetenv("WAYLAND_DISPLAY");
        qunsetenv("WAYLAND_DISPLAY");
        const bool onX11 = WindowSourceFactory::desktopChooses();
        qputenv("WAYLAND_DISPLAY", "wayland-test");
        const bool withXwayland = WindowSourceFactory::desktopChooses();
        qunsetenv("DISPLAY");
        const bool onWayland = WindowSourceFactory::desktopChooses();
        const WindowSourceFactory::Listing listing = WindowSourceFactory::listWindows();
        qputenv("DISPLAY", display);
        if (wayland.isNull())
            qunsetenv("WAYLAND_DISPLAY");
        else
            qputenv("WAYLAND_DISPLAY", wayland);
        QVERIFY(!onX11);
        QVERIFY(!withXwayland);
        QVERIFY(onWayland);
        QVERIFY(listing.windows.isEmpty());
        QVERIFY(listing.refusals.last().startsWith(
            QStringLiteral("wayland: programs cannot list each other's windows")));
    }

    // GNOME's interface on a session bus without mutter: the chooser says so, it does not
    // wait for ever.
    void chooserRefusesWithoutCompositor()
    {
        WindowSourceFactory::ChooserOptions options;
        options.chooser = WindowSourceFactory::Chooser::GnomeFocusedWindow;
        WindowSourceFactory::Choosing choosing = WindowSourceFactory::chooser(options);
        QVERIFY(choosing.chooser);
        QSignalSpy finished(choosing.chooser.get(), &DesktopWindowChooser::finished);
        choosing.chooser->begin();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY2(choosing.chooser->errorString().contains(QLatin1String("org.gnome.Mutter")),
                 qPrintable(choosing.chooser->errorString()));
        QVERIFY(!choosing.chooser->takeSource());
    }

private:
    std::unique_ptr<XcbConnection> xServer_;
};

QTEST_GUILESS_MAIN(TestWindowSourceFactory)
#include "tst_windowsourcefactory.moc"
