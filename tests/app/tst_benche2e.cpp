// baton-cli bench e2e, briefly: its own Xvfb, a real xterm, baton-cli host and join (and
// x11vnc with xtigervncviewer where installed). Checks the output's shape, never timings.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <unistd.h>

namespace {

const QString kCli = QStringLiteral(BATON_CLI_EXE);

QList<QJsonObject> runBench(const QStringList &extra, QString *errText)
{
    QProcess process;
    process.start(kCli,
                  QStringList{QStringLiteral("bench"), QStringLiteral("e2e"),
                              QStringLiteral("--json"), QStringLiteral("--seconds"),
                              QStringLiteral("1"), QStringLiteral("--settle-seconds"),
                              QStringLiteral("1")} +
                      extra);
    if (!process.waitForFinished(100000)) {
        process.kill();
        process.waitForFinished();
        *errText = QStringLiteral("timed out");
        return {};
    }
    *errText = QString::fromUtf8(process.readAllStandardError());
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *errText += QStringLiteral(" (exit %1)").arg(process.exitCode());
        return {};
    }
    QList<QJsonObject> lines;
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (!doc.isObject()) {
            *errText = QStringLiteral("not a JSON object: ") + QString::fromUtf8(line);
            return {};
        }
        lines << doc.object();
    }
    return lines;
}

void verifyMeasured(const QJsonObject &line, const QString &system, const QString &workload)
{
    QCOMPARE(line.value(QLatin1String("bench")).toString(), QStringLiteral("e2e"));
    QCOMPARE(line.value(QLatin1String("system")).toString(), system);
    QCOMPARE(line.value(QLatin1String("workload")).toString(), workload);
    QCOMPARE(line.value(QLatin1String("viewers")).toInt(), 1);
    for (const char *key : {"bytes_s2c", "bytes_c2s", "host_cpu_s", "viewer_cpu_s"}) {
        QVERIFY2(line.value(QLatin1String(key)).isDouble(), key);
        QVERIFY2(line.value(QLatin1String(key)).toDouble() >= 0, key);
    }
    for (const char *key : {"update_delay_ms_median", "update_delay_ms_p90"})
        QVERIFY2(line.contains(QLatin1String(key)), key);
}

} // namespace

class TestBenchE2e : public QObject {
    Q_OBJECT
private slots:
    void batonAlone()
    {
        QString err;
        const auto lines = runBench({QStringLiteral("--workload"), QStringLiteral("idle"),
                                     QStringLiteral("--peer"), QStringLiteral("none"),
                                     QStringLiteral("--tile-viewers"), QStringLiteral("1")},
                                    &err);
        QVERIFY2(lines.size() == 1, qPrintable(err));
        verifyMeasured(lines[0], QStringLiteral("baton"), QStringLiteral("idle"));
        // One more viewer joined with --no-video (tst_visualshare checks what it gets).
        QCOMPARE(lines[0].value(QLatin1String("tile_viewers")).toInt(), 1);
        QCOMPARE(lines[0].value(QLatin1String("tile_viewer_video_pictures")).toInt(-1), 0);
        QVERIFY(lines[0].value(QLatin1String("frames")).isDouble());
        // The viewer joined through the proxy: the first picture crossed it before the
        // measured second, the handshake too, so only the shape is checked here.
        QVERIFY(lines[0].contains(QLatin1String("viewer_batch_delay_ms_mean")));
    }

    void batonTypingReportsLatency()
    {
        QString err;
        const auto lines = runBench({QStringLiteral("--workload"), QStringLiteral("typing"),
                                     QStringLiteral("--peer"), QStringLiteral("none")},
                                    &err);
        QVERIFY2(lines.size() == 1, qPrintable(err));
        verifyMeasured(lines[0], QStringLiteral("baton"), QStringLiteral("typing"));
        // Keys were typed in the measured second, so frames were captured and applied; the
        // probing viewer then typed its own keys and saw them, and so did the desktop
        // viewer (`baton LINK`) on a display of its own, read back from that display.
        for (const char *key :
             {"update_delay_ms_median", "update_delay_ms_p90", "input_to_photon_ms_median",
              "input_to_photon_ms_p90", "glass_to_glass_ms_median", "glass_to_glass_ms_p90"}) {
            QVERIFY2(lines[0].value(QLatin1String(key)).isDouble(), key);
            QVERIFY2(lines[0].value(QLatin1String(key)).toDouble() >= 0, key);
        }
        QVERIFY(lines[0].value(QLatin1String("update_delay_samples")).toInt() > 0);
        QVERIFY(lines[0].value(QLatin1String("update_delay_ms_p90")).toDouble() >=
                lines[0].value(QLatin1String("update_delay_ms_median")).toDouble());
        // A second's run types 5 keys; under load one may be lost, not most.
        QVERIFY(lines[0].value(QLatin1String("glass_to_glass_samples")).toInt() >= 3);
    }

