#include "core/common/InviteLink.h"

#include <QTest>

using baton::InviteLink;

class TestInviteLink : public QObject {
    Q_OBJECT
private slots:
    void roundTrip()
    {
        InviteLink link;
        link.host = QStringLiteral("meeting.example.org");
        link.port = 4242;
        link.sessionId = QStringLiteral("Ab3_x-9");
        link.fingerprint = QByteArray(32, '\x5a');
        link.passcode = QStringLiteral("a&b=c d+ü%41"); // "%41" is no escape

        const QString text = link.toString();
        QVERIFY(text.startsWith(QLatin1String("baton://meeting.example.org:4242/Ab3_x-9?")));
        QString error;
        const auto parsed = InviteLink::parse(text, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->host, link.host);
        QCOMPARE(parsed->port, link.port);
        QCOMPARE(parsed->sessionId, link.sessionId);
        QCOMPARE(parsed->fingerprint, link.fingerprint);
        QCOMPARE(parsed->passcode, link.passcode);
    }

    void defaultPortAndIpv6()
    {
        const QString fp(64, QLatin1Char('0'));
        const auto parsed = InviteLink::parse(QStringLiteral("baton://[::1]/s1?fp=") + fp);
        QVERIFY(parsed);
        QCOMPARE(parsed->port, InviteLink::kDefaultPort);
        QCOMPARE(parsed->host, QStringLiteral("::1"));
        QVERIFY(parsed->passcode.isEmpty());
    }

    // The web form carries the same fields, the passcode and fingerprint in the fragment,
    // and every character of the passcode percent-encoded: the page reads the fragment with
    // URLSearchParams, which would take a literal '+' for a space.
    void webForm()
    {
        InviteLink link;
        link.host = QStringLiteral("meeting.example.org");
        link.port = 4242;
        link.sessionId = QStringLiteral("Ab3_x-9");
        link.fingerprint =
            QByteArray::fromHex("00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff");
        link.passcode = QStringLiteral("a&b=c d+ü#");

        const QString text = link.toWebString();
        QCOMPARE(text,
                 QStringLiteral("https://meeting.example.org:4242/s/Ab3_x-9"
                                "#code=a%26b%3Dc%20d%2B%C3%BC%23"
                                "&fp=00112233445566778899aabbccddeeff"
                                "00112233445566778899aabbccddeeff"));
        QString error;
        const auto parsed = InviteLink::parse(text, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->host, link.host);
        QCOMPARE(parsed->port, link.port);
        QCOMPARE(parsed->sessionId, link.sessionId);
        QCOMPARE(parsed->fingerprint, link.fingerprint);
        QCOMPARE(parsed->passcode, link.passcode);
        QCOMPARE(parsed->toString(), link.toString());
    }

    void webFormWithoutPasscodeAndIpv6()
    {
        InviteLink link;
        link.host = QStringLiteral("fe80::1");
        link.port = 1627;
        link.sessionId = QStringLiteral("s1");
        link.fingerprint = QByteArray(32, '\xab');
        QCOMPARE(link.toWebString(),
                 QStringLiteral("https://[fe80::1]:1627/s/s1#fp=") +
                     QStringLiteral("ab").repeated(32));
        const auto parsed = InviteLink::parse(link.toWebString());
        QVERIFY(parsed);
        QCOMPARE(parsed->host, link.host);
        QVERIFY(parsed->passcode.isEmpty());
    }

    // A pasted web link without a port is the browser's default, 443.
    void webFormDefaultPort()
    {
        const QString fp(64, QLatin1Char('0'));
        const auto parsed = InviteLink::parse(QStringLiteral("https://[::1]/s/s1#fp=") + fp);
        QVERIFY(parsed);
        QCOMPARE(parsed->port, quint16(443));
        QCOMPARE(parsed->host, QStringLiteral("::1"));
        QCOMPARE(parsed->sessionId, QStringLiteral("s1"));
        QVERIFY(parsed->passcode.isEmpty());
    }

    void rejects_data()
    {
        const QString fp(64, QLatin1Char('a'));
        QTest::addColumn<QString>("text");
        QTest::newRow("wrong scheme") << QStringLiteral("http://h/s/s#fp=") + fp;
        QTest::newRow("web path without /s/") << QStringLiteral("https://h/s1#fp=") + fp;
        QTest::newRow("web fingerprint in the query") << QStringLiteral("https://h/s/s1?fp=") + fp;
        QTest::newRow("web without session") << QStringLiteral("https://h/s/#fp=") + fp;
        QTest::newRow("web bad session") << QStringLiteral("https://h/s/a/b#fp=") + fp;
        QTest::newRow("web short fingerprint") << QStringLiteral("https://h/s/s1#fp=abcd");
        QTest::newRow("no host") << QStringLiteral("baton:///s?fp=") + fp;
        QTest::newRow("no session") << QStringLiteral("baton://h/?fp=") + fp;
        QTest::newRow("bad session") << QStringLiteral("baton://h/a%20b?fp=") + fp;
        QTest::newRow("no fingerprint") << QStringLiteral("baton://h/s");
        QTest::newRow("short fingerprint") << QStringLiteral("baton://h/s?fp=abcd");
        QTest::newRow("non-hex fingerprint")
            << QStringLiteral("baton://h/s?fp=") + QString(64, QLatin1Char('g'));
        QTest::newRow("garbage") << QStringLiteral("::::");
    }
    void rejects()
    {
        QFETCH(QString, text);
        QString error;
        QVERIFY(!InviteLink::parse(text, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestInviteLink)
#include "tst_invitelink.moc"
