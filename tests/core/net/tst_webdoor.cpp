// The host's one port as a browser sees it, over real TLS 1.3 on 127.0.0.1: the web
// viewer's files (from this test's own resources under /baton/web), HTTP errors and their
// bounds, the handshake deadline, and viewers that join over a WebSocket through the same
// join handshake as native ones, next to a native viewer. The test's thread is the host's
// session thread.

#include "LoopbackJoin.h"
#include "core/capture/SyntheticWindowSource.h"
#include "core/net/HostListener.h"
#include "core/net/WebSite.h"
#include "core/net/WebSocketWire.h"
#include "core/protocol/ActivationPdus.h"
#include "core/session/HostSession.h"

#include <QNetworkRequest>
#include <QPointer>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>
#include <QWebSocket>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>

using namespace baton;
using net::CloseInfo;
using net::Connection;
using protocol::CloseReason;
using test::hostIdentity;

namespace {

constexpr auto kPasscode = "opensesame";

QSslConfiguration anyCertificate()
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}

QByteArray resource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("test resource %s is missing", qPrintable(path));
    return file.readAll();
}

struct HttpResponse {
    int status = 0;
    std::map<QByteArray, QByteArray> headers; // names lower-case
    QByteArray body;
    bool closedByHost = false;
};

// The response as the host sent it, split up; status 0 when none came.
HttpResponse parseResponse(const QByteArray &bytes)
{
    HttpResponse response;
    const qsizetype headEnd = bytes.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return response;
    const QList<QByteArray> lines = bytes.first(headEnd).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() < 2 || statusLine[0] != "HTTP/1.1")
        return response;
    response.status = statusLine[1].toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        response.headers[line.first(colon).toLower()] = line.sliced(colon + 1).trimmed();
    }
    response.body = bytes.sliced(headEnd + 4);
    return response;
}

// What a joined viewer's end saw.
struct ViewerEnd {
    QPointer<Connection> connection;
    QPointer<QWebSocket> webSocket; // the transport under it, for sending what a page would not
    std::optional<protocol::WelcomePdu> welcome;
    QList<protocol::Pdu> received; // after the Welcome
    std::optional<CloseInfo> closed;
};

} // namespace

class TestWebDoor : public QObject {
    Q_OBJECT
private:
    QList<QPointer<Connection>> joined_; // the host's ends, in join order
    QList<uint16_t> joinedIds_;
    QList<CloseInfo> refused_;
    std::vector<std::unique_ptr<ViewerEnd>> viewers_;

    std::unique_ptr<net::HostListener> startHost(net::HostListenerConfig config = {})
    {
        config.bindAddress = QHostAddress::LocalHost;
        config.port = 0;
        config.policy = {"s1", kPasscode, "Test host"};
        auto host = std::make_unique<net::HostListener>(hostIdentity(), config);
        connect(host.get(), &net::HostListener::viewerJoined, this,
                [this](Connection *connection, const protocol::HelloPdu &,
                       const protocol::WelcomePdu &welcome) {
                    joined_ << connection;
                    joinedIds_ << welcome.userId;
                });
        connect(host.get(), &net::HostListener::viewerRefused, this,
                [this](const QHostAddress &, const CloseInfo &info) { refused_ << info; });
        QString error;
        if (!host->start(&error))
            qFatal("cannot start the host: %s", qPrintable(error));
        return host;
    }

