// The desktop application as a person sees it, under Xvfb: the main window with each
// panel while the demo is shared and its viewer holds control, a second viewer's request
// popping up (and Approve handing it the floor), and the settings dialog. Each picture
// is checked to be a real one; with BATON_WRITE_SCREENSHOTS=1 they are written to
// docs/screenshots/ for the README, otherwise to a temporary directory.

#include "core/net/CertificateStore.h"
#include "core/protocol/HandshakePdus.h"
#include "core/session/HostSession.h"
#include "core/viewer/ViewerSession.h"
#include "ui/demo/DemoWindow.h"
#include "ui/main/BatonDesktop.h"
#include "ui/main/DemoStory.h"
#include "ui/main/MainWindow.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/share/SharePanel.h"
#include "ui/tray/ControlRequestPopup.h"
#include "ui/tray/ControlRequests.h"
#include "ui/viewer/ViewerWindow.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDir>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSet>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <memory>
#include <utility>
#include <vector>

using namespace baton;

namespace {

constexpr int kTimeoutMs = 30000;

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

        // Other applications on the desktop, as a person sharing would have: the Share
        // panel lists them with their thumbnails.
        std::vector<std::unique_ptr<QProcess>> others;
        for (const auto &[title, geometry] :
             {std::pair{"Release notes - vim", "90x30+1100+60"},
              std::pair{"build - bash", "80x20+1150+560"}}) {
            auto xterm = std::make_unique<QProcess>();
            xterm->start(QStringLiteral("xterm"),
                         {QStringLiteral("-T"), QString::fromUtf8(title), QStringLiteral("-geometry"),
                          QString::fromLatin1(geometry), QStringLiteral("-e"), QStringLiteral("sh"),
                          QStringLiteral("-c"),
                          QStringLiteral("ls -l /usr/share/doc | head -60; exec sleep 600")});
            QVERIFY(xterm->waitForStarted(5000));
            others.push_back(std::move(xterm));
        }
        const auto stopOthers = qScopeGuard([&others] {
            for (const auto &xterm : others) {
                xterm->kill();
                xterm->waitForFinished(5000);
            }
        });

        ui::BatonDesktop desktop(store, settings, *identity);
        desktop.showWindow();
        ui::MainWindow *window = desktop.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        auto *windowList = window->findChild<QAbstractItemView *>(QStringLiteral("shareableWindows"));
        QVERIFY(windowList);
        const auto listed = [windowList](const QString &title) {
            const QAbstractItemModel *model = windowList->model();
            for (int row = 0; row < model->rowCount(); ++row) {
                const QModelIndex index = model->index(row, 0);
                if (index.data().toString().contains(title))
                    return index.data(Qt::DecorationRole).isValid(); // with its thumbnail
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(listed(QStringLiteral("Release notes")) &&
                                     listed(QStringLiteral("build - bash")),
                                 kTimeoutMs);

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
    void save(const QPixmap &pixmap, const QString &name)
    {
        const QImage image = pixmap.toImage();
        QVERIFY2(!image.isNull(), qPrintable(name));
        QVERIFY2(
            distinctColours(image) > 20,
            qPrintable(QStringLiteral("%1: %2 colours").arg(name).arg(distinctColours(image))));
        QVERIFY2(image.save(QDir(outDir_).filePath(name), "PNG"), qPrintable(name));
    }

    QTemporaryDir temp_;
    QString outDir_;
    QTranslator translator_;
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
