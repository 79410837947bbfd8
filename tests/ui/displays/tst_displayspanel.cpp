// The Displays panel as a person uses it, against a real IssdAgent over loopback TLS:
// the agent drives Xorg with the dummy driver through RandR (so modes really change, as
// `xrandr` sees), snapshots it through xcb, identifies and shows shares with the same
// plug-ins as `baton --agent`. The panel is driven through its widgets. With no agent,
// and for an agent with no displays, the panel says what to do.

#include "../../core/issd/XorgDummy.h"
#include "core/capture/SyntheticWindowSource.h"
#include "core/display/DisplaySystem.h"
#include "core/issd/IssdAgent.h"
#include "core/issd/x11/XcbScreenSnapshotter.h"
#include "core/net/CertificateStore.h"
#include "core/session/HostSession.h"
#include "ui/displays/DisplaysPanel.h"
#include "ui/share/ScreenLabelIdentifier.h"
#include "ui/share/ScreenShareDisplay.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace baton;
using baton::issd::test::XorgDummy;

namespace {

const QByteArray kSecret = "correct horse battery staple";
const QString kDummyOutput = QStringLiteral("DUMMY0");

template <typename Pred> bool waitFor(Pred pred, int timeoutMs = 20000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!pred() && !deadline.hasExpired())
        QTest::qWait(10);
    return pred();
}

const net::CertificateStore::Identity &identity(int which)
{
    static const auto first = net::CertificateStore::generate(QStringLiteral("displays-test-1"));
    static const auto second = net::CertificateStore::generate(QStringLiteral("displays-test-2"));
    return which == 1 ? *first : *second;
}

// An agent on the dummy X server with the desktop plug-ins, listening on loopback.
struct RoomAgent {
    std::unique_ptr<issd::IssdAgent> agent;

    RoomAgent(display::DisplaySystem &displays, int identityNumber, quint16 port,
              issd::ScreenIdentifier *identifier, issd::ScreenSnapshotter *snapshotter,
              issd::ShareDisplay *share)
    {
        issd::IssdSecretStore secrets;
        secrets.setSecret(QStringLiteral("default"), kSecret,
                          issd::IssdSecretStore::kMinIterations);
        issd::IssdAgentConfig config;
        config.name = QStringLiteral("Room 3");
        config.bindAddress = QHostAddress::LocalHost;
        config.tcpPort = port;
        config.udpPort = 0;
        config.announce = false;
        config.discoveryMaxDelayMs = 0;
        config.authBackoffBase = std::chrono::milliseconds(0);
        agent = std::make_unique<issd::IssdAgent>(config, secrets, displays);
        agent->setTlsIdentity(identity(identityNumber).certificate,
                              identity(identityNumber).privateKey);
        agent->setIdentifier(identifier);
        agent->setSnapshotter(snapshotter);
        if (share)
            agent->setShareDisplay(share);
        QString error;
        if (!agent->start(&error))
            qWarning() << "agent did not start:" << error;
    }
};

// A machine whose window system shows no outputs at all (a headless box, screens off).
class NoDisplaysBackend : public display::DisplayBackend {
public:
    QString name() const override { return QStringLiteral("none"); }
    QList<display::DisplayInfo> displays() override { return {}; }
    bool canChangeLayout() const override { return false; }
    display::BackendResult applyLayout(const QList<display::LayoutChange> &) override
    {
        return display::BackendResult::fail(display::BackendResult::Kind::Unsupported,
                                            QStringLiteral("no displays"));
    }
};

// A loopback host sharing a synthetic window, for "Show my share here".
struct Host {
    std::unique_ptr<HostSession> session;

    Host()
    {
        static const auto hostIdentity =
            net::CertificateStore::generate(QStringLiteral("displays-host"));
        HostSessionConfig config;
        config.listener.bindAddress = QHostAddress::LocalHost;
        config.listener.port = 0;
        config.listener.policy.sessionId = "deck";
        config.listener.policy.hostName = "host";
        config.advertisedHost = QStringLiteral("127.0.0.1");
        session = std::make_unique<HostSession>(
            std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Typing, 320, 200),
            *hostIdentity, std::move(config));
        QString error;
        if (!session->start(&error))
            qWarning() << "host did not start:" << error;
    }
    bool hasViewer(const std::string &name) const
    {
        for (const auto &participant : session->roster().participants())
            if (participant.name == name)
                return true;
        return false;
    }
};

