// baton-cli bench rdp, briefly: its own Xvfb servers, the scrolling xterm, baton-cli host,
// a native join, baton-cli rdp-gateway and xfreerdp clients. Checks the output's shape and
// that bytes flowed, never timings.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

namespace {

const QString kCli = QStringLiteral(BATON_CLI_EXE);

} // namespace

class TestBenchRdp : public QObject {
    Q_OBJECT
private slots:
    // One run of one second with one and with two clients: a line per run, a median line
    // per client count, and the targets' line.
    void oneAndTwoClients()
    {
        QProcess process;
        process.start(kCli,
                      {QStringLiteral("bench"), QStringLiteral("rdp"), QStringLiteral("--json"),
                       QStringLiteral("--clients"), QStringLiteral("1,2"), QStringLiteral("--runs"),
                       QStringLiteral("1"), QStringLiteral("--seconds"), QStringLiteral("1"),
                       QStringLiteral("--settle-seconds"), QStringLiteral("1")});
        QVERIFY(process.waitForFinished(150000));
        const QString errText = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
                 qPrintable(errText));
        QList<QJsonObject> lines;
        for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            QVERIFY2(doc.isObject(), line.constData());
            lines << doc.object();
        }
        QCOMPARE(lines.size(), 5);
        const QList<std::pair<int, QJsonValue>> measured{
            {1, 1}, {2, 1}, {1, QStringLiteral("median")}, {2, QStringLiteral("median")}};
        for (qsizetype i = 0; i < measured.size(); ++i) {
            const QJsonObject &line = lines[i];
            QCOMPARE(line.value(QLatin1String("bench")).toString(), QStringLiteral("rdp"));
            QCOMPARE(line.value(QLatin1String("system")).toString(), QStringLiteral("rdp-gateway"));
            QCOMPARE(line.value(QLatin1String("workload")).toString(), QStringLiteral("scrolling"));
            QCOMPARE(line.value(QLatin1String("clients")).toInt(), measured[i].first);
            QCOMPARE(line.value(QLatin1String("run")), measured[i].second);
            for (const char *key : {"gateway_cpu_s", "gateway_cpu_percent", "host_cpu_s",
                                    "bytes_c2s_per_rdp_client", "bytes_s2c_gateway"}) {
                QVERIFY2(line.value(QLatin1String(key)).isDouble(), key);
                QVERIFY2(line.value(QLatin1String(key)).toDouble() >= 0, key);
            }
            // The xterm scrolls all the time: every client and the native viewer got
            // pictures in the measured second.
            for (const char *key :
                 {"bytes_s2c_per_rdp_client", "bytes_s2c_native", "rdp_to_native_bytes"})
                QVERIFY2(line.value(QLatin1String(key)).toDouble() > 0, key);
        }
        const QJsonObject &summary = lines[4];
        QCOMPARE(summary.value(QLatin1String("system")).toString(), QStringLiteral("rdp/native"));
        QCOMPARE(summary.value(QLatin1String("clients")).toString(), QStringLiteral("1-2"));
        QVERIFY(
            summary.value(QLatin1String("gateway_cpu_percent_per_additional_client")).isDouble());
        QVERIFY(summary.value(QLatin1String("rdp_to_native_bytes")).toDouble() > 0);
        QCOMPARE(summary.value(QLatin1String("target_cpu_percent_per_client")).toDouble(), 5.0);
        QCOMPARE(summary.value(QLatin1String("target_bytes_ratio")).toDouble(), 2.0);
    }
};

QTEST_GUILESS_MAIN(TestBenchRdp)
#include "tst_benchrdp.moc"
