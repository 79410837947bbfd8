// Floor control over the wire, under Xvfb with real X clients: viewers ask for the
// floor, pass it, lose it; only the holder's input reaches the shared window (an xterm
// running bash, checked by the files bash writes), clicks land on the right pixel of
// the shared window and never beside it (xev reports them), and Unicode text arrives
// intact.

#include "core/capture/WindowSourceFactory.h"
#include "core/capture/x11/XcbConnection.h"
#include "core/protocol/InputPdus.h"
#include "core/session/HostSession.h"
#include "core/session/ShareLauncher.h"
#include "core/viewer/ViewerSession.h"
#include "tests/core/capture/XtermFixture.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace baton;

namespace {

QString readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Shared as the panel and baton-cli share it: input from InputBackendFactory.
std::unique_ptr<HostSession> shareWindow(uint64_t windowId, FloorPolicy policy)
{
    static const auto identity = net::CertificateStore::generate(QStringLiteral("test"));
    WindowInfo window;
    window.id = windowId;
    auto created = WindowSourceFactory::create(window);
    if (!created.source)
        return nullptr;
    ShareRequest request;
    request.source = std::move(created.source);
    request.config = loopbackConfig("floor");
    request.config.floor.policy = policy;
    ShareLauncher::Launch launched = ShareLauncher(*identity).launch(std::move(request));
    if (!launched.session)
        qWarning("host: %s", qPrintable(launched.error));
    else if (launched.viewOnly || !launched.watchesHostInput)
        qWarning("input: %s", qPrintable(launched.inputRefusals.join(u'\n')));
    return std::move(launched.session);
}

std::unique_ptr<ViewerSession> join(const HostSession &host, const char *name)
{
    net::ViewerOptions options;
    options.displayName = name;
    auto viewer = std::make_unique<ViewerSession>(host.inviteLink(), options);
    viewer->start();
    return viewer;
}

// Input straight onto the wire, as a viewer that ignores the floor would send it.
void sendAnyway(ViewerSession &viewer, const QString &text)
{
    protocol::InputPdu pdu;
    for (const QChar c : text)
        pdu.events.push_back({0, protocol::UnicodeEvent{0, c.unicode()}});
    viewer.connection()->sendPdu(protocol::kHostUserId, pdu, 0x00010001);
}

// xev in a window of its own, line-buffered; its output says where each click landed.
class Xev {
public:
    Xev(const QString &title, const QString &geometry)
    {
        process_.start(QStringLiteral("stdbuf"),
                       {QStringLiteral("-oL"), QStringLiteral("xev"), QStringLiteral("-name"),
                        title, QStringLiteral("-geometry"), geometry, QStringLiteral("-event"),
                        QStringLiteral("button")});
        for (int attempt = 0; attempt < 100 && windowId_ == 0; ++attempt) {
            QProcess search;
            search.start(QStringLiteral("xdotool"),
                         {QStringLiteral("search"), QStringLiteral("--name"),
                          QStringLiteral("^%1$").arg(title)});
            search.waitForFinished(5000);
            windowId_ = search.readAllStandardOutput().trimmed().split('\n').last().toULongLong();
            if (windowId_ == 0)
                QTest::qWait(100);
        }
    }
    ~Xev()
    {
        process_.kill();
        process_.waitForFinished(5000);
    }
    uint64_t windowId() const { return windowId_; }
    QString output()
    {
        output_ += QString::fromUtf8(process_.readAllStandardOutput());
        return output_;
    }

private:
    QProcess process_;
    uint64_t windowId_ = 0;
    QString output_;
};

} // namespace

