// "Also let RDP clients join" in the Share panel, with the real `baton-cli rdp-gateway`: the
// panel shares a widget of the test's own (as the demo does) on the offscreen platform, the
// box starts the gateway, which joins the share over loopback and listens for RDP clients;
// the panel shows its address and password, unticking or ending the share stops it, and a
// gateway that cannot run or cannot join says why.

#include "core/session/HostSession.h"
#include "core/session/ShareLauncher.h"
#include "ui/capture/WidgetWindowSource.h"
#include "ui/share/ParticipantsModel.h"
#include "ui/share/RdpGatewayProcess.h"
#include "ui/share/RdpGatewayView.h"
#include "ui/share/SharePanel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace baton;
using namespace baton::ui;

namespace {

// The gateway starts FreeRDP and joins the share before it listens: generous, for CI's
// two busy cores.
constexpr int kTimeoutMs = 60000;

const net::CertificateStore::Identity &identity()
{
    static const auto generated = net::CertificateStore::generate(QStringLiteral("test"));
    return *generated;
}

// Whether something accepts TCP connections on this computer's port.
bool accepts(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(5000);
}

struct Fixture {
    Fixture()
    {
        settings.defaultPort = 0; // a free port
        settings.displayName = QStringLiteral("Host");
        panel = std::make_unique<SharePanel>(settings, identity());
        panel->resize(1000, 760);
        panel->show();
        shared = std::make_unique<QLabel>(QStringLiteral("The shared window"));
        shared->setWindowTitle(QStringLiteral("Shared test window"));
        shared->setGeometry(200, 150, 320, 200);
        shared->show();
        view()->setProgram(QStringLiteral(BATON_CLI_EXE));
    }

    bool start(QString *error)
    {
        return panel->startSharing(std::make_unique<WidgetWindowSource>(shared.get()), nullptr,
                                   nullptr, error);
    }

    RdpGatewayView *view() const { return panel->rdpGatewayView(); }