template <typename T> T *child(QWidget &panel, const char *name)
{
    auto *found = panel.findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qWarning() << "no widget named" << name;
    return found;
}

QString statusOf(QWidget &panel)
{
    return child<QLabel>(panel, "displaysStatus")->text();
}

// Every row of the agent tree, agents and displays, as the person reads them.
QStringList rowsOf(QWidget &panel)
{
    QStringList rows;
    const QAbstractItemModel *model = child<QTreeView>(panel, "agentTree")->model();
    for (int agent = 0; agent < model->rowCount(); ++agent) {
        const QModelIndex index = model->index(agent, 0);
        rows << index.data().toString();
        for (int display = 0; display < model->rowCount(index); ++display)
            rows << QStringLiteral("  ") + model->index(display, 0, index).data().toString();
    }
    return rows;
}

int displayRowsOf(QWidget &panel)
{
    const QAbstractItemModel *model = child<QTreeView>(panel, "agentTree")->model();
    int count = 0;
    for (int agent = 0; agent < model->rowCount(); ++agent)
        count += model->rowCount(model->index(agent, 0));
    return count;
}

void connectTo(QWidget &panel, quint16 port, const QByteArray &secret)
{
    child<QLineEdit>(panel, "agentAddress")->setText(QStringLiteral("127.0.0.1:%1").arg(port));
    child<QLineEdit>(panel, "agentSecret")->setText(QString::fromUtf8(secret));
    QTest::mouseClick(child<QPushButton>(panel, "connectButton"), Qt::LeftButton);
}

// Connects and waits until the dummy output is listed and chosen.
bool connectAndChooseDisplay(QWidget &panel, quint16 port)
{
    connectTo(panel, port, kSecret);
    return waitFor([&] {
        return displayRowsOf(panel) == 1 && child<QComboBox>(panel, "modeEditor")->isEnabled();
    });
}

bool chooseMode(QWidget &panel, const QString &prefix)
{
    auto *mode = child<QComboBox>(panel, "modeEditor");
    for (int i = 0; i < mode->count(); ++i)
        if (mode->itemData(i).toString().startsWith(prefix)) {
            mode->setCurrentIndex(i);
            return true;
        }
    return false;
}

} // namespace

class TestDisplaysPanel : public QObject {
    Q_OBJECT

    XorgDummy xorg_;
    std::optional<display::DisplaySystem> system_;
    std::unique_ptr<issd::XcbScreenSnapshotter> snapshotter_;
    std::unique_ptr<ScreenLabelIdentifier> identifier_;
    std::unique_ptr<ScreenShareDisplay> share_;
    std::unique_ptr<RoomAgent> room_;
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<QSettings> settings_;
    std::unique_ptr<ui::DisplaysPanel> panel_;

    QString xrandrMode() const { return xorg_.xrandrLine(kDummyOutput); }
    void newPanel()
    {
        panel_ = std::make_unique<ui::DisplaysPanel>(*settings_);
        panel_->resize(1000, 700);
        panel_->show();
    }

private slots:
    void initTestCase()
    {
        // tools/bootstrap installs Xorg with the dummy driver: a server that does not
        // start is a failure, not a reason to test nothing.
        if (const QString why = xorg_.start(); !why.isEmpty())
            QFAIL(qPrintable(why));
        QString error;
        system_ = display::createDisplaySystem({xorg_.display(), QString()}, &error); // no DDC/CI
        QVERIFY2(system_, qPrintable(error));
        QCOMPARE(system_->layout->name(), QStringLiteral("x11-randr"));
        snapshotter_ = issd::XcbScreenSnapshotter::create(xorg_.display(), &error);
        QVERIFY2(snapshotter_, qPrintable(error));
        identifier_ = std::make_unique<ScreenLabelIdentifier>();
        share_ = std::make_unique<ScreenShareDisplay>(QStringLiteral("Room display 3"));
        room_ = std::make_unique<RoomAgent>(*system_, 1, 0, identifier_.get(), snapshotter_.get(),
                                            share_.get());
        QVERIFY(room_->agent->tcpPort() != 0);
    }

    void init()
    {
        QVERIFY(xorg_.xrandr({QStringLiteral("--output"), kDummyOutput, QStringLiteral("--mode"),
                              QStringLiteral("1024x768"), QStringLiteral("--pos"),
                              QStringLiteral("0x0")}));
        QTest::qWait(50); // let the RandR notification of the reset pass first
        dir_ = std::make_unique<QTemporaryDir>();
        settings_ = std::make_unique<QSettings>(dir_->filePath(QStringLiteral("baton.ini")),
                                                QSettings::IniFormat);
        newPanel();
    }