    // A TLS client that sends request and reads until the host closes.
    static HttpResponse exchange(quint16 port, const QByteArray &request)
    {
        QSslSocket socket;
        socket.setSslConfiguration(anyCertificate());
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        if (!QTest::qWaitFor([&] { return socket.isEncrypted(); }, 10'000))
            return {};
        socket.write(request);
        QByteArray bytes;
        const bool closed = QTest::qWaitFor(
            [&] {
                bytes += socket.readAll();
                return socket.state() == QAbstractSocket::UnconnectedState;
            },
            10'000);
        bytes += socket.readAll();
        HttpResponse response = parseResponse(bytes);
        response.closedByHost = closed;
        return response;
    }

    static QByteArray get(const QByteArray &target, const QByteArray &method = "GET")
    {
        return method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: test\r\n\r\n";
    }

    static QString originOf(quint16 port)
    {
        return QStringLiteral("https://127.0.0.1:%1").arg(port);
    }

    // A page's WebSocket to /ws that sends a Hello with passcode once open; the Welcome
    // (or the Goodbye) fills in as the event loop runs.
    ViewerEnd *joinOverWebSocket(quint16 port, const std::string &passcode,
                                 const QString &origin = {})
    {
        auto end = std::make_unique<ViewerEnd>();
        ViewerEnd *viewer = end.get();
        viewers_.push_back(std::move(end));
        auto *webSocket = new QWebSocket(origin.isEmpty() ? originOf(port) : origin);
        viewer->webSocket = webSocket;
        // The host's certificate is self-signed and names no address: a browser asks the
        // person to accept it; here it is accepted as the errors come.
        connect(webSocket, &QWebSocket::sslErrors, webSocket,
                [webSocket] { webSocket->ignoreSslErrors(); });
        connect(webSocket, &QWebSocket::connected, this, [this, viewer, webSocket, passcode] {
            auto *wire = new net::WebSocketWire(webSocket);
            auto *connection =
                new Connection(wire, Connection::Side::Viewer, Connection::Limits(), this);
            viewer->connection = connection;
            connect(connection, &Connection::closed, this,
                    [viewer](const CloseInfo &info) { viewer->closed = info; });
            connect(connection, &Connection::pduReceived, this,
                    [viewer, connection](const protocol::Pdu &pdu) {
                        if (viewer->welcome) {
                            viewer->received << pdu;
                            return;
                        }
                        const auto *welcome = std::get_if<protocol::WelcomePdu>(&pdu.body);
                        if (!welcome)
                            qFatal("the host's first PDU is not a Welcome");
                        viewer->welcome = *welcome;
                        connection->setUserIds(welcome->userId, welcome->hostUserId);
                    });
            protocol::HelloPdu hello;
            hello.featureFlags = 0x1 | 0x2 | 0x4 | 0x8 | 0x10;
            hello.sessionId = "s1";
            hello.displayName = "Browser";
            hello.passcode = passcode;
            hello.software = "Baton web test";
            connection->sendPdu(protocol::kHostUserId, std::move(hello));
        });
        connect(webSocket, &QWebSocket::disconnected, this, [viewer] {
            if (!viewer->connection && !viewer->closed)
                viewer->closed =
                    CloseInfo{CloseReason::ConnectionLost, CloseInfo::Origin::Transport,
                              QStringLiteral("the WebSocket did not open")};
        });
        webSocket->open(QNetworkRequest(QUrl(QStringLiteral("wss://127.0.0.1:%1/ws").arg(port))));
        return viewer;
    }

private slots:
    void init()
    {
        joined_.clear();
        joinedIds_.clear();
        refused_.clear();
        viewers_.clear();
    }

    void cleanup()
    {
        for (const auto &viewer : viewers_) {
            delete viewer->connection;
            delete viewer->webSocket;
        }
        viewers_.clear();
        for (const auto &connection : joined_)
            delete connection;
    }

    void thePageAndItsModulesAreServed_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("contentType");
        QTest::newRow("page") << QByteArray("GET") << QByteArray("/s/s1")
                              << QStringLiteral(":/baton/web/src/index.html")
                              << QByteArray("text/html; charset=utf-8");
        QTest::newRow("page with a query") << QByteArray("GET") << QByteArray("/s/s1?lang=en")
                                           << QStringLiteral(":/baton/web/src/index.html")
                                           << QByteArray("text/html; charset=utf-8");
        QTest::newRow("module") << QByteArray("GET") << QByteArray("/assets/src/main.js")
                                << QStringLiteral(":/baton/web/src/main.js")
                                << QByteArray("text/javascript; charset=utf-8");
        QTest::newRow("HEAD of the page") << QByteArray("HEAD") << QByteArray("/s/s1")
                                          << QStringLiteral(":/baton/web/src/index.html")
                                          << QByteArray("text/html; charset=utf-8");
    }

    void thePageAndItsModulesAreServed()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QString, file);
        QFETCH(QByteArray, contentType);
        auto host = startHost();
        const HttpResponse response = exchange(host->port(), get(target, method));
        QCOMPARE(response.status, 200);
        QVERIFY(response.closedByHost);
        const QByteArray content = resource(file);
        QCOMPARE(response.headers.at("content-type"), contentType);
        QCOMPARE(response.headers.at("content-length"), QByteArray::number(content.size()));
        QCOMPARE(response.headers.at("connection"), QByteArray("close"));
        QCOMPARE(response.headers.at("x-content-type-options"), QByteArray("nosniff"));
        QCOMPARE(response.headers.at("referrer-policy"), QByteArray("no-referrer"));
        QCOMPARE(response.headers.at("cross-origin-opener-policy"), QByteArray("same-origin"));
        QCOMPARE(response.headers.at("cache-control"), QByteArray("no-cache"));
        QVERIFY(response.headers.at("content-security-policy").startsWith("default-src 'self';"));
        QVERIFY(response.headers.at("content-security-policy").contains("frame-ancestors 'none'"));
        QCOMPARE(response.body, method == "HEAD" ? QByteArray() : content);
        // Served, not refused; and the slot is free again.
        QVERIFY(refused_.isEmpty());
        QTRY_COMPARE(host->pendingHandshakes(), 0);
    }