    void batonMenusReportsLatency()
    {
        QString err;
        const auto lines = runBench({QStringLiteral("--workload"), QStringLiteral("menus"),
                                     QStringLiteral("--menu-openings"), QStringLiteral("3"),
                                     QStringLiteral("--peer"), QStringLiteral("none")},
                                    &err);
        QVERIFY2(lines.size() == 1, qPrintable(err));
        verifyMeasured(lines[0], QStringLiteral("baton"), QStringLiteral("menus"));
        // The bench saw xterm's menu map on the host three times, and the viewer applied
        // a picture captured while it was up at least once (a loaded machine may catch a
        // viewer up past one, which then counts no sample).
        QCOMPARE(lines[0].value(QLatin1String("menu_openings")).toInt(), 3);
        const int samples = lines[0].value(QLatin1String("menu_samples")).toInt();
        QVERIFY2(samples >= 1 && samples <= 3, qPrintable(QString::number(samples)));
        for (const char *key : {"menu_shown_ms_median", "menu_shown_ms_p90",
                                "menu_settled_ms_median", "menu_settled_ms_p90"}) {
            QVERIFY2(lines[0].value(QLatin1String(key)).isDouble(), key);
            QVERIFY2(lines[0].value(QLatin1String(key)).toDouble() >= 0, key);
        }
        // The last picture of a showing is applied no earlier than its first.
        QVERIFY(lines[0].value(QLatin1String("menu_settled_ms_p90")).toDouble() >=
                lines[0].value(QLatin1String("menu_shown_ms_p90")).toDouble());
        // Measured while the menu opened, not for --seconds: three openings take about 3 s.
        QVERIFY(lines[0].value(QLatin1String("seconds")).toDouble() > 2);
    }

    // --viewer browser: the same host with a headless chromium tab for a viewer, beside the
    // native run, and the ratios of the two.
    void browserViewersBesideNativeOnes()
    {
        QString err;
        const auto lines = runBench({QStringLiteral("--workload"), QStringLiteral("idle"),
                                     QStringLiteral("--peer"), QStringLiteral("none"),
                                     QStringLiteral("--viewer"), QStringLiteral("browser")},
                                    &err);
        QVERIFY2(lines.size() == 3, qPrintable(err));
        verifyMeasured(lines[0], QStringLiteral("baton"), QStringLiteral("idle"));
        verifyMeasured(lines[1], QStringLiteral("baton-web"), QStringLiteral("idle"));
        // Both kinds of viewer presented a first picture; a tab's began with loading the page.
        for (const QJsonObject &line : {lines[0], lines[1]})
            QVERIFY(line.value(QLatin1String("first_picture_ms_median")).toDouble(-1) >= 0);
        const double loaded = lines[1].value(QLatin1String("page_loaded_ms_median")).toDouble(-1);
        QVERIFY(loaded >= 0);
        QVERIFY(lines[1].value(QLatin1String("first_picture_ms_median")).toDouble() >= loaded);
        QVERIFY(lines[1].value(QLatin1String("first_picture_from_hello_ms_median")).toDouble(-1) >=
                0);
        QCOMPARE(lines[2].value(QLatin1String("system")).toString(),
                 QStringLiteral("baton-web/baton"));
        for (const char *key : {"bytes_s2c", "bytes_c2s", "host_cpu_s", "viewer_cpu_s"})
            QVERIFY2(lines[2].contains(QLatin1String(key)), key);
    }

