#include "core/net/HostHandshake.h"
#include "core/protocol/PduEncoder.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace baton;
using net::HostHandshake;
using protocol::CloseReason;
using std::chrono::milliseconds;

namespace {

protocol::Pdu helloPdu(const std::string &passcode, const std::string &session = "s1")
{
    protocol::HelloPdu hello;
    hello.sessionId = session;
    hello.passcode = passcode;
    hello.displayName = "Ada";
    return {{protocol::kUnassignedUserId, 0, protocol::StreamId::Medium}, hello};
}

QByteArray helloFrame(const protocol::Pdu &pdu)
{
    const auto frame = protocol::PduEncoder::encodeFrame(protocol::SendDataKind::Request,
                                                         protocol::kHostUserId, pdu);
    if (!frame)
        qFatal("cannot encode a seed");
    return QByteArray(reinterpret_cast<const char *>(frame->data()), qsizetype(frame->size()));
}

// The seed corpus of the `handshake` fuzz target (tests/fuzz/corpus/handshake): each seed
// is the byte stream a viewer might open with (policy: session s1, passcode opensesame).
QList<std::pair<QString, QByteArray>> handshakeSeeds()
{
    QList<std::pair<QString, QByteArray>> seeds;
    seeds.append({QStringLiteral("hello_accepted"), helloFrame(helloPdu("opensesame"))});
    seeds.append({QStringLiteral("hello_wrong_passcode"), helloFrame(helloPdu("guess"))});
    seeds.append(
        {QStringLiteral("hello_unknown_session"), helloFrame(helloPdu("opensesame", "s2"))});
    protocol::Pdu full = helloPdu("opensesame");
    auto &hello = std::get<protocol::HelloPdu>(full.body);
    hello.featureFlags = protocol::HelloPdu::kFeatureFrameAck | protocol::HelloPdu::kFeatureInput;
    hello.codecIds = {1, 2, 3};
    hello.displayName = "Ada Lovelace (Analytical Engine)";
    hello.software = "Baton 0.1.0";
    seeds.append({QStringLiteral("hello_all_fields"), helloFrame(full)});
    hello.versionMajor = protocol::kProtocolMajor + 1;
    seeds.append({QStringLiteral("hello_next_major_version"), helloFrame(full)});
    QByteArray bruteForce;
    for (int i = 0; i < 5; ++i)
        bruteForce += helloFrame(helloPdu("guess" + std::to_string(i)));
    bruteForce += helloFrame(helloPdu("opensesame"));
    seeds.append({QStringLiteral("five_wrong_then_right"), bruteForce});
    QByteArray crowd;
    for (int i = 0; i < 6; ++i)
        crowd += helloFrame(helloPdu("opensesame"));
    seeds.append({QStringLiteral("six_viewers"), crowd});
    protocol::Pdu goodbye{{protocol::kUnassignedUserId, 0, protocol::StreamId::High},
                          protocol::GoodbyePdu{CloseReason::ViewerLeft, "changed my mind"}};
    seeds.append({QStringLiteral("goodbye_first"), helloFrame(goodbye)});
    return seeds;
}

CloseReason refusal(const HostHandshake::Decision &decision)
{
    const auto *refuse = std::get_if<HostHandshake::Refuse>(&decision);
    return refuse ? refuse->reason : CloseReason::Unknown;
}

} // namespace

// The host's join decisions without sockets; the AttemptLimiter runs on a fake clock.
class TestHostHandshake : public QObject {
    Q_OBJECT
private:
    milliseconds now_{0};
    net::HandshakePolicy policy_{"s1", "opensesame", "Host"};
    const QHostAddress peer_{QStringLiteral("203.0.113.5")};