    void requestsTheHostDoesNotServeGetAnErrorAndTheConnectionEnds_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("unknown path") << get("/favicon.ico") << 404;
        QTest::newRow("bad session id") << get("/s/a.b") << 404;
        QTest::newRow("traversal") << get("/assets/../src/index.html") << 404;
        QTest::newRow("traversal inside") << get("/assets/src/../src/main.js") << 404;
        QTest::newRow("encoded traversal") << get("/assets/src/%2e%2e/src/main.js") << 404;
        QTest::newRow("leading slash") << get("/assets//src/main.js") << 404;
        QTest::newRow("a folder") << get("/assets/src") << 404;
        QTest::newRow("POST") << get("/s/s1", "POST") << 405;
        QTest::newRow("no Host") << QByteArray("GET /s/s1 HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("bare LF") << QByteArray("GET /s/s1 HTTP/1.1\nHost: x\n\n\r\n\r\n") << 400;
        QTest::newRow("HTTP/2.0") << QByteArray("GET /s/s1 HTTP/2.0\r\nHost: x\r\n\r\n") << 505;
        QTest::newRow("long target") << get("/" + QByteArray(3000, 'a')) << 414;
        QTest::newRow("/ws, no upgrade") << get("/ws") << 400;
        QTest::newRow("/ws, foreign origin")
            << QByteArray("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nOrigin: https://evil.example\r\n"
                          "Sec-WebSocket-Version: 13\r\n"
                          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
            << 403;
    }

    void requestsTheHostDoesNotServeGetAnErrorAndTheConnectionEnds()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        auto host = startHost();
        const HttpResponse response = exchange(host->port(), request);
        QCOMPARE(response.status, status);
        QVERIFY(response.closedByHost);
        QCOMPARE(response.headers.at("connection"), QByteArray("close"));
        QCOMPARE(response.headers.at("content-type"), QByteArray("text/plain; charset=utf-8"));
        QVERIFY(response.headers.count("content-security-policy"));
        QCOMPARE(response.headers.at("content-length"), QByteArray::number(response.body.size()));
        if (status == 405)
            QCOMPARE(response.headers.at("allow"), QByteArray("GET, HEAD"));
        // A missing file is no refusal; a request the host will not answer is one.
        if (status == 404) {
            QVERIFY(refused_.isEmpty());
        } else {
            QTRY_COMPARE(refused_.size(), 1);
            QCOMPARE(refused_.first().reason, CloseReason::ProtocolError);
            QVERIFY2(refused_.first().detail.contains(QString::number(status)),
                     qPrintable(refused_.first().detail));
        }
        QTRY_COMPARE(host->pendingHandshakes(), 0);
    }

    void anOversizedHeadGets431AndTheHostReadsNoFurther()
    {
        auto host = startHost();
        // 64 KiB of header lines without the blank line that would end them.
        QByteArray request = "GET /s/s1 HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        while (request.size() < 64 * 1024)
            request += "X-Filler: " + QByteArray(100, 'x') + "\r\n";
        const HttpResponse response = exchange(host->port(), request);
        QCOMPARE(response.status, 431);
        QVERIFY(response.closedByHost);
        QTRY_COMPARE(refused_.size(), 1);
        QTRY_COMPARE(host->pendingHandshakes(), 0);
    }