    void cleanup()
    {
        panel_.reset();
        settings_.reset();
        dir_.reset();
    }

    void cleanupTestCase()
    {
        room_.reset(); // before the plug-ins it uses
        share_.reset();
        identifier_.reset();
        snapshotter_.reset();
    }

    void addingByAddressListsTheDisplays()
    {
        QVERIFY(connectAndChooseDisplay(*panel_, room_->agent->tcpPort()));
        const QStringList rows = rowsOf(*panel_);
        QCOMPARE(rows.size(), 2);
        QVERIFY2(rows[0].startsWith(QStringLiteral("Room 3 (127.0.0.1:")),
                 qPrintable(rows.join(u'\n')));
        QCOMPARE(rows[1], QStringLiteral("  1 · DUMMY0 · 1024x768@60 · primary"));
        QCOMPARE(child<QComboBox>(*panel_, "modeEditor")->currentData().toString(),
                 QStringLiteral("1024x768@60"));
        QVERIFY(
            child<QComboBox>(*panel_, "modeEditor")->findData(QStringLiteral("800x600@60.32")) >=
            0);
        QCOMPARE(child<QComboBox>(*panel_, "rotationEditor")->currentData().toString(),
                 QStringLiteral("0"));
        QVERIFY(child<QCheckBox>(*panel_, "primaryEditor")->isChecked());
        const QString facts = child<QLabel>(*panel_, "displayFacts")->text();
        QVERIFY2(facts.contains(QStringLiteral("DUMMY0")) &&
                     facts.contains(QStringLiteral("Position: 0,0")),
                 qPrintable(facts));
        QVERIFY(!child<QPushButton>(*panel_, "applyButton")->isEnabled()); // nothing changed yet

        // The certificate is pinned; the secret is stored nowhere.
        settings_->sync();
        QFile stored(settings_->fileName());
        QVERIFY(stored.open(QIODevice::ReadOnly));
        const QByteArray contents = stored.readAll();
        QVERIFY2(contents.contains(identity(1).fingerprint.toHex()), contents.constData());
        QVERIFY(!contents.contains(kSecret));
        QVERIFY(child<QLineEdit>(*panel_, "agentSecret")->text().isEmpty());
    }

    void aPropertyEventUpdatesThePanel()
    {
        QVERIFY(connectAndChooseDisplay(*panel_, room_->agent->tcpPort()));
        // Someone changes the mode outside Baton: RandR tells the agent, the agent tells us.
        QVERIFY(xorg_.xrandr({QStringLiteral("--output"), kDummyOutput, QStringLiteral("--mode"),
                              QStringLiteral("800x600")}));
        QVERIFY2(waitFor([&] {
                     return rowsOf(*panel_).value(1).contains(QStringLiteral("800x600@60.32"));
                 }),
                 qPrintable(rowsOf(*panel_).join(u'\n')));
        QCOMPARE(child<QComboBox>(*panel_, "modeEditor")->currentData().toString(),
                 QStringLiteral("800x600@60.32"));
    }

    void unsupportedPropertiesDisableTheirEditors()
    {
        QVERIFY(connectAndChooseDisplay(*panel_, room_->agent->tcpPort()));
        // The dummy server has no DPMS and DDC/CI is off: the agent says so, in its words.
        for (const char *name : {"power", "brightness"}) {
            const QString editor = QString::fromLatin1(name) + QStringLiteral("Editor");
            const QString reason = QString::fromLatin1(name) + QStringLiteral("Reason");
            QVERIFY(!panel_->findChild<QWidget *>(editor)->isEnabled());
            QCOMPARE(
                panel_->findChild<QLabel *>(reason)->text(),
                QStringLiteral("DUMMY0 has no property %1 here").arg(QString::fromLatin1(name)));
            QVERIFY(!panel_->findChild<QLabel *>(reason)->isHidden());
        }
        QVERIFY(child<QComboBox>(*panel_, "modeEditor")->isEnabled());
        QVERIFY(child<QLabel>(*panel_, "modeReason")->isHidden());
    }

