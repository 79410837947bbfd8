// The application put together, offscreen, against a real HostSession and ViewerSession
// over loopback TLS: the status line and the tray follow the share, a request pops up
// under the ask policy (Deny refuses it, Approve grants it), the tray takes control back
// and stops the share, and other policies never pop anything up.

#include "core/net/CertificateStore.h"
#include "core/protocol/HandshakePdus.h"
#include "core/session/HostSession.h"
#include "core/viewer/ViewerSession.h"
#include "ui/capture/WidgetWindowSource.h"
#include "ui/input/WidgetInputInjector.h"
#include "ui/join/JoinForm.h"
#include "ui/join/JoinPanel.h"
#include "ui/main/BatonDesktop.h"
#include "ui/main/GettingStartedDialog.h"
#include "ui/main/MainWindow.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/share/ParticipantsView.h"
#include "ui/share/SharePanel.h"
#include "ui/tray/ControlRequestPopup.h"
#include "ui/tray/ControlRequests.h"
#include "ui/tray/TrayIcon.h"
#include "ui/viewer/ViewerWindow.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace baton;

namespace {

constexpr int kTimeoutMs = 30000;

const net::CertificateStore::Identity &identity()
{
    static const auto generated = net::CertificateStore::generate(QStringLiteral("desktop test"));
    return *generated;
}

// A desktop sharing a plain widget, and a viewer joined to it.
struct Fixture {
    explicit Fixture(FloorPolicy policy)
        : store(dir.filePath(QStringLiteral("baton.conf")), QSettings::IniFormat),
          desktop(store, settingsWith(policy), identity())
    {
        shared.setWindowTitle(QStringLiteral("Notes"));
        shared.resize(320, 200);
        shared.show();
    }

    static ui::AppSettings settingsWith(FloorPolicy policy)
    {
        ui::AppSettings settings;
        settings.defaultPort = 0;
        settings.policy = policy;
        return settings;
    }

    bool share()
    {
        return desktop.sharePanel()->startSharing(std::make_unique<WidgetWindowSource>(&shared),
                                                  std::make_unique<WidgetInputInjector>(&shared),
                                                  nullptr);
    }

    std::unique_ptr<ViewerSession> join(const char *name)
    {
        net::ViewerOptions options;
        options.displayName = name;
        options.featureFlags = protocol::HelloPdu::kFeatureInput;
        auto viewer = std::make_unique<ViewerSession>(*desktop.sharePanel()->inviteLink(), options);
        viewer->start();
        return viewer;
    }

    QTemporaryDir dir;
    QSettings store;
    ui::BatonDesktop desktop;
    QLabel shared{QStringLiteral("shared")};
};

} // namespace