    void firstBytesThatAreNeitherTpktNorHttpAreCut_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("lower case") << QByteArray("get / HTTP/1.1\r\n\r\n");
        QTest::newRow("binary") << QByteArray("\x16\x03\x01", 3);
    }

    void firstBytesThatAreNeitherTpktNorHttpAreCut()
    {
        QFETCH(QByteArray, bytes);
        auto host = startHost();
        const HttpResponse response = exchange(host->port(), bytes);
        QCOMPARE(response.status, 0);
        QVERIFY(response.closedByHost);
        QTRY_COMPARE(refused_.size(), 1);
        QCOMPARE(refused_.first().reason, CloseReason::ProtocolError);
        QVERIFY2(refused_.first().detail.contains(QLatin1String("neither")),
                 qPrintable(refused_.first().detail));
        QCOMPARE(host->pendingHandshakes(), 0);
    }

    void aSlowRequestIsCutAtTheHandshakeDeadline()
    {
        net::HostListenerConfig config;
        config.handshakeTimeoutMs = 1'000;
        auto host = startHost(config);
        QSslSocket socket;
        socket.setSslConfiguration(anyCertificate());
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), host->port());
        QTRY_VERIFY(socket.isEncrypted());
        // Half a request head, then nothing.
        socket.write("GET /s/s1 HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        QTRY_COMPARE(host->pendingHandshakes(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 20'000);
        QCOMPARE(refused_.size(), 1);
        QCOMPARE(refused_.first().reason, CloseReason::Timeout);
        QCOMPARE(host->pendingHandshakes(), 0);
    }

    void aSiteWithoutThePageSaysSo()
    {
        const net::WebSite site(QStringLiteral(":/no/such/folder"));
        auto parsed = net::HttpRequest::parse(get("/s/s1"));
        const auto response = site.answer(std::get<net::HttpRequest>(parsed));
        QCOMPARE(response.status, 503);
        QVERIFY(response.bytes.contains("built without the web viewer"));
    }

    void aBrowserInASessionIsActivatedAsANativeViewerIs()
    {
        // A real share: after the Welcome the session itself takes the connection over from
        // the door's thread and activates the viewer.
        HostSession session(
            std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Typing, 320, 200),
            hostIdentity(), loopbackConfig("s1", "Test host"));
        QString error;
        QVERIFY2(session.start(&error), qPrintable(error));
        QSignalSpy joined(&session, &HostSession::viewerJoined);
        ViewerEnd *viewer = joinOverWebSocket(session.port(), "");
        QTRY_VERIFY_WITH_TIMEOUT(viewer->welcome || viewer->closed, 10'000);
        QVERIFY2(viewer->welcome, qPrintable(viewer->closed->text()));
        const auto hasDemandActive = [viewer] {
            return std::any_of(
                viewer->received.begin(), viewer->received.end(), [](const protocol::Pdu &pdu) {
                    return std::holds_alternative<protocol::DemandActivePdu>(pdu.body);
                });
        };
        QTRY_VERIFY_WITH_TIMEOUT(hasDemandActive(), 10'000);
        QCOMPARE(joined.size(), 1);
    }

    void aBrowserJoinsOverTheWebSocketAndTalksBothWays()
    {
        auto host = startHost();
        ViewerEnd *viewer = joinOverWebSocket(host->port(), kPasscode);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->welcome || viewer->closed, 10'000);
        QVERIFY2(viewer->welcome, qPrintable(viewer->closed->text()));
        QTRY_COMPARE(joined_.size(), 1);
        QCOMPARE(joinedIds_.first(), viewer->welcome->userId);
        QCOMPARE(viewer->welcome->sessionId, std::string("s1"));
        Connection *atHost = joined_.first();
        QCOMPARE(atHost->tlsProtocol(), QSsl::TlsV1_3);
        QVERIFY(viewer->connection->isEncrypted());
        QCOMPARE(host->pendingHandshakes(), 0);

        // Host to browser, and browser to host, after the Welcome.
        protocol::WelcomePdu downstream = *viewer->welcome;
        downstream.hostName = "downstream";
        QVERIFY(atHost->sendPdu(protocol::kBroadcastChannelId, downstream));
        QTRY_COMPARE(viewer->received.size(), 1);
        QCOMPARE(std::get<protocol::WelcomePdu>(viewer->received.first().body).hostName,
                 downstream.hostName);
        QList<protocol::Pdu> atHostReceived;
        connect(atHost, &Connection::pduReceived, this,
                [&](const protocol::Pdu &pdu) { atHostReceived << pdu; });
        protocol::HelloPdu upstream;
        upstream.displayName = "upstream";
        QVERIFY(viewer->connection->sendPdu(protocol::kHostUserId, upstream));
        QTRY_COMPARE(atHostReceived.size(), 1);
        QCOMPARE(std::get<protocol::HelloPdu>(atHostReceived.first().body).displayName,
                 upstream.displayName);

        // The browser leaves with a Goodbye, as a native viewer does.
        std::optional<CloseInfo> hostSaw;
        connect(atHost, &Connection::closed, this, [&](const CloseInfo &info) { hostSaw = info; });
        viewer->connection->close(CloseReason::ViewerLeft);
        QTRY_VERIFY(hostSaw);
        QCOMPARE(hostSaw->reason, CloseReason::ViewerLeft);
        QCOMPARE(hostSaw->origin, CloseInfo::Origin::Peer);
    }

    void aWrongPasscodeOverTheWebSocketGetsGoodbye()
    {
        auto host = startHost();
        ViewerEnd *viewer = joinOverWebSocket(host->port(), "wrong");
        QTRY_VERIFY_WITH_TIMEOUT(viewer->closed, 10'000);
        QCOMPARE(viewer->closed->reason, CloseReason::WrongPasscode);
        QCOMPARE(viewer->closed->origin, CloseInfo::Origin::Peer);
        QVERIFY(!viewer->welcome);
        QTRY_COMPARE(refused_.size(), 1);
        QCOMPARE(refused_.first().reason, CloseReason::WrongPasscode);
        QTRY_COMPARE(host->pendingHandshakes(), 0);
        QVERIFY(joined_.isEmpty());
    }

    void aWebSocketFromAnotherOriginIsRefused()
    {
        auto host = startHost();
        ViewerEnd *viewer =
            joinOverWebSocket(host->port(), kPasscode, QStringLiteral("https://evil.example"));
        QTRY_VERIFY_WITH_TIMEOUT(viewer->closed, 10'000);
        QVERIFY(!viewer->connection);
        QTRY_COMPARE(refused_.size(), 1);
        QVERIFY2(refused_.first().detail.contains(QLatin1String("403")),
                 qPrintable(refused_.first().detail));
        QVERIFY(joined_.isEmpty());
    }

    void aWebSocketWithoutAHelloIsToldAtTheDeadline()
    {
        net::HostListenerConfig config;
        config.handshakeTimeoutMs = 1'000;
        auto host = startHost(config);
        QWebSocket *webSocket = new QWebSocket(originOf(host->port()));
        connect(webSocket, &QWebSocket::sslErrors, webSocket,
                [webSocket] { webSocket->ignoreSslErrors(); });
        webSocket->open(
            QNetworkRequest(QUrl(QStringLiteral("wss://127.0.0.1:%1/ws").arg(host->port()))));
        QTRY_COMPARE(webSocket->state(), QAbstractSocket::ConnectedState);
        QPointer<Connection> viewer =
            new Connection(new net::WebSocketWire(webSocket), Connection::Side::Viewer,
                           Connection::Limits(), this);
        std::optional<CloseInfo> closed;
        connect(viewer, &Connection::closed, this, [&](const CloseInfo &info) { closed = info; });
        // The upgrade kept the connection's deadline: it ends with a Goodbye that says so.
        QTRY_VERIFY_WITH_TIMEOUT(closed, 20'000);
        QCOMPARE(closed->reason, CloseReason::Timeout);
        QCOMPARE(closed->origin, CloseInfo::Origin::Peer);
        QTRY_COMPARE(refused_.size(), 1);
        QCOMPARE(refused_.first().reason, CloseReason::Timeout);
        QCOMPARE(host->pendingHandshakes(), 0);
    }

    void aMessageLargerThanAHelloBeforeTheWelcomeIsRefused()
    {
        auto host = startHost();
        QWebSocket webSocket(originOf(host->port()));
        connect(&webSocket, &QWebSocket::sslErrors, &webSocket,
                [&webSocket] { webSocket.ignoreSslErrors(); });
        webSocket.open(
            QNetworkRequest(QUrl(QStringLiteral("wss://127.0.0.1:%1/ws").arg(host->port()))));
        QTRY_COMPARE(webSocket.state(), QAbstractSocket::ConnectedState);
        // A TPKT header announcing a 64 KiB frame, in one message: Qt refuses the message
        // from its header, before it holds the payload.
        QByteArray message(64 * 1024, '\0');
        message[0] = 0x03;
        message[2] = char(0xFF);
        message[3] = char(0xFF);
        webSocket.sendBinaryMessage(message);
        QTRY_COMPARE(refused_.size(), 1);
        QCOMPARE(refused_.first().reason, CloseReason::ProtocolError);
        QVERIFY2(refused_.first().detail.contains(QLatin1String("1009")),
                 qPrintable(refused_.first().detail));
        QTRY_COMPARE(webSocket.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(webSocket.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        QCOMPARE(host->pendingHandshakes(), 0);
    }

    void misbehavingWebSocketIsCutWhileANativeViewerCarriesOn_data()
    {
        QTest::addColumn<bool>("text");
        QTest::addColumn<QString>("detail");
        QTest::newRow("text message") << true << QStringLiteral("text message on the WebSocket");
        QTest::newRow("garbage bytes") << false << QStringLiteral("protocol error");
    }

    void misbehavingWebSocketIsCutWhileANativeViewerCarriesOn()
    {
        QFETCH(bool, text);
        QFETCH(QString, detail);
        auto host = startHost();
        auto native = test::startJoin(host->inviteLink(QStringLiteral("127.0.0.1")), "native");
        ViewerEnd *browser = joinOverWebSocket(host->port(), kPasscode);
        QTRY_VERIFY_WITH_TIMEOUT(native->done() && (browser->welcome || browser->closed), 10'000);
        QVERIFY2(native->connection, qPrintable(native->failure->text()));
        QVERIFY2(browser->welcome, qPrintable(browser->closed->text()));
        QTRY_COMPARE(joined_.size(), 2);
        Connection *hostToNative = joined_[joinedIds_.indexOf(native->welcome.userId)];
        Connection *hostToBrowser = joined_[joinedIds_.indexOf(browser->welcome->userId)];
        std::optional<CloseInfo> hostSaw;
        connect(hostToBrowser, &Connection::closed, this,
                [&](const CloseInfo &info) { hostSaw = info; });
        QList<protocol::Pdu> atNative;
        connect(native->connection, &Connection::pduReceived, this,
                [&](const protocol::Pdu &pdu) { atNative << pdu; });

        if (text)
            browser->webSocket->sendTextMessage(QStringLiteral("hello?"));
        else
            browser->webSocket->sendBinaryMessage(QByteArray(64, '\xff'));

        QTRY_VERIFY(hostSaw);
        QCOMPARE(hostSaw->reason, CloseReason::ProtocolError);
        QCOMPARE(hostSaw->origin, CloseInfo::Origin::Local);
        QVERIFY2(hostSaw->detail.contains(detail), qPrintable(hostSaw->detail));
        // The browser is told why before its WebSocket closes.
        QTRY_VERIFY(browser->closed);
        QCOMPARE(browser->closed->reason, CloseReason::ProtocolError);
        QCOMPARE(browser->closed->origin, CloseInfo::Origin::Peer);

        // The native viewer still gets what the host sends.
        QVERIFY(hostToNative->sendPdu(protocol::kBroadcastChannelId, native->welcome));
        QTRY_COMPARE(atNative.size(), 1);
        QVERIFY(native->connection->isOpen());
        delete native->connection;
    }
};

QTEST_GUILESS_MAIN(TestWebDoor)
#include "tst_webdoor.moc"