    void identifyAndSnapshot()
    {
        QVERIFY(connectAndChooseDisplay(*panel_, room_->agent->tcpPort()));
        QTest::mouseClick(child<QPushButton>(*panel_, "identifyButton"), Qt::LeftButton);
        QVERIFY(waitFor([&] { return statusOf(*panel_) == u"The display shows its number now."; }));
        QCOMPARE(identifier_->labels().size(), 1);

        auto *preview = child<QLabel>(*panel_, "snapshotPreview");
        QVERIFY(preview->pixmap().isNull());
        QTest::mouseClick(child<QPushButton>(*panel_, "snapshotButton"), Qt::LeftButton);
        QVERIFY2(waitFor([&] { return !preview->pixmap().isNull(); }),
                 qPrintable(statusOf(*panel_)));
        // 1024x768 fitted into 480x270, aspect ratio kept.
        QCOMPARE(preview->pixmap().size(), QSize(360, 270));
    }

    void keepingAModeChange()
    {
        QVERIFY(connectAndChooseDisplay(*panel_, room_->agent->tcpPort()));
        QVERIFY(chooseMode(*panel_, QStringLiteral("800x600")));
        auto *apply = child<QPushButton>(*panel_, "applyButton");
        QVERIFY(apply->isEnabled());
        QTest::mouseClick(apply, Qt::LeftButton);
        auto *countdown = child<QWidget>(*panel_, "revertCountdown");
        QVERIFY(waitFor([&] { return !countdown->isHidden(); }));
        QVERIFY2(
            child<QLabel>(*panel_, "countdownMessage")->text().contains(QStringLiteral("second")),
            qPrintable(child<QLabel>(*panel_, "countdownMessage")->text()));
        QCOMPARE(xrandrMode(), QStringLiteral("DUMMY0 connected primary 800x600+0+0 0mm x 0mm"));
        QVERIFY(
            waitFor([&] { return rowsOf(*panel_).value(1).contains(QStringLiteral("800x600")); }));

        QTest::mouseClick(child<QPushButton>(*panel_, "keepButton"), Qt::LeftButton);
        QVERIFY(waitFor([&] { return countdown->isHidden(); }));
        QVERIFY(waitFor([&] { return statusOf(*panel_) == u"The new setting is kept."; }));
        QCOMPARE(xrandrMode(), QStringLiteral("DUMMY0 connected primary 800x600+0+0 0mm x 0mm"));
    }

    void revertingAModeChange()
    {
        QVERIFY(connectAndChooseDisplay(*panel_, room_->agent->tcpPort()));
        QVERIFY(chooseMode(*panel_, QStringLiteral("800x600")));
        QTest::mouseClick(child<QPushButton>(*panel_, "applyButton"), Qt::LeftButton);
        auto *countdown = child<QWidget>(*panel_, "revertCountdown");
        QVERIFY(waitFor([&] { return !countdown->isHidden(); }));
        QCOMPARE(xrandrMode(), QStringLiteral("DUMMY0 connected primary 800x600+0+0 0mm x 0mm"));

        QTest::mouseClick(child<QPushButton>(*panel_, "revertButton"), Qt::LeftButton);
        QVERIFY(waitFor([&] { return countdown->isHidden(); }));
        QVERIFY(waitFor([&] { return statusOf(*panel_) == u"The previous setting is back."; }));
        QCOMPARE(xrandrMode(), QStringLiteral("DUMMY0 connected primary 1024x768+0+0 0mm x 0mm"));
        QVERIFY(waitFor([&] {
            return child<QComboBox>(*panel_, "modeEditor")->currentData().toString() ==
                u"1024x768@60";
        }));
    }

    void anUnkeptModeChangeGoesBackByItself()
    {
        QVERIFY(connectAndChooseDisplay(*panel_, room_->agent->tcpPort()));
        QVERIFY(chooseMode(*panel_, QStringLiteral("800x600")));
        QTest::mouseClick(child<QPushButton>(*panel_, "applyButton"), Qt::LeftButton);
        auto *countdown = child<QWidget>(*panel_, "revertCountdown");
        QVERIFY(waitFor([&] { return !countdown->isHidden(); }));
        QCOMPARE(xrandrMode(), QStringLiteral("DUMMY0 connected primary 800x600+0+0 0mm x 0mm"));
        // The agent's timer (15 s, as the panel always asks) puts the old mode back.
        QVERIFY(waitFor([&] { return countdown->isHidden(); }, 40000));
        QVERIFY(statusOf(*panel_).startsWith(
            QStringLiteral("The display went back to its previous setting")));
        QCOMPARE(xrandrMode(), QStringLiteral("DUMMY0 connected primary 1024x768+0+0 0mm x 0mm"));
        QVERIFY(rowsOf(*panel_).value(1).contains(QStringLiteral("1024x768@60")));
    }

