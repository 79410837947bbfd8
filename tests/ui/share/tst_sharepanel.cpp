// The Share panel against a real in-process HostSession and real ViewerSessions over
// loopback TLS, on the offscreen platform: it shares a widget of the test's own, as the
// demo does, and the viewers join through the link the panel shows.

#include "core/session/HostSession.h"
#include "core/viewer/ViewerSession.h"
#include "tests/core/net/TestCertificateAuthority.h"
#include "ui/capture/WidgetWindowSource.h"
#include "ui/input/WidgetInputInjector.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/share/InviteView.h"
#include "ui/share/ParticipantsModel.h"
#include "ui/share/ParticipantsView.h"
#include "ui/share/QrCodeImage.h"
#include "ui/share/QrCodeWidget.h"
#include "ui/share/SharePanel.h"
#include "ui/share/SharedWindowFrame.h"
#include "ui/share/WindowPicker.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <qrencode.h>

#include <memory>

using namespace baton;
using namespace baton::ui;
using State = ParticipantsModel::State;

namespace {

constexpr int kTimeoutMs = 15000;

const net::CertificateStore::Identity &identity()
{
    static const auto generated = net::CertificateStore::generate(QStringLiteral("test"));
    return *generated;
}

// The window the host shares: something to look at.
std::unique_ptr<QWidget> makeSharedWidget()
{
    auto widget = std::make_unique<QLabel>(QStringLiteral("The shared window"));
    widget->setWindowTitle(QStringLiteral("Shared test window"));
    widget->setGeometry(200, 150, 320, 200);
    widget->show();
    return widget;
}

struct Fixture {
    explicit Fixture(FloorPolicy policy = FloorPolicy::Ask)
    {
        settings.defaultPort = 0; // a free port
        settings.displayName = QStringLiteral("Host");
        settings.policy = policy;
        panel = std::make_unique<SharePanel>(settings, identity());
        panel->resize(1000, 700);
        panel->show();
        shared = makeSharedWidget();
    }

    bool start(QString *error = nullptr)
    {
        return panel->startSharing(std::make_unique<WidgetWindowSource>(shared.get()),
                                   std::make_unique<WidgetInputInjector>(shared.get()), nullptr,
                                   error);
    }

    // A viewer joining through the panel's link (over loopback: the link names this
    // machine's LAN address, which a test box may not have).
    std::unique_ptr<ViewerSession> join(const char *name)
    {
        InviteLink link = *panel->inviteLink();
        link.host = QStringLiteral("127.0.0.1");
        net::ViewerOptions options;
        options.displayName = name;
        auto viewer = std::make_unique<ViewerSession>(link, options);
        viewer->start();
        return viewer;
    }

    State stateOf(const ViewerSession &viewer) const
    {
        return panel->participantsModel()->stateOf(viewer.userId());
    }

    QString cell(const ViewerSession &viewer, int column) const
    {
        const ParticipantsModel *model = panel->participantsModel();
        return model->index(model->rowOf(viewer.userId()), column).data().toString();
    }

    AppSettings settings;
    std::unique_ptr<SharePanel> panel;
    std::unique_ptr<QWidget> shared;
};

} // namespace

class TestSharePanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(!identity().fingerprint.isEmpty()); }

    void startAndStopEnableTheRightControls()
    {
        Fixture f;
        SharePanel &panel = *f.panel;
        QSignalSpy sharing(&panel, &SharePanel::sharingChanged);
        // Offscreen, no backend can list windows, and the panel says why.
        QLabel *listStatus = nullptr;
        for (QLabel *label : panel.windowPicker()->findChildren<QLabel *>())
            if (label->accessibleName() == WindowPicker::tr("Window list status"))
                listStatus = label;
        QVERIFY(listStatus);
        QTRY_VERIFY(listStatus->text().contains(QStringLiteral("x11:")));
        // Nothing chosen in the (here empty) window list: nothing to start.
        QVERIFY(!panel.startButton()->isEnabled());
        QVERIFY(!panel.stopButton()->isEnabled());
        QVERIFY(!panel.inviteView()->copyButton()->isEnabled());
        QVERIFY(panel.inviteView()->linkField()->text().isEmpty());
        QVERIFY(!panel.sharedWindowFrame()->isShown());
        QVERIFY(!panel.inviteLink());
        // Nothing shared: the invite says what to do, the participants who will appear.
        QLabel *hint = panel.inviteView()->hintLabel();
        QVERIFY(hint->isVisibleTo(&panel));
        QVERIFY2(hint->text().contains(panel.startButton()->text().remove(QLatin1Char('&'))),
                 qPrintable(hint->text()));
        QLabel *empty = panel.participantsView()->emptyLabel();
        QVERIFY(empty->isVisibleTo(&panel));
        QVERIFY2(empty->text().contains(QStringLiteral("invite link")), qPrintable(empty->text()));
        const QString notSharing = empty->text();

        QString error;
        QVERIFY2(f.start(&error), qPrintable(error));
        // The demo's own widget is a window alone; its own input: nothing to say about
        // control.
        QCOMPARE(panel.statusLabel()->text(),
                 QStringLiteral("Sharing the window “Shared test window” only."));
        QVERIFY(!hint->isVisibleTo(&panel));
        QVERIFY(empty->isVisibleTo(&panel));
        QVERIFY(empty->text() != notSharing); // nobody yet, and how to change that
        QVERIFY(panel.isSharing() && panel.session()->isRunning());
        QCOMPARE(sharing.size(), 1);
        QCOMPARE(sharing.first().at(0).toBool(), true);
        QCOMPARE(sharing.first().at(1).toString(), QStringLiteral("Shared test window"));
        QVERIFY(!panel.startButton()->isEnabled());
        QVERIFY(panel.stopButton()->isEnabled());
        QVERIFY(panel.inviteView()->copyButton()->isEnabled());
        QVERIFY(!panel.participantsView()->takeBackButton()->isEnabled()); // the host holds it

        // The invite: the session's own link, its port and passcode.
        const InviteLink link = panel.session()->inviteLink();
        QCOMPARE(panel.inviteLink()->toString(), link.toString());
        QCOMPARE(panel.inviteView()->linkField()->text(), link.toString());
        QVERIFY(panel.inviteView()->linkField()->isReadOnly());
        QCOMPARE(link.port, panel.session()->port());
        QCOMPARE(panel.inviteView()->portLabel()->text(), QString::number(link.port));
        QCOMPARE(link.passcode.size(), 6);
        QCOMPARE(panel.inviteView()->passcodeLabel()->text(), link.passcode);
        QCOMPARE(panel.inviteView()->qrCode()->text(), link.toString());
        // Its web form, copied with its own button, and what a browser will say about the
        // host's own certificate, with the fingerprint to compare.
        QCOMPARE(panel.inviteView()->webLinkField()->text(), link.toWebString());
        QVERIFY(panel.inviteView()->webLinkField()->isReadOnly());
        QTest::mouseClick(panel.inviteView()->copyWebButton(), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), link.toWebString());
        QTest::mouseClick(panel.inviteView()->copyButton(), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), link.toString());
        const QString webHint = panel.inviteView()->webHintLabel()->text();
        QVERIFY2(webHint.contains(QStringLiteral("warn")) &&
                     webHint.contains(SettingsDialog::fingerprintText(link.fingerprint)),
                 qPrintable(webHint));
        QVERIFY(panel.inviteView()->webHintLabel()->isVisibleTo(&panel));

        // The frame sits just outside the shared window.
        QVERIFY(panel.sharedWindowFrame()->isShown());
        QCOMPARE(panel.sharedWindowFrame()->around(), f.shared->geometry());
        const QList<QRect> edges = panel.sharedWindowFrame()->edgeGeometries();
        for (const QRect &edge : edges)
            QVERIFY(!edge.intersects(f.shared->geometry()));
        QCOMPARE(edges[0].bottom() + 1, f.shared->geometry().top());
        // It follows the window.
        f.shared->move(260, 180);
        QTRY_COMPARE(panel.sharedWindowFrame()->around(), f.shared->geometry());
        QVERIFY(f.shared->geometry().x() >= 260);

        // One share at a time.
        QVERIFY(!f.start(&error));
        QVERIFY(!error.isEmpty());

        panel.stopSharing();
        QCOMPARE(sharing.size(), 2);
        QCOMPARE(sharing.last().at(0).toBool(), false);
        QVERIFY(!panel.isSharing() && !panel.session());
        QVERIFY(!panel.stopButton()->isEnabled());
        QVERIFY(!panel.inviteView()->copyButton()->isEnabled());
        QVERIFY(!panel.inviteView()->copyWebButton()->isEnabled());
        QVERIFY(panel.inviteView()->linkField()->text().isEmpty());
        QVERIFY(panel.inviteView()->webLinkField()->text().isEmpty());
        QVERIFY(!panel.inviteView()->webHintLabel()->isVisibleTo(&panel));
        QVERIFY(!panel.sharedWindowFrame()->isShown());
        QVERIFY(panel.statusLabel()->text().contains(QStringLiteral("ended")));
        QVERIFY(hint->isVisibleTo(&panel));
        QCOMPARE(empty->text(), notSharing);

        // And again.
        QVERIFY2(f.start(&error), qPrintable(error));
        QVERIFY(panel.stopButton()->isEnabled());
    }

    // The check box says whether a window picked from the list is shared with its
    // application's menus and dialogs: on by default, kept in the settings, fixed while
    // sharing.
    void includeMenusAndDialogsIsASetting()
    {
        Fixture f;
        QCheckBox *include = f.panel->includeApplicationBox();
        QVERIFY(include->isChecked());
        QCOMPARE(f.settings.shareScope, ShareScope::Application);
        QVERIFY(include->isEnabled());
        QSignalSpy changed(f.panel.get(), &SharePanel::settingsChanged);

        include->click();
        QCOMPARE(f.settings.shareScope, ShareScope::Window);
        QCOMPARE(changed.size(), 1);
        include->click();
        QCOMPARE(f.settings.shareScope, ShareScope::Application);
        QCOMPARE(changed.size(), 2);

        // Stored and read back, as the application does between runs.
        QTemporaryDir dir;
        QSettings store(dir.filePath(QStringLiteral("baton.ini")), QSettings::IniFormat);
        f.settings.shareScope = ShareScope::Window;
        f.settings.save(store);
        QCOMPARE(AppSettings::load(store).shareScope, ShareScope::Window);
        f.panel->reloadSettings();
        QVERIFY(!include->isChecked());
        QCOMPARE(changed.size(), 2); // showing the stored choice is no new choice

        QVERIFY(f.start());
        QVERIFY(!include->isEnabled());
        f.panel->stopSharing();
        QVERIFY(include->isEnabled());
    }

    void takenPortFallsBackToAFreeOne()
    {
        QTcpServer other;
        QVERIFY(other.listen(QHostAddress::Any));
        Fixture f;
        f.settings.defaultPort = other.serverPort();
        QString error;
        QVERIFY2(f.start(&error), qPrintable(error));
        QVERIFY(f.panel->session()->port() != other.serverPort());
        QCOMPARE(f.panel->inviteLink()->port, f.panel->session()->port());
        QVERIFY(f.panel->statusLabel()->text().contains(QString::number(other.serverPort())));
        auto viewer = f.join("Fay");
        QTRY_VERIFY_WITH_TIMEOUT(viewer->isJoined(), kTimeoutMs);
    }

    void viewerAppearsAndApproveGrantsControl()
    {
        Fixture f(FloorPolicy::Ask);
        SharePanel &panel = *f.panel;
        QVERIFY(f.start());
        QSignalSpy requested(&panel, &SharePanel::controlRequested);
        QSignalSpy withdrawn(&panel, &SharePanel::controlRequestWithdrawn);
        auto viewer = f.join("Ana");
        QTRY_VERIFY_WITH_TIMEOUT(viewer->isJoined(), kTimeoutMs);
        ParticipantsModel *model = panel.participantsModel();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, kTimeoutMs);
        QVERIFY(!panel.participantsView()->emptyLabel()->isVisibleTo(&panel));
        QCOMPARE(f.cell(*viewer, ParticipantsModel::NameColumn), QStringLiteral("Ana"));
        QCOMPARE(f.cell(*viewer, ParticipantsModel::AddressColumn), QStringLiteral("127.0.0.1"));
        QCOMPARE(f.stateOf(*viewer), State::Viewing);
        QCOMPARE(f.cell(*viewer, ParticipantsModel::StateColumn),
                 ParticipantsModel::stateName(State::Viewing));

        ParticipantsView *view = panel.participantsView();
        view->selectUser(viewer->userId());
        QCOMPARE(view->selectedUserId(), std::optional<uint16_t>(viewer->userId()));
        QVERIFY(!view->grantButton()->isEnabled());
        QVERIFY(view->passButton()->isEnabled());
        QVERIFY(view->removeButton()->isEnabled());

        viewer->requestControl();
        QTRY_COMPARE_WITH_TIMEOUT(requested.size(), 1, kTimeoutMs);
        QCOMPARE(requested.first().at(0).value<uint16_t>(), viewer->userId());
        QCOMPARE(requested.first().at(1).toString(), QStringLiteral("Ana"));
        QCOMPARE(f.stateOf(*viewer), State::Requesting);
        QCOMPARE(f.cell(*viewer, ParticipantsModel::StateColumn),
                 ParticipantsModel::stateName(State::Requesting));
        QVERIFY(view->grantButton()->isEnabled());
        QVERIFY(view->denyButton()->isEnabled());

        panel.approve(viewer->userId());
        QTRY_VERIFY_WITH_TIMEOUT(viewer->holdsFloor(), kTimeoutMs);
        QCOMPARE(f.stateOf(*viewer), State::InControl);
        QCOMPARE(withdrawn.size(), 1);
        QVERIFY(view->revokeButton()->isEnabled());
        QVERIFY(view->takeBackButton()->isEnabled());
        QVERIFY(!view->grantButton()->isEnabled());

        // Revoke from the participant's row.
        view->revokeButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!viewer->holdsFloor(), kTimeoutMs);
        QCOMPARE(f.stateOf(*viewer), State::Viewing);
        QVERIFY(!view->takeBackButton()->isEnabled());

        // Asked again and denied with the button: the viewer hears it.
        QSignalSpy decision(viewer.get(), &ViewerSession::floorDecision);
        viewer->requestControl();
        QTRY_COMPARE_WITH_TIMEOUT(requested.size(), 2, kTimeoutMs);
        QTRY_VERIFY(view->denyButton()->isEnabled());
        view->denyButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(decision.begin(), decision.end(),
                        [](const QList<QVariant> &args) {
                            return args.at(0).value<protocol::FloorDecision>() ==
                                protocol::FloorDecision::Denied;
                        }),
            kTimeoutMs);
        QCOMPARE(f.stateOf(*viewer), State::Viewing);
        QCOMPARE(withdrawn.size(), 2);
    }

    void linkQualityIsMeasured()
    {
        Fixture f;
        QVERIFY(f.start());
        auto viewer = f.join("Ben");
        QTRY_VERIFY_WITH_TIMEOUT(!viewer->framebuffer().isNull(), kTimeoutMs);
        ParticipantsModel *model = f.panel->participantsModel();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, kTimeoutMs);
        // The first picture was acknowledged: its round trip is the delay shown.
        QTRY_VERIFY_WITH_TIMEOUT(
            f.panel->session()->broadcaster().stats(viewer->userId()).bytesAcked > 0, kTimeoutMs);
        const auto roundTrip =
            f.panel->session()->broadcaster().stats(viewer->userId()).lastRoundTrip;
        QCOMPARE(f.cell(*viewer, ParticipantsModel::DelayColumn),
                 QStringLiteral("%1 ms").arg(roundTrip.count()));
        // Bandwidth after two samples, from what the viewer acknowledged.
        QTRY_VERIFY_WITH_TIMEOUT(model->bytesPerSecond(viewer->userId()) >= 0, kTimeoutMs);
        QVERIFY(f.cell(*viewer, ParticipantsModel::BandwidthColumn).endsWith(QStringLiteral("/s")));
    }

    void policyAppliesLiveAndTakeBackRevokes()
    {
        Fixture f(FloorPolicy::Ask);
        QVERIFY(f.start());
        QCOMPARE(f.panel->session()->floor().floor().policy(), FloorPolicy::Ask);
        QComboBox *policy = f.panel->participantsView()->policyBox();
        policy->setCurrentIndex(policy->findData(int(FloorPolicy::Auto)));
        QCOMPARE(f.panel->session()->floor().floor().policy(), FloorPolicy::Auto);
        QCOMPARE(f.settings.policy, FloorPolicy::Auto);

        auto viewer = f.join("Cem");
        QTRY_VERIFY_WITH_TIMEOUT(viewer->isJoined(), kTimeoutMs);
        viewer->requestControl(); // granted at once under auto
        QTRY_VERIFY_WITH_TIMEOUT(viewer->holdsFloor(), kTimeoutMs);
        QTRY_VERIFY(f.panel->participantsView()->takeBackButton()->isEnabled());
        QSignalSpy revoked(viewer.get(), &ViewerSession::floorRevoked);
        f.panel->participantsView()->takeBackButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(revoked.size(), 1, kTimeoutMs);
        QVERIFY(!viewer->holdsFloor());

        // The panic shortcut from the settings, pressed anywhere in the application.
        viewer->requestControl();
        QTRY_VERIFY_WITH_TIMEOUT(viewer->holdsFloor(), kTimeoutMs);
        f.panel->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(f.panel.get()));
        QTest::keySequence(f.panel->participantsView()->table(), f.settings.panicShortcut);
        QTRY_COMPARE_WITH_TIMEOUT(revoked.size(), 2, kTimeoutMs);

        viewer->requestControl();
        QTRY_VERIFY_WITH_TIMEOUT(viewer->holdsFloor(), kTimeoutMs);
        f.panel->takeBack();
        QTRY_COMPARE_WITH_TIMEOUT(revoked.size(), 3, kTimeoutMs);

        // Settings edited elsewhere (the Settings dialog) reach the running share.
        f.settings.policy = FloorPolicy::Collaborate;
        f.settings.panicShortcut = QKeySequence(QStringLiteral("Ctrl+F12"));
        f.panel->reloadSettings();
        QCOMPARE(policy->currentData().toInt(), int(FloorPolicy::Collaborate));
        QCOMPARE(f.panel->session()->floor().floor().policy(), FloorPolicy::Collaborate);
        viewer->requestControl(); // collaborate: taken at once, the floor being free
        QTRY_VERIFY_WITH_TIMEOUT(viewer->holdsFloor(), kTimeoutMs);
        QTest::keySequence(f.panel->participantsView()->table(), f.settings.panicShortcut);
        QTRY_COMPARE_WITH_TIMEOUT(revoked.size(), 4, kTimeoutMs);
    }

    void passToAndRemove()
    {
        Fixture f(FloorPolicy::Ask);
        QVERIFY(f.start());
        auto a = f.join("Dee");
        auto b = f.join("Eli");
        QTRY_VERIFY_WITH_TIMEOUT(a->isJoined() && b->isJoined(), kTimeoutMs);
        ParticipantsModel *model = f.panel->participantsModel();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, kTimeoutMs);
        ParticipantsView *view = f.panel->participantsView();

        // Passing to someone who did not ask is an offer they accept.
        QSignalSpy offered(b.get(), &ViewerSession::controlOffered);
        view->selectUser(b->userId());
        view->passButton()->click();
        QCOMPARE(f.stateOf(*b), State::Offered);
        QTRY_COMPARE_WITH_TIMEOUT(offered.size(), 1, kTimeoutMs);
        b->requestControl();
        QTRY_VERIFY_WITH_TIMEOUT(b->holdsFloor(), kTimeoutMs);
        QCOMPARE(f.stateOf(*b), State::InControl);

        // Removed: told why, gone from the list; the other viewer stays.
        QSignalSpy ended(b.get(), &ViewerSession::ended);
        QTRY_VERIFY(view->removeButton()->isEnabled());
        view->removeButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, kTimeoutMs);
        QCOMPARE(ended.first().at(0).value<net::CloseInfo>().reason, protocol::CloseReason::Kicked);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, kTimeoutMs);
        QCOMPARE(model->userIdAt(0), a->userId());
        QVERIFY(a->isJoined());
        QTRY_VERIFY_WITH_TIMEOUT(a->floorHolder() == protocol::kHostUserId, kTimeoutMs);
    }

    void qrCodeEncodesTheLink()
    {
        Fixture f;
        QVERIFY(f.start());
        const QByteArray link = f.panel->inviteLink()->toString().toUtf8();
        const QrCodeImage &code = f.panel->inviteView()->qrCode()->code();
        QVERIFY(!code.isNull());

        // The same symbol libqrencode makes for the link, module by module.
        QRcode *reference = QRcode_encodeData(
            int(link.size()), reinterpret_cast<const unsigned char *>(link.constData()), 0,
            QR_ECLEVEL_M);
        QVERIFY(reference);
        QCOMPARE(code.moduleCount(), reference->width);
        int mismatches = 0;
        for (int y = 0; y < reference->width; ++y)
            for (int x = 0; x < reference->width; ++x)
                mismatches +=
                    code.isDark(x, y) != ((reference->data[y * reference->width + x] & 1) != 0);
        QRcode_free(reference);
        QCOMPARE(mismatches, 0);

        // Square, quiet zone white, finder pattern black at its corner.
        const int modulePx = 3;
        const QImage image = code.toImage(modulePx);
        const int side = (code.moduleCount() + 2 * QrCodeImage::kQuietZoneModules) * modulePx;
        QCOMPARE(image.size(), QSize(side, side));
        QCOMPARE(QColor(image.pixel(0, 0)), QColor(Qt::white));
        const int corner = QrCodeImage::kQuietZoneModules * modulePx + 1;
        QCOMPARE(QColor(image.pixel(corner, corner)), QColor(Qt::black));
        int dark = 0;
        for (int y = 0; y < side; ++y)
            for (int x = 0; x < side; ++x)
                dark += qGray(image.pixel(x, y)) < 128;
        QVERIFY(dark > side * side / 5 && dark < side * side * 4 / 5);

        // What the widget paints is that image, as large as fits.
        QWidget *qr = f.panel->inviteView()->qrCode();
        const QImage painted = qr->grab().toImage();
        QVERIFY(!painted.isNull());
        int paintedDark = 0;
        for (int y = 0; y < painted.height(); ++y)
            for (int x = 0; x < painted.width(); ++x)
                paintedDark += qGray(painted.pixel(x, y)) < 128;
        QVERIFY(paintedDark > 0);
    }

    // The QR code carries the link the person chose, and the choice is kept in the
    // settings for the next share and the next start.
    void qrCodeShowsTheChosenLink()
    {
        Fixture f;
        QVERIFY(f.start());
        InviteView *invite = f.panel->inviteView();
        const InviteLink link = *f.panel->inviteLink();
        QCOMPARE(invite->qrForm(), InviteForm::Native);
        QCOMPARE(invite->qrCode()->text(), link.toString());
        QSignalSpy changed(f.panel.get(), &SharePanel::settingsChanged);
        invite->qrFormBox()->setCurrentIndex(invite->qrFormBox()->findData(int(InviteForm::Web)));
        QCOMPARE(invite->qrCode()->text(), link.toWebString());
        QCOMPARE(f.settings.qrCodeForm, InviteForm::Web);
        QCOMPARE(changed.size(), 1);

        f.panel->stopSharing();
        auto again = std::make_unique<SharePanel>(f.settings, identity());
        QCOMPARE(again->inviteView()->qrForm(), InviteForm::Web);
        QVERIFY(again->startSharing(std::make_unique<WidgetWindowSource>(f.shared.get()), nullptr,
                                    nullptr));
        QCOMPARE(again->inviteView()->qrCode()->text(), again->inviteLink()->toWebString());
        again->stopSharing();
    }

    // A certificate from a CA in the settings: the next share uses it (the links pin it
    // and a viewer joins), the hint says browsers trust it; an unusable one stops the
    // share from starting, with the file named.
    void caCertificateFromTheSettings()
    {
        QTemporaryDir dir;
        test::TestCertificateAuthority ca(dir.path());
        QVERIFY2(ca.isValid(), qPrintable(ca.error()));
        const auto issued =
            ca.issue(QStringLiteral("host"), test::TestCertificateAuthority::KeyType::Ec);
        const auto expired =
            ca.issue(QStringLiteral("expired"), test::TestCertificateAuthority::KeyType::Ec, -1);
        QVERIFY2(issued && expired, qPrintable(ca.error()));
        const auto loaded =
            net::CertificateStore::loadFromFiles(issued->chainPath, issued->keyPath);
        QVERIFY(loaded);

        Fixture f;
        f.settings.tlsCertificatePath = expired->chainPath;
        f.settings.tlsKeyPath = expired->keyPath;
        QString error;
        QVERIFY(!f.start(&error));
        QVERIFY2(error.startsWith(expired->chainPath), qPrintable(error));
        QVERIFY2(f.panel->statusLabel()->text().contains(expired->chainPath),
                 qPrintable(f.panel->statusLabel()->text()));

        f.settings.tlsCertificatePath = issued->chainPath;
        f.settings.tlsKeyPath = issued->keyPath;
        QVERIFY2(f.start(&error), qPrintable(error));
        QCOMPARE(f.panel->inviteLink()->fingerprint, loaded->fingerprint);
        const QString webHint = f.panel->inviteView()->webHintLabel()->text();
        QVERIFY2(webHint.contains(QStringLiteral("trust")) &&
                     webHint.contains(SettingsDialog::fingerprintText(loaded->fingerprint)),
                 qPrintable(webHint));
        const auto viewer = f.join("pinned");
        QTRY_VERIFY_WITH_TIMEOUT(viewer->isJoined(), kTimeoutMs);
    }

    void accessibleNamesAndMnemonics()
    {
        Fixture f;
        const QList<QWidget *> widgets = f.panel->findChildren<QWidget *>();
        for (QWidget *widget : widgets) {
            if (widget->focusPolicy() == Qt::NoFocus || !widget->isVisibleTo(f.panel.get()))
                continue;
            if (qobject_cast<QPushButton *>(widget) || qobject_cast<QLineEdit *>(widget) ||
                qobject_cast<QComboBox *>(widget) || qobject_cast<QTableView *>(widget))
                QVERIFY2(!widget->accessibleName().isEmpty(),
                         qPrintable(widget->metaObject()->className()));
        }
        QVERIFY(f.panel->startButton()->text().contains(QLatin1Char('&')));
        QVERIFY(f.panel->stopButton()->text().contains(QLatin1Char('&')));
    }
};

QTEST_MAIN(TestSharePanel)
#include "tst_sharepanel.moc"
