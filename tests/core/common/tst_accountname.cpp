// The account name behind the default display name: the GECOS field's first part, and
// the real lookup for the account this test runs as, checked against id(1) and getent(1).

#include "core/common/AccountName.h"

#include <QProcess>
#include <QTest>

using baton::AccountName;

namespace {

// What a command prints, without the final newline; empty when it did not run.
QString outputOf(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return {};
    return QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
}

} // namespace

class TestAccountName : public QObject {
    Q_OBJECT
private slots:
    void fullNameFromGecos_data()
    {
        QTest::addColumn<QString>("gecos");
        QTest::addColumn<QString>("fullName");
        QTest::newRow("full name") << QStringLiteral("Ana Lima") << QStringLiteral("Ana Lima");
        QTest::newRow("name, room, phones")
            << QStringLiteral("Ana Lima,Room 4,555-0134,555-0199,") << QStringLiteral("Ana Lima");
        QTest::newRow("spaces around") << QStringLiteral("  Bea Sá ,3") << QStringLiteral("Bea Sá");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("only commas") << QStringLiteral(",,,") << QString();
        QTest::newRow("room only") << QStringLiteral(",Room 4,,") << QString();
    }

    void fullNameFromGecos()
    {
        QFETCH(QString, gecos);
        QFETCH(QString, fullName);
        QCOMPARE(AccountName::fullNameFromGecos(gecos), fullName);
    }

    void preferredIsTheFullNameElseTheLogin()
    {
        QCOMPARE((AccountName{QStringLiteral("Ana Lima"), QStringLiteral("ana")}).preferred(),
                 QStringLiteral("Ana Lima"));
        QCOMPARE((AccountName{QString(), QStringLiteral("ana")}).preferred(),
                 QStringLiteral("ana"));
        QVERIFY(AccountName{}.preferred().isEmpty());
    }

    void currentIsThisProcesssAccount()
    {
        const AccountName account = AccountName::current();
        QVERIFY(!account.preferred().isEmpty());
        const QString login = outputOf(QStringLiteral("id"), {QStringLiteral("-un")});
        QVERIFY2(!login.isEmpty(), "id -un did not run");
        QCOMPARE(account.loginName, login);
        const QString uid = outputOf(QStringLiteral("id"), {QStringLiteral("-u")});
        const QString entry = outputOf(QStringLiteral("getent"), {QStringLiteral("passwd"), uid});
        QVERIFY2(!entry.isEmpty(), "getent passwd did not run");
        QCOMPARE(account.fullName,
                 entry.section(QLatin1Char(':'), 4, 4).section(QLatin1Char(','), 0, 0).trimmed());
    }
};

QTEST_GUILESS_MAIN(TestAccountName)
#include "tst_accountname.moc"