    void sideBySideWithX11vnc()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("x11vnc")).isEmpty() ||
            QStandardPaths::findExecutable(QStringLiteral("xtigervncviewer")).isEmpty())
            QSKIP("x11vnc or xtigervncviewer missing: tools/bootstrap bench installs them");
        QString err;
        const auto lines = runBench({QStringLiteral("--workload"), QStringLiteral("typing"),
                                     QStringLiteral("--peer"), QStringLiteral("x11vnc")},
                                    &err);
        QVERIFY2(lines.size() == 3, qPrintable(err));
        verifyMeasured(lines[0], QStringLiteral("baton"), QStringLiteral("typing"));
        verifyMeasured(lines[1], QStringLiteral("x11vnc"), QStringLiteral("typing"));
        QVERIFY(lines[0].contains(QLatin1String("input_to_photon_ms_median")));
        // x11vnc's glass to glass is a longer run's reference: not measured in a second.
        QVERIFY(lines[1].contains(QLatin1String("glass_to_glass_ms_median")));
        QCOMPARE(lines[2].value(QLatin1String("system")).toString(),
                 QStringLiteral("baton/x11vnc"));
        for (const char *key : {"bytes_s2c", "host_cpu_s", "viewer_cpu_s"})
            QVERIFY2(lines[2].contains(QLatin1String(key)), key);
    }

    // --link: two viewers, each on a path of its own in the bench's network namespace
    // (tst_linkemulator measures the emulator itself): each link's figures on the line.
    void linksPerViewer()
    {
        if (geteuid() != 0)
            QSKIP("--link makes a network namespace: root only");
        QString err;
        const auto lines =
            runBench({QStringLiteral("--workload"), QStringLiteral("idle"),
                      QStringLiteral("--peer"), QStringLiteral("none"), QStringLiteral("--viewers"),
                      QStringLiteral("2"), QStringLiteral("--link"), QStringLiteral("lan,dsl")},
                     &err);
        QVERIFY2(lines.size() == 1, qPrintable(err));
        QCOMPARE(lines[0].value(QLatin1String("link")).toString(), QStringLiteral("lan,dsl"));
        const QJsonArray links = lines[0].value(QLatin1String("links")).toArray();
        QCOMPARE(links.size(), 2);
        QCOMPARE(links[0].toObject().value(QLatin1String("link")).toString(),
                 QStringLiteral("lan"));
        QCOMPARE(links[1].toObject().value(QLatin1String("link")).toString(),
                 QStringLiteral("dsl"));
        for (const QJsonValue &link : links) {
            QCOMPARE(link.toObject().value(QLatin1String("viewers")).toInt(), 1);
            QVERIFY(link.toObject().value(QLatin1String("viewer_kbps_series")).isArray());
        }
        // The dsl viewer's handshake and first picture crossed its 150 ms round trip at
        // least once: the delay is on the path the bench gave it.
        QVERIFY(lines[0].value(QLatin1String("first_picture_ms_max")).toDouble() >= 150);
    }

    // --host wayland: the same lxterminal shared by the X11 host and by the host on a
    // headless GNOME (its own), typed into on each, and the ratios of the two.
    void waylandHostBesideX11Host()
    {
        // tools/bootstrap installs them (tools/deps/debian.txt): missing is a failure.
        for (const char *program : {"lxterminal", "mutter", "pipewire", "wireplumber"})
            QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(program)).isEmpty(),
                     program);
        QString err;
        const auto lines = runBench({QStringLiteral("--host"), QStringLiteral("wayland"),
                                     QStringLiteral("--workload"), QStringLiteral("typing")},
                                    &err);
        QVERIFY2(lines.size() == 3, qPrintable(err));
        verifyMeasured(lines[0], QStringLiteral("baton-x11"), QStringLiteral("typing"));
        verifyMeasured(lines[1], QStringLiteral("baton-wayland"), QStringLiteral("typing"));
        for (const QJsonObject &line : {lines[0], lines[1]}) {
            QCOMPARE(line.value(QLatin1String("application")).toString(),
                     QStringLiteral("lxterminal"));
            QVERIFY(line.value(QLatin1String("compositor_cpu_s")).toDouble(-1) >= 0);
            // Typed keys changed the window in the measured second: more pictures than
            // the blinking cursor alone makes (one every 0.6 s).
            QVERIFY2(line.value(QLatin1String("frames")).toInt() > 3,
                     qPrintable(QJsonDocument(line).toJson()));
            QVERIFY(line.value(QLatin1String("update_delay_samples")).toInt() > 0);
        }
        QCOMPARE(lines[2].value(QLatin1String("system")).toString(), QStringLiteral("wayland/x11"));
        for (const char *key : {"bytes_s2c", "host_cpu_s", "compositor_cpu_s"})
            QVERIFY2(lines[2].value(QLatin1String(key)).isDouble(), key);
    }

    // --host wayland measures what both hosts can run: typing and scrolling.
    void waylandHostRefusesOtherWorkloads()
    {
        QString err;
        const auto lines = runBench({QStringLiteral("--host"), QStringLiteral("wayland"),
                                     QStringLiteral("--workload"), QStringLiteral("video")},
                                    &err);
        QVERIFY(lines.isEmpty());
        QVERIFY2(err.contains(QLatin1String("typing and scrolling")), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestBenchE2e)
#include "tst_benche2e.moc"
