// What the Displays panel accepts as an agent's address, and that the secret leaves the
// form as soon as it is handed on.

#include "ui/displays/AgentAddressForm.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace baton::ui;

class TestAgentAddressForm : public QObject {
    Q_OBJECT

private slots:
    void parsesAddresses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::newRow("name") << "room-3" << true << "room-3" << 1600;
        QTest::newRow("name and port") << "room-3:1700" << true << "room-3" << 1700;
        QTest::newRow("IPv4") << " 192.0.2.7 " << true << "192.0.2.7" << 1600;
        QTest::newRow("IPv4 and port") << "192.0.2.7:1601" << true << "192.0.2.7" << 1601;
        QTest::newRow("bare IPv6") << "fe80::1" << true << "fe80::1" << 1600;
        QTest::newRow("bracketed IPv6") << "[::1]" << true << "::1" << 1600;
        QTest::newRow("bracketed IPv6 and port") << "[::1]:1602" << true << "::1" << 1602;
        QTest::newRow("empty") << "" << false << "" << 0;
        QTest::newRow("empty port") << "room-3:" << false << "" << 0;
        QTest::newRow("port zero") << "room-3:0" << false << "" << 0;
        QTest::newRow("port too large") << "room-3:65536" << false << "" << 0;
        QTest::newRow("port not a number") << "room-3:http" << false << "" << 0;
        QTest::newRow("unclosed bracket") << "[::1:1600" << false << "" << 0;
        QTest::newRow("junk after bracket") << "[::1]x" << false << "" << 0;
        QTest::newRow("not IPv6") << "a:b:c" << false << "" << 0;
        QTest::newRow("space") << "room 3" << false << "" << 0;
        QTest::newRow("a URL") << "issd://room-3/" << false << "" << 0;
    }

    void parsesAddresses()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto target = AgentAddressForm::parseAddress(text);
        QCOMPARE(target.has_value(), valid);
        if (!valid)
            return;
        QFETCH(QString, host);
        QFETCH(int, port);
        QCOMPARE(target->host, host);
        QCOMPARE(int(target->port), port);
    }

    void handsOnTheSecretOnceAndForgetsIt()
    {
        AgentAddressForm form;
        QSignalSpy requested(&form, &AgentAddressForm::connectRequested);
        QSignalSpy invalid(&form, &AgentAddressForm::invalidAddress);
        form.findChild<QLineEdit *>(QStringLiteral("agentAddress"))->setText(QStringLiteral("room-3:1700"));
        form.findChild<QLineEdit *>(QStringLiteral("agentKey"))->setText(QStringLiteral("panel"));
        form.secretField()->setText(QStringLiteral("s3cret"));
        QTest::mouseClick(form.findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
        QCOMPARE(requested.size(), 1);
        const auto target = requested.at(0).at(0).value<AgentConnection::Target>();
        QCOMPARE(target.host, QStringLiteral("room-3"));
        QCOMPARE(target.port, quint16(1700));
        QCOMPARE(target.keyId, QStringLiteral("panel"));
        QCOMPARE(requested.at(0).at(1).toByteArray(), QByteArray("s3cret"));
        QVERIFY(form.secretField()->text().isEmpty());
        QCOMPARE(form.secretField()->echoMode(), QLineEdit::Password);

        form.findChild<QLineEdit *>(QStringLiteral("agentAddress"))->setText(QStringLiteral("room 3"));
        QTest::mouseClick(form.findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(invalid.size(), 1);
    }
};

QTEST_MAIN(TestAgentAddressForm)
#include "tst_agentaddressform.moc"
