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
        link.passcode = QStringLiteral("a&b=c d+ü");

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

    void rejects_data()
    {
        const QString fp(64, QLatin1Char('a'));
        QTest::addColumn<QString>("text");
        QTest::newRow("wrong scheme") << QStringLiteral("https://h/s?fp=") + fp;
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