class TestBatonDesktop : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(!identity().fingerprint.isEmpty()); }

    void statusAndTrayFollowTheShare()
    {
        Fixture f(FloorPolicy::Ask);
        ui::MainWindow *window = f.desktop.window();
        QCOMPARE(window->panelCount(), 3);
        QCOMPARE(window->sharingStatus(), QStringLiteral("Not sharing"));
        QVERIFY(!f.desktop.tray()->stopSharingAction()->isEnabled());

        QVERIFY(f.share());
        QVERIFY(window->sharingStatus().contains(QLatin1String("Notes")));
        QVERIFY(f.desktop.tray()->toolTip().contains(QLatin1String("Notes")));
        QVERIFY(f.desktop.tray()->stopSharingAction()->isEnabled());

        const auto viewer = f.join("Ana");
        QTRY_VERIFY_WITH_TIMEOUT(f.desktop.sharePanel()->session()->viewerCount() == 1, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(window->sharingStatus().contains(QLatin1String("1 viewer")),
                                 kTimeoutMs);

        f.desktop.tray()->stopSharingAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!f.desktop.sharePanel()->isSharing(), kTimeoutMs);
        QCOMPARE(window->sharingStatus(), QStringLiteral("Not sharing"));
        QCOMPARE(f.desktop.tray()->toolTip(), QStringLiteral("Baton: not sharing"));
        QTRY_VERIFY_WITH_TIMEOUT(!viewer->isJoined(), kTimeoutMs);
    }

    void askPolicyPopsUpRequests()
    {
        Fixture f(FloorPolicy::Ask);
        QVERIFY(f.share());
        const auto ana = f.join("Ana");
        connect(ana.get(), &ViewerSession::joined, ana.get(), &ViewerSession::requestControl);
        QTRY_VERIFY_WITH_TIMEOUT(
            ana->userId() != 0 && f.desktop.controlRequests()->popup(ana->userId()), kTimeoutMs);

        // Deny: the popup goes, the floor stays with the host.
        QPointer<ui::ControlRequestPopup> popup = f.desktop.controlRequests()->popup(ana->userId());
        popup->denyButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!popup, kTimeoutMs);
        QVERIFY(f.desktop.sharePanel()->session()->floor().floor().isFree());
        QVERIFY(!ana->holdsFloor());

        // Asked again, approved: Ana drives; the tray takes control back.
        ana->requestControl();
        QTRY_VERIFY_WITH_TIMEOUT(f.desktop.controlRequests()->popup(ana->userId()), kTimeoutMs);
        popup = f.desktop.controlRequests()->popup(ana->userId());
        popup->approveButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(ana->holdsFloor(), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!popup, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            f.desktop.window()->sharingStatus().contains(QLatin1String("Ana has control")),
            kTimeoutMs);

        f.desktop.tray()->takeBackAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!ana->holdsFloor(), kTimeoutMs);
        QVERIFY(f.desktop.sharePanel()->session()->floor().floor().isFree());
    }

    void withdrawnRequestClosesThePopup()
    {
        Fixture f(FloorPolicy::Ask);
        QVERIFY(f.share());
        auto bea = f.join("Bea");
        connect(bea.get(), &ViewerSession::joined, bea.get(), &ViewerSession::requestControl);
        QTRY_VERIFY_WITH_TIMEOUT(
            bea->userId() != 0 && f.desktop.controlRequests()->popup(bea->userId()), kTimeoutMs);
        QPointer<ui::ControlRequestPopup> popup = f.desktop.controlRequests()->popup(bea->userId());
        bea->leave(); // gone before the host answered
        QTRY_VERIFY_WITH_TIMEOUT(!popup, kTimeoutMs);
        QCOMPARE(f.desktop.controlRequests()->count(), 0);
    }

    // File ▸ Settings…: OK saves to the store and the Share panel takes the new policy.
    void settingsAreSavedAndApplied()
    {
        Fixture f(FloorPolicy::Ask);
        bool edited = false;
        QTimer::singleShot(0, this, [&edited] {
            auto *dialog = qobject_cast<ui::SettingsDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            auto *policy = dialog->findChild<QComboBox *>(QStringLiteral("policy"));
            policy->setCurrentIndex(policy->findData(int(FloorPolicy::Collaborate)));
            dialog->findChild<QLineEdit *>(QStringLiteral("displayName"))
                ->setText(QStringLiteral("Dee"));
            edited = true;
            dialog->accept();
        });
        f.desktop.window()->settingsAction()->trigger(); // returns once the dialog closed
        QVERIFY(edited);
        QCOMPARE(f.desktop.settings().policy, FloorPolicy::Collaborate);
        QCOMPARE(f.desktop.settings().displayName, QStringLiteral("Dee"));
        QSettings reread(f.store.fileName(), QSettings::IniFormat);
        QCOMPARE(ui::AppSettings::load(reread).policy, FloorPolicy::Collaborate);
        QCOMPARE(ui::AppSettings::load(reread).displayName, QStringLiteral("Dee"));
        QCOMPARE(f.desktop.sharePanel()->participantsView()->policy(), FloorPolicy::Collaborate);
    }

    // The policy picked in the Share panel is kept in the store at once.
    void sharePanelPolicyIsSaved()
    {
        Fixture f(FloorPolicy::Ask);
        QComboBox *box = f.desktop.sharePanel()->participantsView()->policyBox();
        box->setCurrentIndex(box->findData(int(FloorPolicy::Auto)));
        QCOMPARE(f.desktop.settings().policy, FloorPolicy::Auto);
        QSettings reread(f.store.fileName(), QSettings::IniFormat);
        QCOMPARE(ui::AppSettings::load(reread).policy, FloorPolicy::Auto);
    }

    // So is whether a share includes the application's menus and dialogs.
    void shareScopeIsSaved()
    {
        Fixture f(FloorPolicy::Ask);
        QCheckBox *box = f.desktop.sharePanel()->includeApplicationBox();
        QVERIFY(box->isChecked());
        box->setChecked(false);
        QSettings reread(f.store.fileName(), QSettings::IniFormat);
        QCOMPARE(ui::AppSettings::load(reread).shareScope, ShareScope::Window);
    }

    // An invite link given as text (the command line, a second Baton) opens a viewer that
    // joins; one that cannot be joined lands on the Join panel with what is wrong with it.
    void openLinkJoinsOrShowsTheProblem()
    {
        Fixture f(FloorPolicy::Ask);
        QVERIFY(f.share());
        QCOMPARE(f.desktop.openLink(f.desktop.sharePanel()->inviteLink()->toString()), QString());
        QCOMPARE(f.desktop.joinPanel()->windows().size(), 1);
        ui::ViewerWindow *viewer = f.desktop.joinPanel()->windows().constFirst();
        QTRY_VERIFY_WITH_TIMEOUT(viewer->session() && viewer->session()->isJoined(), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(f.desktop.sharePanel()->session()->viewerCount(), 1, kTimeoutMs);

        const QString broken = QStringLiteral("baton://example.org:1627/");
        const QString problem = f.desktop.openLink(broken);
        QVERIFY(!problem.isEmpty());
        QCOMPARE(f.desktop.window()->panel(f.desktop.window()->currentPanel()),
                 f.desktop.joinPanel());
        QCOMPARE(f.desktop.joinPanel()->form()->linkEdit()->text(), broken);
        QVERIFY(f.desktop.window()->isVisible());
        QCOMPARE(f.desktop.joinPanel()->windows().size(), 1);
    }

    // Closing the main window while sharing asks; each answer does what it says.
    void closingWhileSharingAsks()
    {
        Fixture f(FloorPolicy::Ask);
        f.shared.hide(); // only Baton's own windows are left
        QSignalSpy quit(&f.desktop, &ui::BatonDesktop::quitRequested);
        ui::BatonDesktop::CloseChoice answer = ui::BatonDesktop::CloseChoice::Cancel;
        int asked = 0;
        f.desktop.setCloseQuestion([&](bool) {
            ++asked;
            return answer;
        });
        f.desktop.showWindow();
        QVERIFY(f.share());

        QVERIFY(!f.desktop.window()->close());
        QCOMPARE(asked, 1);
        QVERIFY(f.desktop.window()->isVisible());
        QVERIFY(f.desktop.sharePanel()->isSharing());

        answer = ui::BatonDesktop::CloseChoice::KeepSharing;
        QVERIFY(!f.desktop.window()->close());
        QVERIFY(!f.desktop.window()->isVisible());
        QVERIFY(f.desktop.sharePanel()->isSharing());
        QTest::qWait(100);
        QCOMPARE(quit.size(), 0); // alive in the tray

        f.desktop.tray()->showAction()->trigger();
        QVERIFY(f.desktop.window()->isVisible());
        answer = ui::BatonDesktop::CloseChoice::StopSharing;
        QVERIFY(f.desktop.window()->close());
        QVERIFY(!f.desktop.sharePanel()->isSharing());
        QTRY_COMPARE_WITH_TIMEOUT(quit.size(), 1, kTimeoutMs); // no window left
        QCOMPARE(asked, 3);
    }

    // Closing the main window with nothing shared asks nothing; Baton ends with its last
    // window, here a viewer window opened from a link.
    void batonEndsWithItsLastWindow()
    {
        Fixture f(FloorPolicy::Ask);
        QVERIFY(f.share());
        f.desktop.setCloseQuestion([](bool) { return ui::BatonDesktop::CloseChoice::StopSharing; });
        const QString link = f.desktop.sharePanel()->inviteLink()->toString();
        f.desktop.sharePanel()->stopSharing();
        QTRY_VERIFY_WITH_TIMEOUT(!f.desktop.sharePanel()->isSharing(), kTimeoutMs);
        f.shared.hide();
        QSignalSpy quit(&f.desktop, &ui::BatonDesktop::quitRequested);
        f.desktop.showWindow();
        QCOMPARE(f.desktop.openLink(link), QString());
        QVERIFY(f.desktop.window()->close());
        QTest::qWait(100);
        QCOMPARE(quit.size(), 0); // the viewer window is still open
        f.desktop.joinPanel()->windows().constFirst()->close();
        QTRY_COMPARE_WITH_TIMEOUT(quit.size(), 1, kTimeoutMs);
    }

    // Quit ends the share with HostEnded for every viewer before Baton goes.
    void quitTellsEveryViewer()
    {
        Fixture f(FloorPolicy::Ask);
        QVERIFY(f.share());
        const auto ana = f.join("Ana");
        QTRY_VERIFY_WITH_TIMEOUT(ana->isJoined(), kTimeoutMs);
        std::optional<net::CloseInfo> closed;
        connect(ana.get(), &ViewerSession::ended, this,
                [&closed](const net::CloseInfo &info) { closed = info; });
        QSignalSpy quit(&f.desktop, &ui::BatonDesktop::quitRequested);
        f.desktop.tray()->quitAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(closed.has_value(), kTimeoutMs);
        QCOMPARE(closed->reason, protocol::CloseReason::HostEnded);
        QCOMPARE(closed->origin, net::CloseInfo::Origin::Peer);
        QTRY_COMPARE_WITH_TIMEOUT(quit.size(), 1, kTimeoutMs);
    }

    // Help ▸ Getting started names the person's own panic shortcut.
    void gettingStartedNamesThePanicShortcut()
    {
        QTemporaryDir dir;
        QSettings store(dir.filePath(QStringLiteral("baton.conf")), QSettings::IniFormat);
        ui::AppSettings settings;
        settings.panicShortcut = QKeySequence(QStringLiteral("Ctrl+Alt+P"));
        ui::BatonDesktop desktop(store, settings, identity());
        desktop.window()->gettingStartedAction()->trigger();
        auto *dialog = desktop.window()->findChild<ui::GettingStartedDialog *>();
        QVERIFY(dialog);
        QVERIFY2(dialog->text().contains(settings.panicShortcut.toString(QKeySequence::NativeText)),
                 qPrintable(dialog->text()));
    }

    void autoPolicyNeverAsks()
    {
        Fixture f(FloorPolicy::Auto);
        QVERIFY(f.share());
        const auto cy = f.join("Cy");
        connect(cy.get(), &ViewerSession::joined, cy.get(), &ViewerSession::requestControl);
        QTRY_VERIFY_WITH_TIMEOUT(cy->holdsFloor(), kTimeoutMs);
        QCOMPARE(f.desktop.controlRequests()->count(), 0);
    }
};

QTEST_MAIN(TestBatonDesktop)
#include "tst_batondesktop.moc"