    HostHandshake::Decision run(net::UserIdAllocator &ids, net::AttemptLimiter &limiter,
                                const protocol::Pdu &pdu)
    {
        HostHandshake handshake(policy_, ids, limiter, peer_);
        auto decision = handshake.onPdu(pdu);
        // One decision per handshake: whatever follows is left to the connection.
        if (!std::holds_alternative<std::monostate>(handshake.onPdu(pdu)))
            qFatal("a second decision");
        return decision;
    }

private slots:
    void acceptsTheRightPasscodeWithUniqueIds()
    {
        net::UserIdAllocator ids(protocol::kFirstViewerUserId);
        net::AttemptLimiter limiter([this] { return now_; });
        const auto first = run(ids, limiter, helloPdu("opensesame"));
        const auto *accept = std::get_if<HostHandshake::Accept>(&first);
        QVERIFY(accept);
        QCOMPARE(accept->hello.displayName, std::string("Ada"));
        QCOMPARE(accept->welcome.userId, protocol::kFirstViewerUserId);
        QVERIFY(accept->welcome.userId >= 1001);
        QCOMPARE(accept->welcome.userChannelId, accept->welcome.userId);
        QCOMPARE(accept->welcome.hostUserId, protocol::kHostUserId);
        QCOMPARE(accept->welcome.broadcastChannelId, protocol::kBroadcastChannelId);
        QCOMPARE(accept->welcome.role, protocol::Role::Viewer);
        QCOMPARE(accept->welcome.sessionId, std::string("s1"));
        QCOMPARE(accept->welcome.hostName, std::string("Host"));

        const auto second = run(ids, limiter, helloPdu("opensesame"));
        QCOMPARE(std::get<HostHandshake::Accept>(second).welcome.userId,
                 uint16_t(protocol::kFirstViewerUserId + 1));
    }

    void refusals_data()
    {
        QTest::addColumn<int>("reason");
        QTest::addColumn<bool>("counted");
        QTest::newRow("wrong passcode") << int(CloseReason::WrongPasscode) << true;
        QTest::newRow("empty passcode") << int(CloseReason::WrongPasscode) << true;
        QTest::newRow("passcode prefix") << int(CloseReason::WrongPasscode) << true;
        QTest::newRow("unknown session") << int(CloseReason::SessionNotFound) << true;
        QTest::newRow("newer major version") << int(CloseReason::VersionMismatch) << false;
        QTest::newRow("not a Hello") << int(CloseReason::ProtocolError) << false;
        QTest::newRow("Hello as an assigned user") << int(CloseReason::ProtocolError) << false;
    }

    void refusals()
    {
        QFETCH(int, reason);
        QFETCH(bool, counted);
        const QByteArray tag = QTest::currentDataTag();
        protocol::Pdu pdu = helloPdu("wrong");
        auto &hello = std::get<protocol::HelloPdu>(pdu.body);
        if (tag == "empty passcode")
            hello.passcode.clear();
        else if (tag == "passcode prefix")
            hello.passcode = "opensesam";
        else if (tag == "unknown session")
            pdu = helloPdu("opensesame", "other");
        else if (tag == "newer major version")
            hello.versionMajor = protocol::kProtocolMajor + 1;
        else if (tag == "not a Hello")
            pdu.body = protocol::GoodbyePdu{};
        else if (tag == "Hello as an assigned user") {
            pdu = helloPdu("opensesame");
            pdu.context.source = 1010;
        }

        net::UserIdAllocator ids(protocol::kFirstViewerUserId);
        net::AttemptLimiter limiter([this] { return now_; });
        const auto decision = run(ids, limiter, pdu);
        QCOMPARE(int(refusal(decision)), reason);
        QCOMPARE(limiter.trackedSources(), counted ? 1 : 0);
        QCOMPARE(ids.inUseCount(), size_t(0));
    }

    void blockedAddressIsRefusedWithoutLookingAtThePasscode()
    {
        net::UserIdAllocator ids(protocol::kFirstViewerUserId);
        net::AttemptLimiter limiter([this] { return now_; });
        for (int i = 0; i < 5; ++i)
            QCOMPARE(refusal(run(ids, limiter, helloPdu("guess" + std::to_string(i)))),
                     CloseReason::WrongPasscode);
        // Even the right passcode is refused while blocked.
        const auto blocked = run(ids, limiter, helloPdu("opensesame"));
        QCOMPARE(refusal(blocked), CloseReason::RateLimited);
        QCOMPARE(std::get<HostHandshake::Refuse>(blocked).detail, std::string("try again in 60 s"));
        now_ += std::chrono::seconds(60);
        QVERIFY(std::holds_alternative<HostHandshake::Accept>(
            run(ids, limiter, helloPdu("opensesame"))));
        QCOMPARE(limiter.trackedSources(), 0);
    }

