#include "XtermFixture.h"
#include "core/capture/WindowSourceFactory.h"
#include "core/capture/x11/XcbConnection.h"

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

private:
    std::unique_ptr<XcbConnection> xServer_;
};

QTEST_GUILESS_MAIN(TestWindowSourceFactory)
#include "tst_windowsourcefactory.moc"
