// JOIN/LEAVE as `baton --agent` does them: an IssdAgent with the ScreenShareDisplay over
// real loopback TLS, an IssdClient sending the commands, a HostSession sharing a
// synthetic window. The viewer must open full screen on the chosen one of two screens
// and show exactly the host's picture; LEAVE, the host ending and a closed window take
// it off; a bad link, an unknown display or an unreachable host answer errors.

#include "core/capture/SyntheticWindowSource.h"
#include "core/display/DisplaySystem.h"
#include "core/display/qt/QScreenDisplayBackend.h"
#include "core/issd/IssdAgent.h"
#include "core/issd/IssdClient.h"
#include "core/net/CertificateStore.h"
#include "core/session/HostSession.h"
#include "ui/share/ScreenLabelIdentifier.h"
#include "ui/share/ScreenShareDisplay.h"
#include "tests/ui/viewer/ViewerTestHost.h"
#include "ui/viewer/ViewerWidget.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QLabel>
#include <QScreen>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QWindow>

#include <memory>

using namespace baton;

namespace {

const QByteArray kSecret = "correct horse battery staple";

// The screens main() describes to the offscreen platform.
const QRect kLeftScreen(0, 0, 1280, 720);
const QRect kRightScreen(1280, 0, 1024, 768);

template <typename Pred> bool waitFor(Pred pred, int timeoutMs = 15000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!pred() && !deadline.hasExpired())
        QTest::qWait(5);
    return pred();
}

QScreen *screenNamed(const QString &name)
{
    for (QScreen *screen : QGuiApplication::screens())
        if (screen->name() == name)
            return screen;
    return nullptr;
}


// Whether a grabbed widget shows the shared window's pixels unscaled at `at`: every pixel
// equal except where the host's pointer is drawn over them (the pixels that differ fit in
// the 24x24 box of a pointer; a scaled picture differs all over).
bool widgetShowsFrameAt(QWidget &widget, const QPoint &at, const Frame &frame)
{
    const QImage shot = widget.grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QImage part = shot.copy(QRect(at, QSize(frame.width(), frame.height())));
    QRect differing;
    for (int32_t y = 0; y < frame.height(); ++y) {
        const auto *row = reinterpret_cast<const uint32_t *>(part.constScanLine(y));
        const auto *expected = reinterpret_cast<const uint32_t *>(frame.data() + size_t(y) * size_t(frame.strideBytes()));
        for (int32_t x = 0; x < frame.width(); ++x)
            if ((row[x] & 0xffffff) != (expected[x] & 0xffffff))
                differing |= QRect(x, y, 1, 1);
    }
    if (!differing.isEmpty())
        qInfo() << "pixels differ within" << differing;
    return differing.width() <= 24 && differing.height() <= 24;
}

struct Host {
    std::unique_ptr<HostSession> session;
    SyntheticWindowSource *source = nullptr;

    explicit Host(int width = 640, int height = 400)
    {
        static const auto identity = net::CertificateStore::generate(QStringLiteral("share-test"));
        HostSessionConfig config;
        config.listener.bindAddress = QHostAddress::LocalHost;
        config.listener.port = 0;
        config.listener.policy.sessionId = "deck";
        config.listener.policy.hostName = "host";
        config.advertisedHost = QStringLiteral("127.0.0.1");
        auto synthetic = std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Typing, width, height);
        source = synthetic.get();
        session = std::make_unique<HostSession>(std::move(synthetic), *identity, std::move(config));
        QString error;
        if (!session->start(&error))
            qWarning() << "host did not start:" << error;
    }
    // One capture (the synthetic scene advances one step per capture).
    bool step()
    {
        const int64_t before = session->stats().captures;
        emit source->damaged();
        return waitFor([&] { return session->stats().captures > before; });
    }
    const Frame &frame() const { return source->scene().frame(); }
};

// An agent over the offscreen screens with the real ScreenShareDisplay, and a client
// logged in to it that collects `share` events.
struct Agent {
    display::DisplaySystem displays;
    issd::IssdSecretStore secrets;
    ScreenShareDisplay share{QStringLiteral("Room test")};
    ScreenLabelIdentifier identifier;
    std::unique_ptr<issd::IssdAgent> agent;
    std::unique_ptr<issd::IssdClient> client;
    QList<issd::Event> events;

