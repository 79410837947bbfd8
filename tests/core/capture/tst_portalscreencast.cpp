// The desktop portal's screen cast path (org.freedesktop.portal.ScreenCast and
// RemoteDesktop) against a real xdg-desktop-portal with its GNOME backend on a headless
// mutter, up to the person's choice: Start shows GNOME's sharing dialog, which waits for
// someone to pick a window. Each test has a desktop of its own; the session is made on the
// fixture's connection to it.

#include "HeadlessGnome.h"
#include "core/capture/wayland/PortalScreenCastSession.h"

#include <QDBusMessage>
#include <QSignalSpy>
#include <QTest>

using namespace baton;
using namespace baton::test;

namespace {

// Whether the portal still has a Session object at path.
bool portalHasSession(const QDBusConnection &bus, const QString &path)
{
    const QDBusMessage reply = bus.call(QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.portal.Desktop"), path,
        QStringLiteral("org.freedesktop.DBus.Introspectable"), QStringLiteral("Introspect")));
    return reply.type() == QDBusMessage::ReplyMessage &&
        reply.arguments().value(0).toString().contains(
            QStringLiteral("org.freedesktop.portal.Session"));
}

} // namespace

class TstPortalScreenCast : public QObject {
    Q_OBJECT

private slots:
    void startAwaitsTheChooser_data();
    void startAwaitsTheChooser();
};

void TstPortalScreenCast::startAwaitsTheChooser_data()
{
    QTest::addColumn<bool>("withInput");
    QTest::newRow("screen cast") << false;
    QTest::newRow("remote desktop") << true;
}

void TstPortalScreenCast::startAwaitsTheChooser()
{
    QFETCH(bool, withInput);
    HeadlessGnome gnome;
    QString error;
    HeadlessGnome::Options desktop;
    desktop.portal = true;
    QVERIFY2(gnome.start(desktop, &error), qPrintable(error));
    // No window yet: the first one to take the focus is the portal's dialog.
    QVERIFY(!gnome.hasFocusedWindow());

    QString sessionHandle;
    {
        PortalScreenCastSession session(gnome.bus());
        QSignalSpy granted(&session, &ScreenCastSession::granted);
        QSignalSpy refused(&session, &ScreenCastSession::refused);
        ScreenCastOptions options;
        options.withInput = withInput;
        session.begin(options);
        // CreateSession answered, then SelectSources (and SelectDevices) and Start were
        // asked in turn: the dialog appears only on Start.
        QTRY_VERIFY_WITH_TIMEOUT(!session.sessionHandle().isEmpty() || !refused.isEmpty(), 20000);
        QVERIFY2(refused.isEmpty(), qPrintable(session.errorString()));
        sessionHandle = session.sessionHandle();
        QVERIFY(portalHasSession(gnome.bus(), sessionHandle));
        QTRY_VERIFY2_WITH_TIMEOUT(gnome.hasFocusedWindow() || !refused.isEmpty(),
                                  qPrintable(gnome.logTails()), 20000);
        QVERIFY2(refused.isEmpty(), qPrintable(session.errorString()));
        // The dialog waits for the person: nobody answered Start.
        QCOMPARE(granted.count(), 0);
        QVERIFY(!session.canInject());
        QCOMPARE(session.openPipeWireRemote(&error), -2);
    }
    // Giving up closes the request (the dialog goes) and the portal's session.
    QTRY_VERIFY_WITH_TIMEOUT(!portalHasSession(gnome.bus(), sessionHandle), 20000);
    QTRY_VERIFY2_WITH_TIMEOUT(!gnome.hasFocusedWindow(), qPrintable(gnome.logTails()), 20000);
}

QTEST_GUILESS_MAIN(TstPortalScreenCast)
#include "tst_portalscreencast.moc"