class TestFloorWire : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY"))
            QFAIL("needs an X server: run under xvfb-run (tools/dev test does)");
        server_ = test::holdXServer();
    }

    void onlyTheHolderTypes()
    {
        QTemporaryDir dir;
        const QString ready = dir.filePath(QStringLiteral("ready"));
        test::Xterm xterm(QStringLiteral("floor"),
                          QStringList{QStringLiteral("-u8")} + test::bashArguments(ready));
        QVERIFY(xterm.windowId() != 0);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready), 20000);
        auto host = shareWindow(xterm.windowId(), FloorPolicy::Auto);
        QVERIFY(host && host->isRunning());
        auto a = join(*host, "A");
        auto b = join(*host, "B");
        QTRY_COMPARE(host->viewerCount(), 2);
        QTRY_VERIFY(!a->framebuffer().isNull() && a->floorHolder() == protocol::kHostUserId);

        // B does not hold the floor: its viewer sends nothing, and what a rogue one sends
        // is dropped and counted.
        QVERIFY(!b->sendTypedText(QStringLiteral("echo nope\n")));
        const QString rogue = dir.filePath(QStringLiteral("rogue"));
        sendAnyway(*b, QStringLiteral("echo rogue > ") + rogue + u'\r');
        QTRY_VERIFY(host->floor().droppedInputEvents() > 0);

        // A asks (auto: granted at once) and types; bash runs it.
        a->requestControl();
        QTRY_VERIFY(a->holdsFloor());
        QTRY_COMPARE(b->floorHolder(), a->userId());
        const QString ok = dir.filePath(QStringLiteral("ok"));
        QVERIFY(a->sendTypedText(QStringLiteral("echo baton-ok > ") + ok + u'\n'));
        QTRY_COMPARE_WITH_TIMEOUT(readFile(ok), QStringLiteral("baton-ok\n"), 10000);

        // B asks while A holds: queued; A passes to B; B types.
        QSignalSpy decisions(b.get(), &ViewerSession::floorDecision);
        b->requestControl();
        QTRY_VERIFY(!decisions.isEmpty());
        QCOMPARE(decisions.first().at(0).value<protocol::FloorDecision>(),
                 protocol::FloorDecision::Queued);
        QTRY_COMPARE(a->floorQueue(), std::vector<uint16_t>{b->userId()});
        a->passControlTo(b->userId());
        QTRY_VERIFY(b->holdsFloor());
        QVERIFY(!a->holdsFloor());
        const QString fromB = dir.filePath(QStringLiteral("b"));
        QVERIFY(b->sendTypedText(QStringLiteral("echo from-b > ") + fromB + u'\n'));
        QTRY_COMPARE_WITH_TIMEOUT(readFile(fromB), QStringLiteral("from-b\n"), 10000);

        // The host revokes: B is told, and what it sends next is dropped.
        QSignalSpy revoked(b.get(), &ViewerSession::floorRevoked);
        QCOMPARE(host->floor().revoke(), FloorRefusal::None);
        QTRY_COMPARE(revoked.size(), 1);
        QTRY_VERIFY(!b->holdsFloor());
        const int64_t droppedBefore = host->floor().droppedInputEvents();
        const QString late = dir.filePath(QStringLiteral("late"));
        sendAnyway(*b, QStringLiteral("echo late > ") + late + u'\r');
        QTRY_VERIFY(host->floor().droppedInputEvents() > droppedBefore);

        // Policy ask: the host's deny and grant reach the requester.
        host->floor().setPolicy(FloorPolicy::Ask);
        QSignalSpy pending(&host->floor(), &FloorArbiter::requestPending);
        QSignalSpy answers(a.get(), &ViewerSession::floorDecision);
        a->requestControl();
        QTRY_COMPARE(pending.size(), 1);
        QCOMPARE(host->floor().deny(a->userId()), FloorRefusal::None);
        QTRY_VERIFY(std::any_of(answers.begin(), answers.end(), [](const QList<QVariant> &args) {
            return args.at(0).value<protocol::FloorDecision>() == protocol::FloorDecision::Denied;
        }));
        QVERIFY(!a->holdsFloor());
        a->requestControl();
        QTRY_COMPARE(pending.size(), 2);
        QCOMPARE(host->floor().grant(a->userId()), FloorRefusal::None);
        QTRY_VERIFY(a->holdsFloor());

        // Unicode arrives intact through the injector's spare keycodes.
        const QString unicode = dir.filePath(QStringLiteral("unicode"));
        QVERIFY(a->sendTypedText(QStringLiteral("printf '%s' 'ü€日本 Ab' > ") + unicode + u'\n'));
        QTRY_COMPARE_WITH_TIMEOUT(readFile(unicode), QStringLiteral("ü€日本 Ab"), 10000);

        QVERIFY(readFile(rogue).isEmpty());
        QVERIFY(readFile(late).isEmpty());
        QVERIFY(host->floor().injectedInputEvents() > 0);
    }

    // A gateway (the RDP gateway's viewer) speaks for members with user ids of their own:
    // they join the roster, take the floor and type; the gateway itself cannot type for
    // them without it, and an id it does not hold is a protocol error.
    void gatewayMembersHoldTheFloorUnderTheirOwnIds()
    {
        QTemporaryDir dir;
        const QString ready = dir.filePath(QStringLiteral("ready"));
        test::Xterm xterm(QStringLiteral("members"), test::bashArguments(ready));
        QVERIFY(xterm.windowId() != 0);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready), 20000);
        auto host = shareWindow(xterm.windowId(), FloorPolicy::Auto);
        QVERIFY(host && host->isRunning());
        auto gateway = join(*host, "RDP gateway");
        auto other = join(*host, "other");
        QTRY_VERIFY(!gateway->framebuffer().isNull() && !other->framebuffer().isNull());

        QSignalSpy admitted(gateway.get(), &ViewerSession::memberAdmitted);
        gateway->addMember(7, QStringLiteral("laptop via RDP"), QStringLiteral("10.1.2.3"));
        QTRY_COMPARE(admitted.size(), 1);
        QCOMPARE(admitted.first().at(0).toUInt(), 7u);
        const auto member = uint16_t(admitted.first().at(1).toUInt());
        QVERIFY(member != gateway->userId() && member != other->userId());
        QTRY_VERIFY(other->roster().find(member) != nullptr);
        QCOMPARE(other->roster().find(member)->name, std::string("laptop via RDP from 10.1.2.3"));
        QCOMPARE(host->viewerAddress(member), QHostAddress(QStringLiteral("10.1.2.3")));

        // Not holding the floor: nothing is sent for it.
        QVERIFY(!gateway->sendTypedTextFor(member, QStringLiteral("echo early\n")));
        gateway->requestControlFor(member);
        QTRY_COMPARE(other->floorHolder(), member);
        QVERIFY(!gateway->holdsFloor());
        QVERIFY(!gateway->sendTypedText(QStringLiteral("echo gateway\n")));
        const QString ok = dir.filePath(QStringLiteral("member-ok"));
        QVERIFY(gateway->sendTypedTextFor(member, QStringLiteral("echo member-ok > ") + ok + u'\n'));
        QTRY_COMPARE_WITH_TIMEOUT(readFile(ok), QStringLiteral("member-ok\n"), 10000);
        gateway->releaseControlFor(member);
        QTRY_COMPARE(other->floorHolder(), protocol::kHostUserId);

        // One gateway holds at most kMaxGatewayMembers; the next is refused with a reason.
        QSignalSpy refused(gateway.get(), &ViewerSession::memberRefused);
        for (uint16_t key = 100; key < 100 + protocol::kMaxGatewayMembers; ++key)
            gateway->addMember(key, QStringLiteral("m"), QStringLiteral("10.0.0.1"));
        QTRY_COMPARE(refused.size(), 1);
        QCOMPARE(admitted.size(), int(protocol::kMaxGatewayMembers));
        QVERIFY(!refused.first().at(1).toString().isEmpty());

        // The host removes a member: its gateway hears it and the roster drops it.
        QSignalSpy removed(gateway.get(), &ViewerSession::memberRemoved);
        QVERIFY(host->removeViewer(member, QStringLiteral("test")));
        QTRY_COMPARE(removed.size(), 1);
        QCOMPARE(removed.first().at(0).toUInt(), uint(member));
        QTRY_VERIFY(other->roster().find(member) == nullptr);

        // The gateway leaving takes its members with it.
        const auto lastMember = uint16_t(admitted.last().at(1).toUInt());
        QTRY_VERIFY(other->roster().find(lastMember) != nullptr);
        // Speaking as an id it does not hold (the removed member's) cuts the gateway.
        QSignalSpy ended(gateway.get(), &ViewerSession::ended);
        gateway->connection()->sendPduAs(member, protocol::kHostUserId,
                                         protocol::FloorRequestPdu{member, 0}, 0x00010001);
        QTRY_COMPARE(ended.size(), 1);
        QTRY_VERIFY(other->roster().find(lastMember) == nullptr);
        QTRY_COMPARE(host->roster().size(), std::size_t(2));
    }

    void hostInputTakesTheFloorBack()
    {
        QTemporaryDir dir;
        const QString ready = dir.filePath(QStringLiteral("ready"));
        test::Xterm xterm(QStringLiteral("preempt"), test::bashArguments(ready));
        QVERIFY(xterm.windowId() != 0);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready), 20000);
        auto host = shareWindow(xterm.windowId(), FloorPolicy::Auto);
        QVERIFY(host && host->isRunning());
        auto viewer = join(*host, "holder");
        QTRY_VERIFY(!viewer->framebuffer().isNull());
        viewer->requestControl();
        QTRY_VERIFY(viewer->holdsFloor());
        QTest::qWait(300);

        // The holder's own typing (through the host's injector) keeps the floor.
        const QString typed = dir.filePath(QStringLiteral("typed"));
        QVERIFY(viewer->sendTypedText(QStringLiteral("echo typed > ") + typed + u'\n'));
        QTRY_COMPARE_WITH_TIMEOUT(readFile(typed), QStringLiteral("typed\n"), 10000);
        QTest::qWait(300);
        QVERIFY(viewer->holdsFloor());

        // A key pressed at the host (xdotool is another client, as a person's keyboard
        // would be) takes the floor back at once.
        QSignalSpy revoked(viewer.get(), &ViewerSession::floorRevoked);
        QVERIFY(test::xdotool({QStringLiteral("key"), QStringLiteral("--window"),
                               QString::number(xterm.windowId()), QStringLiteral("space")}));
        QTRY_COMPARE(revoked.size(), 1);
        QCOMPARE(revoked.first().at(0).value<protocol::FloorRevokeReason>(),
                 protocol::FloorRevokeReason::HostInput);
        QTRY_COMPARE(viewer->floorHolder(), protocol::kHostUserId);
    }

    void clicksLandOnThePixelNeverBeside()
    {
        Xev target(QStringLiteral("baton-floor-target"), QStringLiteral("200x150+100+500"));
        Xev beside(QStringLiteral("baton-floor-beside"), QStringLiteral("200x150+300+500"));
        QVERIFY(target.windowId() != 0 && beside.windowId() != 0);
        auto host = shareWindow(target.windowId(), FloorPolicy::Auto);
        QVERIFY(host && host->isRunning());
        auto viewer = join(*host, "clicker");
        QTRY_VERIFY(!viewer->framebuffer().isNull());
        viewer->requestControl();
        QTRY_VERIFY(viewer->holdsFloor());
        QTest::qWait(200);

        QVERIFY(viewer->sendPointer({PointerInput::Type::Press, {37, 21}, 1, 0, 0}));
        QVERIFY(viewer->sendPointer({PointerInput::Type::Release, {37, 21}, 1, 0, 0}));
        QTRY_VERIFY_WITH_TIMEOUT(target.output().contains(QLatin1String("(37,21)")), 5000);
        // Far to the right: clamped to the window's last column, never into the neighbour.
        QVERIFY(viewer->sendPointer({PointerInput::Type::Press, {5000, 40}, 3, 0, 0}));
        QVERIFY(viewer->sendPointer({PointerInput::Type::Release, {5000, 40}, 3, 0, 0}));
        QTRY_VERIFY_WITH_TIMEOUT(target.output().contains(QLatin1String("(199,40)")), 5000);
        QVERIFY(viewer->sendPointer({PointerInput::Type::Wheel, {10, 10}, 0, 0, 120}));
        QTRY_VERIFY_WITH_TIMEOUT(target.output().contains(QLatin1String("button 4")), 5000);
        QTest::qWait(300);
        QVERIFY2(!beside.output().contains(QLatin1String("ButtonPress")),
                 qPrintable(beside.output()));
    }

private:
    std::unique_ptr<XcbConnection> server_;
};

QTEST_GUILESS_MAIN(TestFloorWire)
#include "tst_floorwire.moc"
