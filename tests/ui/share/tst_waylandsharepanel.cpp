// The Share panel on a Wayland desktop: a real headless GNOME (mutter, PipeWire, the
// desktop portal with its GNOME backend) on a private bus, the panel on Qt's offscreen
// platform in this process. There no program may list the others' windows: the panel
// offers the desktop's own dialog instead of the window list, waits for it, and says
// what the person decided. The dialog is answered as a person would, with Escape typed
// into it through GNOME's own remote desktop interface. (Without gnome-shell the GNOME
// dialog lists no windows, so a grant through it is tested at the session level, with a
// monitor, in tst_portalscreencast.)

#include "core/capture/wayland/MutterScreenCastSession.h"
#include "tests/core/capture/HeadlessGnome.h"
#include "tests/core/capture/ScreenCastTestSupport.h"
#include "ui/share/SharePanel.h"
#include "ui/share/WindowPicker.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QTest>

#include <linux/input-event-codes.h>
#include <memory>

using namespace baton;
using namespace baton::ui;

namespace {

constexpr int kTimeoutMs = 30000;

const net::CertificateStore::Identity &identity()
{
    static const auto generated = net::CertificateStore::generate(QStringLiteral("test"));
    return *generated;
}

} // namespace

class TestWaylandSharePanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        test::HeadlessGnome::Options desktop;
        desktop.portal = true;
        QVERIFY2(gnome_.start(desktop, &error), qPrintable(error));
        // Before anything in this process uses the session bus: the panel's chooser will.
        gnome_.useInThisProcess();
    }

    void offersTheDesktopsDialogInsteadOfTheList()
    {
        AppSettings settings;
        SharePanel panel(settings, identity());
        panel.show();
        QVERIFY(!panel.windowPicker()->isVisible());
        QCOMPARE(panel.startButton()->text(), QStringLiteral("Choose a &window…"));
        QVERIFY(panel.startButton()->isEnabled());
        // No earlier choice to share again.
        QVERIFY(panel.shareAgainButton()->isVisible());
        QVERIFY(!panel.shareAgainButton()->isEnabled());
    }

    void cancellingTheDialogSharesNothing()
    {
        AppSettings settings;
        settings.defaultPort = 0;
        SharePanel panel(settings, identity());
        panel.show();
        QVERIFY(!gnome_.hasFocusedWindow());
        QTest::mouseClick(panel.startButton(), Qt::LeftButton);
        QCOMPARE(panel.statusLabel()->text(),
                 QStringLiteral("Choose the window in the desktop's dialog…"));
        QVERIFY(!panel.startButton()->isEnabled()); // one dialog at a time
        // GNOME's dialog opens and takes the focus.
        QTRY_VERIFY2_WITH_TIMEOUT(gnome_.hasFocusedWindow(), qPrintable(gnome_.logTails()),
                                  kTimeoutMs);

        // The person presses Escape in it. The seat's keyboard comes with the remote
        // desktop session, and its first keys may be lost: pressed until the panel hears.
        MutterScreenCastSession keyboard(gnome_.bus());
        QVERIFY2(test::beginAndAwaitGrant(keyboard), qPrintable(keyboard.errorString()));
        const QString cancelled =
            QStringLiteral("Nothing is shared: The sharing dialog was cancelled");
        QVERIFY2(test::repeatUntil([&] { test::tapKey(keyboard, KEY_ESC); },
                                   [&] { return panel.statusLabel()->text() == cancelled; }),
                 qPrintable(panel.statusLabel()->text()));
        QVERIFY(!panel.isSharing());
        QVERIFY(panel.startButton()->isEnabled());
        QVERIFY(settings.screenCastRestoreToken.isEmpty());
    }

private:
    test::HeadlessGnome gnome_;
};

QTEST_MAIN(TestWaylandSharePanel)
#include "tst_waylandsharepanel.moc"