    Agent()
    {
        QString whyNot;
        displays.layout = display::QScreenDisplayBackend::create(&whyNot);
        secrets.setSecret(QStringLiteral("default"), kSecret, issd::IssdSecretStore::kMinIterations);
        issd::IssdAgentConfig config;
        config.name = QStringLiteral("Room");
        config.bindAddress = QHostAddress::LocalHost;
        config.tcpPort = 0;
        config.udp = false;
        config.announce = false;
        config.authBackoffBase = std::chrono::milliseconds(0);
        agent = std::make_unique<issd::IssdAgent>(config, secrets, displays);
        static const auto identity = net::CertificateStore::generate(QStringLiteral("agent-test"));
        agent->setTlsIdentity(identity->certificate, identity->privateKey);
        agent->setShareDisplay(&share);
        agent->setIdentifier(&identifier);
        QString error;
        if (!agent->start(&error))
            qWarning() << "agent did not start:" << error;

        issd::IssdClient::Options options;
        options.secret = kSecret;
        client = std::make_unique<issd::IssdClient>(options);
        QObject::connect(client.get(), &issd::IssdClient::eventReceived, client.get(),
                         [this](const issd::Event &event) { events.append(event); });
        bool ready = false;
        QObject::connect(client.get(), &issd::IssdClient::ready, client.get(), [&ready] { ready = true; });
        client->connectToAgent(QStringLiteral("127.0.0.1"), agent->tcpPort());
        waitFor([&] { return ready; });
        call(QStringLiteral("SUBSCRIBE share"));
    }
    ~Agent()
    {
        client.reset();
        agent.reset();
    }

    issd::IssdClient::Response call(const QString &line)
    {
        issd::ParseError error;
        const auto command = issd::Command::parse(line.toUtf8(), &error);
        issd::IssdClient::Response response;
        if (!command)
            return response;
        bool done = false;
        client->send(*command, [&](const issd::IssdClient::Response &r) {
            response = r;
            done = true;
        });
        waitFor([&] { return done || !client->isReady(); });
        return response;
    }
    // The `share` event with this state for the display, once it arrived.
    std::optional<issd::Event> shareEvent(const QString &state)
    {
        waitFor([&] { return find(state).has_value(); });
        return find(state);
    }
    std::optional<issd::Event> find(const QString &state) const
    {
        for (const issd::Event &event : events)
            if (event.type == u"share" && event.args.value(u"state") == state)
                return event;
        return std::nullopt;
    }
    QString displayIdOf(const QString &screenName)
    {
        for (const auto &info : displays.layout->displays())
            if (info.connector == screenName)
                return info.id;
        return {};
    }
};

QString opOf(const issd::IssdClient::Response &response)
{
    const QString prefix = QStringLiteral("op=");
    return response.text.startsWith(prefix) ? response.text.mid(prefix.size()) : QString();
}

} // namespace

class TestScreenShare : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void joinShowsTheShareFullScreenOnTheChosenScreen();
    void oneToOneShowsThePictureUnscaled();
    void hostEndingClosesTheViewer();
    void closingTheWindowEndsTheShare();
    void secondJoinReplacesTheFirst();
    void errorsAnswerCodes();
    void displaysMapToScreens();
    void identifyLabelsTheChosenScreen();
};

void TestScreenShare::initTestCase()
{
    QVERIFY2(screenNamed(QStringLiteral("ROOM-L")) && screenNamed(QStringLiteral("ROOM-R")),
             "the offscreen platform did not take the test's two screens");
    QCOMPARE(screenNamed(QStringLiteral("ROOM-R"))->geometry(), kRightScreen);
}