    void noPasscodeMeansAnyPasscode()
    {
        policy_.passcode.clear();
        net::UserIdAllocator ids(protocol::kFirstViewerUserId);
        net::AttemptLimiter limiter([this] { return now_; });
        QVERIFY(std::holds_alternative<HostHandshake::Accept>(run(ids, limiter, helloPdu("x"))));
        policy_.passcode = "opensesame";
    }

    void fullSessionIsRefused()
    {
        net::UserIdAllocator ids(protocol::kFirstViewerUserId, protocol::kFirstViewerUserId);
        net::AttemptLimiter limiter([this] { return now_; });
        QVERIFY(std::holds_alternative<HostHandshake::Accept>(
            run(ids, limiter, helloPdu("opensesame"))));
        QCOMPARE(refusal(run(ids, limiter, helloPdu("opensesame"))), CloseReason::SessionFull);
        ids.release(protocol::kFirstViewerUserId);
        QVERIFY(std::holds_alternative<HostHandshake::Accept>(
            run(ids, limiter, helloPdu("opensesame"))));
    }

    void decodeErrorIsAProtocolError()
    {
        net::UserIdAllocator ids(protocol::kFirstViewerUserId);
        net::AttemptLimiter limiter([this] { return now_; });
        HostHandshake handshake(policy_, ids, limiter, peer_);
        const auto decision = handshake.onDecodeError("truncated at byte 2 (TPKT header)");
        QCOMPARE(refusal(decision), CloseReason::ProtocolError);
        QCOMPARE(std::get<HostHandshake::Refuse>(decision).detail,
                 std::string("protocol error: truncated at byte 2 (TPKT header)"));
    }

    void passcodeComparison()
    {
        QVERIFY(HostHandshake::passcodesEqual("", ""));
        QVERIFY(HostHandshake::passcodesEqual("abc", "abc"));
        QVERIFY(!HostHandshake::passcodesEqual("abc", "abd"));
        QVERIFY(!HostHandshake::passcodesEqual("abc", "abcd"));
        QVERIFY(!HostHandshake::passcodesEqual("", "a"));
    }

    // The committed seeds must be what today's encoder writes; regenerate them with
    // BATON_WRITE_FUZZ_SEEDS=1 when the Hello layout changes.
    void fuzzSeedCorpusIsCurrent()
    {
        const QDir corpus(QStringLiteral(BATON_HANDSHAKE_CORPUS_DIR));
        const bool write = qEnvironmentVariableIsSet("BATON_WRITE_FUZZ_SEEDS");
        if (write)
            QVERIFY(corpus.mkpath(QStringLiteral(".")));
        for (const auto &[name, bytes] : handshakeSeeds()) {
            QFile file(corpus.filePath(name));
            if (write) {
                QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
                file.write(bytes);
                continue;
            }
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            QVERIFY2(file.readAll() == bytes,
                     qPrintable(
                         name +
                         QStringLiteral(" is stale: run this test with BATON_WRITE_FUZZ_SEEDS=1")));
        }
    }

    void userIdsAreLowestFreeAndReused()
    {
        net::UserIdAllocator ids(1004, 1006);
        QCOMPARE(*ids.allocate(), uint16_t(1004));
        QCOMPARE(*ids.allocate(), uint16_t(1005));
        QCOMPARE(*ids.allocate(), uint16_t(1006));
        QVERIFY(!ids.allocate());
        ids.release(1005);
        QVERIFY(!ids.inUse(1005));
        QCOMPARE(*ids.allocate(), uint16_t(1005));
        net::UserIdAllocator top(0xFFFF);
        QCOMPARE(*top.allocate(), uint16_t(0xFFFF));
        QVERIFY(!top.allocate());
    }
};

QTEST_GUILESS_MAIN(TestHostHandshake)
#include "tst_hosthandshake.moc"