    void aWrongSecretIsShownInWords()
    {
        connectTo(*panel_, room_->agent->tcpPort(), "not the secret");
        QVERIFY2(waitFor([&] {
                     return statusOf(*panel_).contains(QStringLiteral("did not accept the secret"));
                 }),
                 qPrintable(statusOf(*panel_)));
        QCOMPARE(displayRowsOf(*panel_), 0);
        QVERIFY(rowsOf(*panel_).value(0).endsWith(QStringLiteral("not connected")));
    }

    void anUnreachableAgentIsShownInWords()
    {
        quint16 closedPort = 0;
        {
            QTcpServer probe; // a port that was free a moment ago, with nobody listening now
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            closedPort = probe.serverPort();
        }
        connectTo(*panel_, closedPort, kSecret);
        const QString expected =
            QStringLiteral("Could not connect to 127.0.0.1:%1: ").arg(closedPort);
        QVERIFY2(waitFor([&] { return statusOf(*panel_).startsWith(expected); }),
                 qPrintable(statusOf(*panel_)));
        QVERIFY(rowsOf(*panel_).value(0).endsWith(QStringLiteral("not connected")));
    }

    void aChangedCertificateIsRefusedWithAWarning()
    {
        quint16 port = 0;
        {
            RoomAgent first(*system_, 1, 0, identifier_.get(), snapshotter_.get(), nullptr);
            port = first.agent->tcpPort();
            QVERIFY(connectAndChooseDisplay(*panel_, port));
            newPanel(); // the old one logs out before its agent goes away
        }
        // Same address, another certificate: a reinstalled agent, or an impostor.
        RoomAgent second(*system_, 2, port, identifier_.get(), snapshotter_.get(), nullptr);
        QCOMPARE(second.agent->tcpPort(), port);
        connectTo(*panel_, port, kSecret);
        auto *warning = child<QWidget>(*panel_, "fingerprintWarning");
        QVERIFY(waitFor([&] { return !warning->isHidden(); }));
        const QString text = child<QLabel>(*panel_, "fingerprintMessage")->text();
        QVERIFY2(
            text.contains(QStringLiteral("has changed")) &&
                text.contains(QString::fromLatin1(identity(1).fingerprint.toHex(':').toUpper())) &&
                text.contains(QString::fromLatin1(identity(2).fingerprint.toHex(':').toUpper())),
            qPrintable(text));
        QVERIFY(rowsOf(*panel_).value(0).endsWith(QStringLiteral("certificate changed!")));
        QTest::qWait(300); // nothing may happen by itself: no login, no displays
        QCOMPARE(second.agent->authenticatedSessions(), 0);
        QCOMPARE(displayRowsOf(*panel_), 0);
        settings_->sync();
        QFile stored(settings_->fileName());
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QVERIFY(stored.readAll().contains(identity(1).fingerprint.toHex()));

        // Only a deliberate choice trusts the new certificate.
        QTest::mouseClick(child<QPushButton>(*panel_, "trustButton"), Qt::LeftButton);
        QVERIFY(waitFor([&] { return displayRowsOf(*panel_) == 1; }));
        QVERIFY(warning->isHidden());
        QCOMPARE(second.agent->authenticatedSessions(), 1);
        settings_->sync();
        stored.close();
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QVERIFY(stored.readAll().contains(identity(2).fingerprint.toHex()));
        panel_.reset(); // logs out before the agent goes away
    }

    void anEmptyPanelSaysWhatAgentsAre()
    {
        auto *placeholder = child<QLabel>(*panel_, "agentsPlaceholder");
        auto *tree = child<QTreeView>(*panel_, "agentTree");
        QVERIFY(placeholder->isVisible());
        QVERIFY2(placeholder->text().contains(QStringLiteral("baton --agent")) &&
                     placeholder->text().contains(QStringLiteral("address")),
                 qPrintable(placeholder->text()));
        QVERIFY(!placeholder->accessibleName().isEmpty());
        QCOMPARE(tree->accessibleDescription(), placeholder->text());
        QVERIFY(tree->viewport()->rect().contains(placeholder->geometry()));

        QVERIFY(connectAndChooseDisplay(*panel_, room_->agent->tcpPort()));
        QVERIFY(!placeholder->isVisible());
        QVERIFY(tree->accessibleDescription().isEmpty());
        QVERIFY(child<QLabel>(*panel_, "noDisplaysMessage")->isHidden());

        QTest::mouseClick(child<QPushButton>(*panel_, "removeAgentButton"), Qt::LeftButton);
        QCOMPARE(rowsOf(*panel_).size(), 0);
        QVERIFY(placeholder->isVisible());
    }