void TestScreenShare::joinShowsTheShareFullScreenOnTheChosenScreen()
{
    Host host;
    Agent agent;
    const QString right = agent.displayIdOf(QStringLiteral("ROOM-R"));
    QVERIFY(!right.isEmpty());

    const auto accepted = agent.call(QStringLiteral("JOIN name:ROOM-R ") + host.session->inviteLink().toString());
    QCOMPARE(accepted.code, 202);
    const QString op = opOf(accepted);
    QVERIFY(!op.isEmpty());

    ViewerWidget *viewer = agent.share.viewerOn(right);
    QVERIFY(viewer);
    QVERIFY(!agent.share.viewerOn(agent.displayIdOf(QStringLiteral("ROOM-L"))));
    QVERIFY(waitFor([&] { return viewer->isVisible(); }));
    QVERIFY(viewer->isWindow());
    QVERIFY(viewer->windowFlags().testFlag(Qt::FramelessWindowHint));
    QVERIFY(viewer->windowState().testFlag(Qt::WindowFullScreen));
    QCOMPARE(viewer->screen(), screenNamed(QStringLiteral("ROOM-R")));
    QVERIFY(waitFor([&] { return viewer->geometry() == kRightScreen; }));
    QCOMPARE(viewer->scaling(), ViewerWidget::Scaling::Fit);

    const auto started = agent.shareEvent(QStringLiteral("started"));
    QVERIFY(started);
    QCOMPARE(started->args.value(u"op").value_or(QString()), op);
    QCOMPARE(started->args.value(u"display").value_or(QString()), QStringLiteral("id:") + right);
    QVERIFY(agent.share.shownOn(right));
    QCOMPARE(agent.share.shownOn(right)->toString(), host.session->inviteLink().toString());
    QCOMPARE(host.session->viewerCount(), 1);

    // The picture follows the host through several captures.
    for (int i = 0; i < 5; ++i) {
        QVERIFY(host.step());
        QVERIFY2(waitFor([&] { return test::sameAsFrame(viewer->image(), host.frame()); }),
                 qPrintable(QStringLiteral("after capture %1").arg(i)));
    }

    QPointer<ViewerWidget> closed = viewer;
    QCOMPARE(agent.call(QStringLiteral("LEAVE name:ROOM-R")).code, 250);
    QVERIFY(!agent.share.viewerOn(right));
    QVERIFY(!agent.share.shownOn(right));
    QVERIFY(waitFor([&] { return closed.isNull(); }));
    const auto ended = agent.shareEvent(QStringLiteral("ended"));
    QVERIFY(ended);
    QCOMPARE(ended->args.value(u"reason").value_or(QString()), QStringLiteral("left"));
    QVERIFY(waitFor([&] { return host.session->viewerCount() == 0; }));
    QCOMPARE(agent.call(QStringLiteral("LEAVE name:ROOM-R")).code, 453);
}

void TestScreenShare::oneToOneShowsThePictureUnscaled()
{
    Host host(320, 200);
    Agent agent;
    const QString left = agent.displayIdOf(QStringLiteral("ROOM-L"));
    QCOMPARE(agent.call(QStringLiteral("JOIN name:ROOM-L ") + host.session->inviteLink().toString() +
                        QStringLiteral(" fit=1:1"))
                 .code,
             202);
    ViewerWidget *viewer = agent.share.viewerOn(left);
    QVERIFY(viewer);
    QCOMPARE(viewer->screen(), screenNamed(QStringLiteral("ROOM-L")));
    QCOMPARE(viewer->scaling(), ViewerWidget::Scaling::OneToOne);
    QVERIFY(agent.shareEvent(QStringLiteral("started")));
    QVERIFY(host.step());
    QVERIFY(waitFor([&] { return test::sameAsFrame(viewer->image(), host.frame()); }));
    QVERIFY(waitFor([&] { return viewer->size() == kLeftScreen.size(); }));
    // Centred at its own size on the 1280x720 screen.
    const QPoint at((kLeftScreen.width() - 320) / 2, (kLeftScreen.height() - 200) / 2);
    QVERIFY(widgetShowsFrameAt(*viewer, at, host.frame()));

    // fit=scale would have filled the screen's height instead.
    viewer->setScaling(ViewerWidget::Scaling::Fit);
    QVERIFY(!widgetShowsFrameAt(*viewer, at, host.frame()));
}

