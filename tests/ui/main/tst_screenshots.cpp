// The desktop application as a person sees it, under Xvfb: the main window as it first
// opens (nothing shared), the main window with each panel while the demo is shared and its
// viewer holds control (the Displays panel connected to a real `baton-cli agent` on this
// X server), a second viewer's request popping up (and Approve handing it the floor), and
// the settings dialog. Each picture is checked to be a real one; with
// BATON_WRITE_SCREENSHOTS=1 they are written to docs/screenshots/ for the README,
// otherwise to a temporary directory.

#include "core/net/CertificateStore.h"
#include "core/protocol/HandshakePdus.h"
#include "core/session/HostSession.h"
#include "core/viewer/ViewerSession.h"
#include "ui/capture/WidgetWindowSource.h"
#include "ui/demo/DemoWindow.h"
#include "ui/join/JoinPanel.h"
#include "ui/main/BatonDesktop.h"
#include "ui/main/DemoStory.h"
#include "ui/main/MainWindow.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/share/SharePanel.h"
#include "ui/tray/ControlRequestPopup.h"
#include "ui/tray/ControlRequests.h"
#include "ui/viewer/ViewerStatusBanner.h"
#include "ui/viewer/ViewerWidget.h"
#include "ui/viewer/ViewerWindow.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSet>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

#include <csignal>
#include <memory>
#include <sys/prctl.h>
#include <utility>
#include <vector>

using namespace baton;

namespace {

constexpr int kTimeoutMs = 30000;
const QByteArray kAgentSecret = "correct horse battery staple";

// A picture, not an empty window: many distinct colours.
int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

} // namespace