    void anAgentWithNoDisplaysSaysSo()
    {
        display::DisplaySystem none;
        none.layout = std::make_unique<NoDisplaysBackend>();
        RoomAgent empty(none, 1, 0, nullptr, nullptr, nullptr);
        QVERIFY(empty.agent->tcpPort() != 0);
        connectTo(*panel_, empty.agent->tcpPort(), kSecret);
        auto *message = child<QLabel>(*panel_, "noDisplaysMessage");
        QVERIFY2(waitFor([&] { return !message->isHidden(); }), qPrintable(statusOf(*panel_)));
        QVERIFY2(message->text().startsWith(QStringLiteral("Room 3 has no displays")),
                 qPrintable(message->text()));
        QVERIFY(!message->accessibleName().isEmpty());
        QCOMPARE(
            rowsOf(*panel_),
            QStringList{
                QStringLiteral("Room 3 (127.0.0.1:%1) — no displays").arg(empty.agent->tcpPort())});
        QVERIFY(!child<QLabel>(*panel_, "agentsPlaceholder")->isVisible());

        // An agent with displays, chosen, says nothing of the kind.
        QVERIFY(connectAndChooseDisplay(*panel_, room_->agent->tcpPort()));
        QVERIFY(message->isHidden());
        panel_.reset(); // logs out before the agent goes away
    }

    void discoveryListsTheAgent()
    {
        panel_->discover(room_->agent->udpPort(), {QHostAddress::LocalHost});
        QVERIFY2(waitFor([&] { return rowsOf(*panel_).size() == 1; }),
                 qPrintable(statusOf(*panel_)));
        QCOMPARE(
            rowsOf(*panel_).value(0),
            QStringLiteral("Room 3 (127.0.0.1:%1) — not connected").arg(room_->agent->tcpPort()));
        auto *tree = child<QTreeView>(*panel_, "agentTree");
        tree->setCurrentIndex(tree->model()->index(0, 0));
        QCOMPARE(child<QLineEdit>(*panel_, "agentAddress")->text(),
                 QStringLiteral("127.0.0.1:%1").arg(room_->agent->tcpPort()));
        child<QLineEdit>(*panel_, "agentSecret")->setText(QString::fromUtf8(kSecret));
        QTest::mouseClick(child<QPushButton>(*panel_, "connectButton"), Qt::LeftButton);
        QVERIFY(waitFor([&] { return displayRowsOf(*panel_) == 1; }));
        QCOMPARE(rowsOf(*panel_).size(), 2); // the discovered entry became the connection
    }

    void showMyShareHereAndTakeItOff()
    {
        QVERIFY(connectAndChooseDisplay(*panel_, room_->agent->tcpPort()));
        auto *show = child<QPushButton>(*panel_, "showShareButton");
        QVERIFY(!show->isEnabled()); // not sharing yet
        Host host;
        panel_->setCurrentShare(host.session->inviteLink());
        QVERIFY(show->isEnabled());
        QTest::mouseClick(show, Qt::LeftButton);
        QVERIFY2(
            waitFor([&] { return statusOf(*panel_) == u"The share is shown on the display."; }),
            qPrintable(statusOf(*panel_)));
        QVERIFY(waitFor([&] { return host.hasViewer("Room display 3"); }));

        QTest::mouseClick(child<QPushButton>(*panel_, "takeOffButton"), Qt::LeftButton);
        QVERIFY(waitFor([&] { return !host.hasViewer("Room display 3"); }));
        QVERIFY2(waitFor([&] {
                     return statusOf(*panel_).startsWith(QStringLiteral("The share was taken off"));
                 }),
                 qPrintable(statusOf(*panel_)));
        panel_->setCurrentShare(std::nullopt);
        QVERIFY(!show->isEnabled());
    }
};

// The offscreen platform takes its screens from a JSON file named before QApplication
// exists: one screen named like the dummy X server's output, so that the agent's
// identify labels and shares find it.
int main(int argc, char *argv[])
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(R"({"screens": [
        {"name": "DUMMY0", "x": 0, "y": 0, "width": 1024, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    ]})");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toUtf8());
    QApplication app(argc, argv);
    TestDisplaysPanel test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_displayspanel.moc"