void TestScreenShare::hostEndingClosesTheViewer()
{
    Host host;
    Agent agent;
    const QString right = agent.displayIdOf(QStringLiteral("ROOM-R"));
    QCOMPARE(agent.call(QStringLiteral("JOIN name:ROOM-R ") + host.session->inviteLink().toString()).code, 202);
    QVERIFY(agent.shareEvent(QStringLiteral("started")));
    QPointer<ViewerWidget> viewer = agent.share.viewerOn(right);
    QVERIFY(viewer);

    host.session->stop();
    const auto ended = agent.shareEvent(QStringLiteral("ended"));
    QVERIFY(ended);
    QVERIFY2(ended->args.value(u"reason").value_or(QString()) != u"left", "the host ended it, not LEAVE");
    QVERIFY(waitFor([&] { return viewer.isNull(); }));
    QVERIFY(!agent.share.shownOn(right));
    QCOMPARE(agent.call(QStringLiteral("LEAVE name:ROOM-R")).code, 453);
}

void TestScreenShare::closingTheWindowEndsTheShare()
{
    Host host;
    Agent agent;
    const QString left = agent.displayIdOf(QStringLiteral("ROOM-L"));
    QCOMPARE(agent.call(QStringLiteral("JOIN name:ROOM-L ") + host.session->inviteLink().toString()).code, 202);
    QVERIFY(agent.shareEvent(QStringLiteral("started")));
    QPointer<ViewerWidget> viewer = agent.share.viewerOn(left);
    QVERIFY(viewer);

    viewer->close();
    const auto ended = agent.shareEvent(QStringLiteral("ended"));
    QVERIFY(ended);
    QCOMPARE(ended->args.value(u"reason").value_or(QString()), QStringLiteral("the viewer window was closed"));
    QVERIFY(waitFor([&] { return viewer.isNull(); }));
    QVERIFY(waitFor([&] { return host.session->viewerCount() == 0; }));
}

void TestScreenShare::secondJoinReplacesTheFirst()
{
    Host first;
    Host second(480, 300);
    Agent agent;
    const QString right = agent.displayIdOf(QStringLiteral("ROOM-R"));
    QCOMPARE(agent.call(QStringLiteral("JOIN name:ROOM-R ") + first.session->inviteLink().toString()).code, 202);
    QVERIFY(agent.shareEvent(QStringLiteral("started")));
    QCOMPARE(agent.call(QStringLiteral("JOIN name:ROOM-R ") + second.session->inviteLink().toString()).code, 202);
    const auto ended = agent.shareEvent(QStringLiteral("ended"));
    QVERIFY(ended);
    QCOMPARE(ended->args.value(u"reason").value_or(QString()), QStringLiteral("replaced by another session"));
    QCOMPARE(agent.share.shownOn(right)->toString(), second.session->inviteLink().toString());
    ViewerWidget *viewer = agent.share.viewerOn(right);
    QVERIFY(viewer);
    QVERIFY(second.step());
    QVERIFY(waitFor([&] { return test::sameAsFrame(viewer->image(), second.frame()); }));
    QVERIFY(waitFor([&] { return first.session->viewerCount() == 0; }));
    QCOMPARE(second.session->viewerCount(), 1);
}

void TestScreenShare::errorsAnswerCodes()
{
    Host host;
    Agent agent;
    const QString link = host.session->inviteLink().toString();
    // Not an invite link, or not a Baton one.
    QCOMPARE(agent.call(QStringLiteral("JOIN name:ROOM-R baton://nowhere")).code, 501);
    QCOMPARE(agent.call(QStringLiteral("JOIN name:ROOM-R t120://laptop:1503/deck")).code, 501);
    QCOMPARE(agent.call(QStringLiteral("JOIN name:ROOM-R ") + link + QStringLiteral(" fit=2:1")).code, 501);
    // No such display.
    QCOMPARE(agent.call(QStringLiteral("JOIN name:HDMI-9 ") + link).code, 550);
    QCOMPARE(agent.call(QStringLiteral("JOIN 3 ") + link).code, 550);
    QCOMPARE(agent.call(QStringLiteral("LEAVE name:HDMI-9")).code, 550);
    QVERIFY(!agent.share.viewerOn(agent.displayIdOf(QStringLiteral("ROOM-R"))));
    QCOMPARE(host.session->viewerCount(), 0);

    // A well-formed link to a port where nobody listens: accepted, then failed (560).
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 deadPort = closed.serverPort();
    closed.close();
    InviteLink dead = host.session->inviteLink();
    dead.port = deadPort;
    const auto accepted = agent.call(QStringLiteral("JOIN name:ROOM-L ") + dead.toString());
    QCOMPARE(accepted.code, 202);
    const auto failed = agent.shareEvent(QStringLiteral("failed"));
    QVERIFY(failed);
    QCOMPARE(failed->args.value(u"op").value_or(QString()), opOf(accepted));
    QCOMPARE(failed->args.value(u"code").value_or(QString()), QStringLiteral("560"));
    QVERIFY(!failed->args.value(u"reason").value_or(QString()).isEmpty());
    QVERIFY(!agent.find(QStringLiteral("started")));
    QVERIFY(!agent.share.shownOn(agent.displayIdOf(QStringLiteral("ROOM-L"))));
}