class TestScreenshots : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY"))
            QFAIL("needs an X server: run under xvfb-run (tools/dev test does)");
        QVERIFY(temp_.isValid());
        outDir_ = qEnvironmentVariable("BATON_WRITE_SCREENSHOTS") == u"1"
            ? QStringLiteral(BATON_SOURCE_DIR "/docs/screenshots")
            : temp_.path();
        QVERIFY(QDir().mkpath(outDir_));
        // As the application starts: its icon, its (English) texts.
        QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/baton.svg")));
        QApplication::setApplicationDisplayName(QStringLiteral("Baton"));
        QVERIFY(ui::BatonDesktop::loadTranslations(translator_));
        QApplication::installTranslator(&translator_);

        // Other applications on the desktop, as a person sharing would have: the Share
        // panel lists them with their thumbnails.
        for (const auto &[title, geometry] : {std::pair{"Release notes - vim", "90x30+1100+60"},
                                              std::pair{"build - bash", "80x20+1150+560"}}) {
            auto xterm = std::make_unique<QProcess>();
            xterm->start(QStringLiteral("xterm"),
                         {QStringLiteral("-T"), QString::fromUtf8(title),
                          QStringLiteral("-geometry"), QString::fromLatin1(geometry),
                          QStringLiteral("-e"), QStringLiteral("sh"), QStringLiteral("-c"),
                          QStringLiteral("ls -l /usr/share/doc | head -60; exec sleep 600")});
            QVERIFY(xterm->waitForStarted(5000));
            others_.push_back(std::move(xterm));
        }
        startAgent();
    }

    void cleanupTestCase()
    {
        for (const auto &process : others_) {
            process->kill();
            process->waitForFinished(5000);
        }
    }

    // What a person sees first: the Share panel, the windows they could share, nothing
    // shared and the panel saying what to do.
    void firstLaunch()
    {
        QSettings store(temp_.filePath(QStringLiteral("first.conf")), QSettings::IniFormat);
        ui::AppSettings settings;
        settings.defaultPort = 0;
        const auto identity = net::CertificateStore::generate(QStringLiteral("first"));
        QVERIFY(identity);
        ui::BatonDesktop desktop(store, settings, *identity);
        QVERIFY(showWithOtherWindows(desktop));
        ui::MainWindow *window = desktop.window();
        QCOMPARE(window->currentPanel(), 0);
        QVERIFY(!desktop.sharePanel()->isSharing());
        save(window->grab(), QStringLiteral("first-launch.png"));
    }

    // An invite link without its passcode, opened as `baton LINK` does: the viewer window
    // asks for the passcode in its message bar, then shows the shared window.
    void joinFromALink()
    {
        QSettings store(temp_.filePath(QStringLiteral("join.conf")), QSettings::IniFormat);
        ui::AppSettings settings;
        settings.displayName = QStringLiteral("Bea");
        const auto viewerIdentity = net::CertificateStore::generate(QStringLiteral("Bea"));
        const auto hostIdentity = net::CertificateStore::generate(QStringLiteral("Ana"));
        QVERIFY(viewerIdentity && hostIdentity);
        demo::DemoWindow shared(demo::DemoWindow::kDefaultSeed);
        shared.setAnimated(false);
        shared.show();
        QVERIFY(QTest::qWaitForWindowExposed(&shared));
        HostSessionConfig config = loopbackConfig("d3f1c2a9", "Ana");
        config.listener.policy.passcode = "482913";
        HostSession host(std::make_unique<WidgetWindowSource>(&shared), *hostIdentity,
                         std::move(config));
        QString error;
        QVERIFY2(host.start(&error), qPrintable(error));
        InviteLink link = host.inviteLink();
        link.passcode.clear(); // sent apart, as a careful host does

        ui::BatonDesktop desktop(store, settings, *viewerIdentity);
        QCOMPARE(desktop.openLink(link.toString()), QString());
        ui::ViewerWindow *viewer = desktop.joinPanel()->windows().constFirst();
        viewer->resize(shared.size() + QSize(40, 120));
        QTRY_VERIFY_WITH_TIMEOUT(viewer->banner()->passcodeField() &&
                                     viewer->banner()->passcodeField()->isVisible(),
                                 kTimeoutMs);
        QVERIFY(QTest::qWaitForWindowExposed(viewer));
        QTest::keyClicks(viewer->banner()->passcodeField(), QStringLiteral("482913"));
        save(viewer->grab(), QStringLiteral("join-passcode.png"), 8);
        QTest::keyClick(viewer->banner()->passcodeField(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->session() && viewer->session()->isJoined() &&
                                     !viewer->canvas()->image().isNull(),
                                 kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(host.viewerCount(), 1, kTimeoutMs);
        save(viewer->grab(), QStringLiteral("join-viewer.png"));
        shared.hide();
    }

    void mainWindowWithEachPanel()
    {
        QSettings store(temp_.filePath(QStringLiteral("baton.conf")), QSettings::IniFormat);
        ui::AppSettings settings;
        settings.displayName = QStringLiteral("Ana");
        settings.defaultPort = 0; // any free port: tests run side by side
        QString error;
        const auto identity = net::CertificateStore::generate(QStringLiteral("Ana"), &error);
        QVERIFY2(identity, qPrintable(error));

        ui::BatonDesktop desktop(store, settings, *identity);
        QVERIFY(showWithOtherWindows(desktop));
        ui::MainWindow *window = desktop.window();
        // The room machine's agent, added by address: its displays are listed.
        QWidget *displays = window->panel(2);
        displays->findChild<QLineEdit *>(QStringLiteral("agentAddress"))
            ->setText(QStringLiteral("127.0.0.1:%1").arg(agentPort_));
        displays->findChild<QLineEdit *>(QStringLiteral("agentSecret"))
            ->setText(QString::fromUtf8(kAgentSecret));
        displays->findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        auto *agents = displays->findChild<QTreeView *>(QStringLiteral("agentTree"));
        QVERIFY(agents);
        QTRY_VERIFY_WITH_TIMEOUT(agents->model()->rowCount() == 1 &&
                                     agents->model()->rowCount(agents->model()->index(0, 0)) > 0,
                                 kTimeoutMs);
        agents->setCurrentIndex(agents->model()->index(0, 0, agents->model()->index(0, 0)));

        ui::DemoStory story(desktop.sharePanel(), demo::DemoWindow::kDefaultSeed);
        story.demoWindow()->setAnimated(false);
        bool inControl = false;
        connect(&story, &ui::DemoStory::viewerInControl, this, [&inControl] { inControl = true; });
        QVERIFY2(story.start(true, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(inControl, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(window->sharingStatus().contains(QLatin1String("has control")),
                                 kTimeoutMs);
        QVERIFY(window->sharingStatus().contains(QLatin1String("Demo viewer")));
        QCOMPARE(desktop.controlRequests()->count(), 0); // the demo's own request settled

        // A second viewer asks: the notification pops up, Approve passes the floor.
        net::ViewerOptions options;
        options.displayName = "Bea";
        options.featureFlags = protocol::HelloPdu::kFeatureInput;
        ViewerSession bea(*desktop.sharePanel()->inviteLink(), options);
        connect(&bea, &ViewerSession::joined, &bea, &ViewerSession::requestControl);
        bea.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            bea.userId() != 0 && desktop.controlRequests()->popup(bea.userId()), kTimeoutMs);
        ui::ControlRequestPopup *popup = desktop.controlRequests()->popup(bea.userId());
        QVERIFY(QTest::qWaitForWindowExposed(popup));
        save(popup->grab(), QStringLiteral("control-request.png"));

        for (int panel = 0; panel < window->panelCount(); ++panel) {
            window->setCurrentPanel(panel);
            QCoreApplication::processEvents();
            const QString name = window->sidebar()->item(panel)->text().toLower();
            save(window->grab(), QStringLiteral("main-%1.png").arg(name));
        }
        window->setCurrentPanel(0);
        save(story.viewerWindow()->grab(), QStringLiteral("viewer.png"));

        popup->approveButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(bea.holdsFloor(), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(desktop.controlRequests()->count(), 0, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(window->sharingStatus().contains(QLatin1String("Bea has control")),
                                 kTimeoutMs);

        ui::SettingsDialog dialog(
            desktop.settings(), ui::SettingsDialog::fingerprintText(identity->fingerprint), window);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        save(dialog.grab(), QStringLiteral("settings.png"));
        dialog.reject();
    }

private:
    // Shows the main window and waits until the Share panel lists the other applications
    // with their thumbnails.
    static bool showWithOtherWindows(ui::BatonDesktop &desktop)
    {
        desktop.showWindow();
        ui::MainWindow *window = desktop.window();
        return QTest::qWaitForWindowExposed(window) &&
            QTest::qWaitFor(
                   [window] {
                       return listed(window, QStringLiteral("Release notes")) &&
                           listed(window, QStringLiteral("build - bash"));
                   },
                   kTimeoutMs);
    }

    // The window list of the Share panel shows title, with its thumbnail.
    static bool listed(ui::MainWindow *window, const QString &title)
    {
        auto *windowList =
            window->findChild<QAbstractItemView *>(QStringLiteral("shareableWindows"));
        if (!windowList)
            return false;
        const QAbstractItemModel *model = windowList->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data().toString().contains(title))
                return index.data(Qt::DecorationRole).isValid();
        }
        return false;
    }

    // A real display agent of this X server, as a room machine runs it, on loopback.
    void startAgent()
    {
        const QString secrets = temp_.filePath(QStringLiteral("agent-secrets"));
        QProcess setSecret;
        setSecret.start(QStringLiteral(BATON_CLI_EXE),
                        {QStringLiteral("agent"), QStringLiteral("--secret-file"), secrets,
                         QStringLiteral("--set-secret")});
        setSecret.write(kAgentSecret + '\n');
        setSecret.closeWriteChannel();
        QVERIFY(setSecret.waitForFinished(kTimeoutMs));
        QVERIFY2(setSecret.exitCode() == 0, setSecret.readAllStandardError().constData());
        QTcpServer probe; // a free port for it
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        agentPort_ = probe.serverPort();
        probe.close();
        auto agent = std::make_unique<QProcess>();
        agent->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        // Gone with the test even when the test crashes.
        agent->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        agent->start(QStringLiteral(BATON_CLI_EXE),
                     {QStringLiteral("agent"), QStringLiteral("--bind"),
                      QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                      QString::number(agentPort_), QStringLiteral("--no-udp"),
                      QStringLiteral("--no-ddc"), QStringLiteral("--name"),
                      QStringLiteral("Room 3"), QStringLiteral("--secret-file"), secrets,
                      QStringLiteral("--tls-dir"), temp_.filePath(QStringLiteral("agent-tls"))});
        QVERIFY(agent->waitForStarted(5000));
        others_.push_back(std::move(agent));
    }

    // minColours: a real picture, not an empty window.
    void save(const QPixmap &pixmap, const QString &name, int minColours = 20)
    {
        const QImage image = pixmap.toImage();
        QVERIFY2(!image.isNull(), qPrintable(name));
        QVERIFY2(
            distinctColours(image) > minColours,
            qPrintable(QStringLiteral("%1: %2 colours").arg(name).arg(distinctColours(image))));
        QVERIFY2(image.save(QDir(outDir_).filePath(name), "PNG"), qPrintable(name));
    }

    QTemporaryDir temp_;
    QString outDir_;
    std::vector<std::unique_ptr<QProcess>> others_; // xterms and the agent
    quint16 agentPort_ = 0;
    QTranslator translator_;
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
