// HttpRequest: the request heads the host's door accepts, and the status each malformed or
// oversized one gets.

#include "core/net/HttpRequest.h"

#include <QTest>

using baton::net::HttpRequest;

class TestHttpRequest : public QObject {
    Q_OBJECT
private slots:
    void aBrowsersRequestParses()
    {
        const QByteArray head = "GET /s/abc?x=1 HTTP/1.1\r\n"
                                "Host: 127.0.0.1:5900\r\n"
                                "upgrade:websocket  \r\n"
                                "Sec-WebSocket-Key: \t dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                "X-Empty:\r\n"
                                "\r\n";
        QCOMPARE(HttpRequest::headLength(head + "trailing body"), head.size());
        QVERIFY(!HttpRequest::headLength(head.first(head.size() - 1)));
        auto parsed = HttpRequest::parse(head);
        QVERIFY(std::holds_alternative<HttpRequest>(parsed));
        const auto &request = std::get<HttpRequest>(parsed);
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.target, QByteArray("/s/abc?x=1"));
        QCOMPARE(request.path(), QByteArrayView("/s/abc"));
        QCOMPARE(request.minorVersion, 1);
        QCOMPARE(request.headers.size(), size_t(4));
        QCOMPARE(request.header("HOST"), QByteArray("127.0.0.1:5900"));
        QCOMPARE(request.header("Upgrade"), QByteArray("websocket"));
        QCOMPARE(request.header("sec-websocket-key"), QByteArray("dGhlIHNhbXBsZSBub25jZQ=="));
        QCOMPARE(request.header("X-Empty"), QByteArray(""));
        QVERIFY(!request.header("Origin"));
    }

    void http10NeedsNoHost()
    {
        auto parsed = HttpRequest::parse("HEAD /x HTTP/1.0\r\n\r\n");
        QVERIFY(std::holds_alternative<HttpRequest>(parsed));
        QCOMPARE(std::get<HttpRequest>(parsed).minorVersion, 0);
    }

    void malformedHeadsGetTheirStatus_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("status");
        const QByteArray host = "Host: h\r\n";
        QTest::newRow("empty") << QByteArray("\r\n\r\n") << 400;
        QTest::newRow("no blank line") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n") << 400;
        QTest::newRow("lower-case method") << "get / HTTP/1.1\r\n" + host + "\r\n" << 400;
        QTest::newRow("long method") << QByteArray(17, 'G') + " / HTTP/1.1\r\n" + host + "\r\n"
                                     << 400;
        QTest::newRow("two spaces") << "GET  / HTTP/1.1\r\n" + host + "\r\n" << 400;
        QTest::newRow("absolute form") << "GET http://h/ HTTP/1.1\r\n" + host + "\r\n" << 400;
        QTest::newRow("asterisk") << "OPTIONS * HTTP/1.1\r\n" + host + "\r\n" << 400;
        QTest::newRow("control in target") << "GET /a\x01 HTTP/1.1\r\n" + host + "\r\n" << 400;
        QTest::newRow("long target") << "GET /" + QByteArray(HttpRequest::kMaxTargetBytes, 'a') +
                " HTTP/1.1\r\n" + host +
                "\r\n" << 414;
        QTest::newRow("no version") << "GET /\r\n" + host + "\r\n" << 400;
        QTest::newRow("HTTP/2.0") << "GET / HTTP/2.0\r\n" + host + "\r\n" << 505;
        QTest::newRow("HTTP/1.10") << "GET / HTTP/1.10\r\n" + host + "\r\n" << 400;
        QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: h\r\n\r\n") << 400;
        QTest::newRow("bare CR in a value")
            << QByteArray("GET / HTTP/1.1\r\nHost: h\rX\r\n\r\n") << 400;
        QTest::newRow("folded line") << "GET / HTTP/1.1\r\n" + host + " continued\r\n\r\n" << 400;
        QTest::newRow("space before colon")
            << QByteArray("GET / HTTP/1.1\r\nHost : h\r\n\r\n") << 400;
        QTest::newRow("no colon") << "GET / HTTP/1.1\r\n" + host + "Nonsense\r\n\r\n" << 400;
        QTest::newRow("empty name") << "GET / HTTP/1.1\r\n" + host + ": v\r\n\r\n" << 400;
        QTest::newRow("NUL in a value")
            << "GET / HTTP/1.1\r\n" + host + QByteArray("X: a\0b\r\n\r\n", 10) << 400;
        QTest::newRow("no Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("two Hosts") << "GET / HTTP/1.1\r\n" + host + host + "\r\n" << 400;
        QTest::newRow("blank line inside") << "GET / HTTP/1.1\r\n" + host + "\r\nX: y\r\n\r\n"
                                           << 400;
        QByteArray many = "GET / HTTP/1.1\r\n" + host;
        for (int i = 0; i < HttpRequest::kMaxHeaders; ++i)
            many += "X: y\r\n";
        QTest::newRow("65 fields") << many + "\r\n" << 431;
        QTest::newRow("larger than 8 KiB") << "GET / HTTP/1.1\r\n" + host +
                "X: " + QByteArray(HttpRequest::kMaxHeadBytes, 'y') +
                "\r\n\r\n" << 431;
    }

    void malformedHeadsGetTheirStatus()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, status);
        auto parsed = HttpRequest::parse(head);
        const auto *error = std::get_if<HttpRequest::Error>(&parsed);
        QVERIFY(error);
        QCOMPARE(error->status, status);
        QVERIFY(!error->detail.isEmpty());
    }

    void sixtyFourFieldsAreEnough()
    {
        QByteArray head = "GET / HTTP/1.1\r\nHost: h\r\n";
        for (int i = 1; i < HttpRequest::kMaxHeaders; ++i)
            head += "X: y\r\n";
        auto parsed = HttpRequest::parse(head + "\r\n");
        QVERIFY(std::holds_alternative<HttpRequest>(parsed));
        QCOMPARE(int(std::get<HttpRequest>(parsed).headers.size()), HttpRequest::kMaxHeaders);
    }
};

QTEST_APPLESS_MAIN(TestHttpRequest)
#include "tst_httprequest.moc"