    // Ticks the box and waits until the gateway listens or fails.
    void tick()
    {
        view()->enableBox()->click();
        QVERIFY(view()->enableBox()->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(view()->addressField()->isVisibleTo(panel.get()) ||
                                     !view()->enableBox()->isChecked(),
                                 kTimeoutMs);
    }

    // The port of the address shown.
    quint16 shownPort() const { return quint16(QUrl(view()->addressField()->text()).port()); }

    AppSettings settings;
    std::unique_ptr<SharePanel> panel;
    std::unique_ptr<QLabel> shared;
};

} // namespace

class TestRdpGatewayView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(!identity().fingerprint.isEmpty());
        // The gateways keep their certificate here, not in the account's own settings.
        QVERIFY(config_.isValid());
        qputenv("XDG_CONFIG_HOME", config_.path().toLocal8Bit());
    }

    // Ticked during a share: the gateway joins it as a viewer and listens; the panel shows
    // where RDP clients go and their password, the share's passcode. Unticked: it leaves
    // the share and stops listening.
    void tickShowsTheAddressAndUntickStops()
    {
        Fixture f;
        RdpGatewayView *view = f.view();
        QCheckBox *box = view->enableBox();
        // Nothing shared: nothing to let RDP clients into.
        QVERIFY(box->isVisibleTo(f.panel.get()));
        QVERIFY(!box->isEnabled());
        QVERIFY(!view->addressField()->isVisibleTo(f.panel.get()));

        QString error;
        QVERIFY2(f.start(&error), qPrintable(error));
        QVERIFY(box->isEnabled());
        QVERIFY(!box->isChecked());
        QVERIFY(!view->gateway());

        const bool rdpPortFree = !ShareLauncher::isPortTaken(QHostAddress::Any, 3389);
        f.tick();
        QVERIFY2(box->isChecked(), qPrintable(view->statusLabel()->text()));
        const QString address = view->addressField()->text();
        const QUrl url(address);
        QVERIFY2(url.scheme() == QStringLiteral("rdp") && !url.host().isEmpty() && url.port() > 0,
                 qPrintable(address));
        if (rdpPortFree) {
            QCOMPARE(url.port(), 3389);
            QVERIFY(!view->statusLabel()->isVisibleTo(f.panel.get()));
        }
        QVERIFY(view->addressField()->isReadOnly());
        QCOMPARE(view->passwordLabel()->text(), f.panel->inviteLink()->passcode);
        QVERIFY(view->passwordLabel()->textInteractionFlags() & Qt::TextSelectableByMouse);
        QVERIFY2(view->certificateLabel()->text().contains(QStringLiteral("SHA-256")),
                 qPrintable(view->certificateLabel()->text()));
        QTest::mouseClick(view->copyButton(), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), address);
        // It listens there, and its viewer is in the share.
        QVERIFY(accepts(f.shownPort()));
        ParticipantsModel *roster = f.panel->participantsModel();
        QTRY_COMPARE_WITH_TIMEOUT(roster->rowCount(), 1, kTimeoutMs);
        QCOMPARE(roster->index(0, ParticipantsModel::NameColumn).data().toString(),
                 QStringLiteral("RDP gateway"));

        QPointer<RdpGatewayProcess> gateway = view->gateway();
        box->click();
        QVERIFY(!view->gateway());
        QVERIFY(!view->addressField()->isVisibleTo(f.panel.get()));
        QVERIFY(view->addressField()->text().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!gateway, kTimeoutMs); // it left, and was deleted
        QTRY_COMPARE_WITH_TIMEOUT(roster->rowCount(), 0, kTimeoutMs);
        QVERIFY(!accepts(f.shownPort()));
        QVERIFY(view->statusLabel()->text().isEmpty());
    }

    // The RDP port taken by another program: any free port, and the panel says so. Ending
    // the share stops the gateway.
    void takenPortAndEndOfShare()
    {
        QTcpServer other;
        const bool held = other.listen(QHostAddress::Any, 3389);
        QVERIFY(held || ShareLauncher::isPortTaken(QHostAddress::Any, 3389));
        Fixture f;
        QString error;
        QVERIFY2(f.start(&error), qPrintable(error));
        f.tick();
        QVERIFY2(f.view()->enableBox()->isChecked(), qPrintable(f.view()->statusLabel()->text()));
        QVERIFY(f.shownPort() != 3389);
        QVERIFY2(f.view()->statusLabel()->text().contains(QStringLiteral("3389")),
                 qPrintable(f.view()->statusLabel()->text()));
        QVERIFY(accepts(f.shownPort()));

        QPointer<RdpGatewayProcess> gateway = f.view()->gateway();
        f.panel->stopSharing();
        QVERIFY(!f.view()->enableBox()->isChecked());
        QVERIFY(!f.view()->enableBox()->isEnabled());
        QVERIFY(!f.view()->addressField()->isVisibleTo(f.panel.get()));
        QTRY_VERIFY_WITH_TIMEOUT(!gateway, kTimeoutMs);
        QVERIFY(!accepts(f.shownPort()));
    }

    // A gateway that does not run, and one the share turns away: the box unticks itself and
    // the panel says why.
    void failuresSayWhy()
    {
        Fixture f;
        QString error;
        QVERIFY2(f.start(&error), qPrintable(error));
        RdpGatewayView *view = f.view();

        const QString missing = QStringLiteral("/nonexistent/baton-cli");
        view->setProgram(missing);
        f.tick();
        QVERIFY(!view->enableBox()->isChecked());
        QVERIFY(!view->gateway());
        QVERIFY(!view->addressField()->isVisibleTo(f.panel.get()));
        QVERIFY(view->statusLabel()->isVisibleTo(f.panel.get()));
        QVERIFY2(view->statusLabel()->text().contains(missing),
                 qPrintable(view->statusLabel()->text()));

        // The real gateway with a wrong passcode: the host refuses its viewer, and the
        // gateway's own sentence is shown.
        view->setProgram(QStringLiteral(BATON_CLI_EXE));
        InviteLink wrong = *f.panel->inviteLink();
        wrong.passcode = wrong.passcode == QStringLiteral("000000") ? QStringLiteral("111111")
                                                                    : QStringLiteral("000000");
        view->setShare(wrong);
        f.tick();
        QVERIFY(!view->enableBox()->isChecked());
        const QString said = view->statusLabel()->text();
        QVERIFY2(said.startsWith(QStringLiteral("RDP clients cannot join: ")) &&
                     said.contains(QStringLiteral("passcode"), Qt::CaseInsensitive),
                 qPrintable(said));
        QCOMPARE(f.panel->participantsModel()->rowCount(), 0);

        // Ticked again with the right link, it runs: a failure leaves nothing behind.
        view->setShare(f.panel->inviteLink());
        f.tick();
        QVERIFY2(view->enableBox()->isChecked(), qPrintable(view->statusLabel()->text()));
        QVERIFY(!view->statusLabel()->isVisibleTo(f.panel.get()) ||
                view->statusLabel()->text().contains(QStringLiteral("3389")));
    }

private:
    QTemporaryDir config_;
};

QTEST_MAIN(TestRdpGatewayView)
#include "tst_rdpgatewayview.moc"