void TestScreenShare::displaysMapToScreens()
{
    // RandR's view of the right screen under another output name: found by geometry,
    // also when turned a quarter (the mode is then taller than wide on the desktop).
    display::DisplayInfo info;
    info.id = QStringLiteral("TST.0001.00000001");
    info.connector = QStringLiteral("HDMI-1");
    info.layout = {true, display::DisplayMode{1024, 768, 60}, QPoint(1280, 0), 0, false};
    QCOMPARE(ScreenShareDisplay::screenFor(info), screenNamed(QStringLiteral("ROOM-R")));
    info.layout.mode = display::DisplayMode{768, 1024, 60};
    info.layout.rotationDeg = 90;
    QCOMPARE(ScreenShareDisplay::screenFor(info), screenNamed(QStringLiteral("ROOM-R")));
    info.layout.rotationDeg = 0;
    QVERIFY(!ScreenShareDisplay::screenFor(info));

    // A display no screen shows, or one switched off, is unavailable and opens nothing.
    Host host;
    ScreenShareDisplay share(QStringLiteral("Room test"));
    QSignalSpy failed(&share, &ScreenShareDisplay::failed);
    auto result = share.join(info, host.session->inviteLink(), ScreenShareDisplay::Fit::Scale, 1);
    QCOMPARE(result.kind, display::BackendResult::Kind::Unavailable);
    QVERIFY(!share.viewerOn(info.id));
    info.connector = QStringLiteral("ROOM-L");
    info.layout.enabled = false;
    result = share.join(info, host.session->inviteLink(), ScreenShareDisplay::Fit::Scale, 2);
    QCOMPARE(result.kind, display::BackendResult::Kind::Unavailable);
    QVERIFY(!share.viewerOn(info.id));
    QCOMPARE(share.leave(info.id).kind, display::BackendResult::Kind::Unavailable);
    QCOMPARE(failed.count(), 0); // refused at once: no operation to report on
    QCOMPARE(host.session->viewerCount(), 0);
}

void TestScreenShare::identifyLabelsTheChosenScreen()
{
    Agent agent;
    const auto reply = agent.call(QStringLiteral("IDENTIFY name:ROOM-R seconds=1 text=\"Lectern\""));
    QCOMPARE(reply.code, 250);
    const QList<QWidget *> labels = agent.identifier.labels();
    QCOMPARE(labels.size(), 1);
    QCOMPARE(labels.first()->screen(), screenNamed(QStringLiteral("ROOM-R")));
    QVERIFY(waitFor([&] { return labels.first()->geometry() == kRightScreen; }));
    QStringList texts;
    for (const QLabel *label : labels.first()->findChildren<QLabel *>())
        texts << label->text();
    QVERIFY2(texts.contains(QStringLiteral("2")), qPrintable(texts.join(u'|')));
    QVERIFY2(texts.join(u' ').contains(QStringLiteral("Lectern")) && texts.join(u' ').contains(QStringLiteral("ROOM-R")),
             qPrintable(texts.join(u'|')));
    // It goes by itself.
    QVERIFY(waitFor([&] { return agent.identifier.labels().isEmpty(); }));

    QCOMPARE(agent.call(QStringLiteral("IDENTIFY * seconds=1")).code, 250);
    QCOMPARE(agent.identifier.labels().size(), 2);
}

// The offscreen platform takes its screens from a JSON file named before QApplication
// exists: two screens side by side, as in a room with two displays.
int main(int argc, char *argv[])
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(R"({"screens": [
        {"name": "ROOM-L", "x": 0, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "ROOM-R", "x": 1280, "y": 0, "width": 1024, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    ]})");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toUtf8());
    QApplication app(argc, argv);
    TestScreenShare test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_screenshare.moc"
