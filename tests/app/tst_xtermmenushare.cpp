// Issue 16's first acceptance case with the real programs: xterm's Ctrl+click menu,
// opened on the host, reaches two viewers that were there and one that joins late, pixel
// for pixel and in its place, while another xterm lying over the shared one never shows.

#include "AppTestSupport.h"
#include "core/capture/ShareCanvas.h"
#include "core/capture/x11/XcbConnection.h"
#include "tests/core/capture/XtermFixture.h"

#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kCli = QStringLiteral(BATON_CLI_EXE);

using namespace baton;
using namespace baton::test;

// A viewer that stays for a while and saves its picture as NAME.png on leaving.
class Viewer : public JoinProcess {
public:
    Viewer(const QTemporaryDir &home, const QString &link, const QString &name, double seconds)
        : JoinProcess(kCli, privateEnvironment(home), link,
                      {QStringLiteral("--name"), name, QStringLiteral("--duration"),
                       QString::number(seconds), QStringLiteral("--save-frame"),
                       home.filePath(name + QStringLiteral(".png"))}),
          picture_(home.filePath(name + QStringLiteral(".png")))
    {
    }

    QImage picture() const { return QImage(picture_); }

private:
    QString picture_;
};

// A window of a `windows: …` line: "0x400007 popup 120,30 180x240".
std::optional<Rect> windowOfKind(const QString &line, const QString &kind)
{
    const QRegularExpression pattern(
        QStringLiteral("0x[0-9a-f]+ %1 (-?\\d+),(-?\\d+) (\\d+)x(\\d+)").arg(kind));
    const QRegularExpressionMatch match = pattern.match(line);
    if (!match.hasMatch())
        return std::nullopt;
    return Rect{match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt(),
                match.captured(4).toInt()};
}

QString firstDifference(const QImage &picture, const Frame &expected)
{
    if (picture.width() != expected.width() || picture.height() != expected.height())
        return QStringLiteral("size %1x%2, expected %3x%4")
            .arg(picture.width())
            .arg(picture.height())
            .arg(expected.width())
            .arg(expected.height());
    for (int y = 0; y < picture.height(); ++y)
        for (int x = 0; x < picture.width(); ++x)
            if (((picture.pixel(x, y) ^ expected.pixel(x, y)) & 0x00ffffffu) != 0)
                return QStringLiteral("pixel (%1, %2): %3, expected %4")
                    .arg(x)
                    .arg(y)
                    .arg(picture.pixel(x, y), 8, 16)
                    .arg(expected.pixel(x, y), 8, 16);
    return {};
}

} // namespace

class TestXtermMenuShare : public QObject {
    Q_OBJECT

private slots:
    void menuReachesEveryViewer()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"), "needs an X server (xvfb-run)");
        const auto xServer = holdXServer();
        QVERIFY(xServer != nullptr);
        QTemporaryDir home;
        QVERIFY(home.isValid());

        Xterm shared(QStringLiteral("menushare"),
                     {QStringLiteral("-e"), QStringLiteral("sh"), QStringLiteral("-c"),
                      QStringLiteral("printf '\\033[?25l'; seq -f 'line %g of the shared xterm' "
                                     "1 45; exec sleep 600")},
                     QStringLiteral("80x50+100+100"));
        QVERIFY(shared.windowId() != 0);
        // Another program's window over the shared one: the viewers must never see it.
        Xterm intruder(QStringLiteral("intruder"),
                       {QStringLiteral("-bg"), QStringLiteral("red"), QStringLiteral("-e"),
                        QStringLiteral("sh"), QStringLiteral("-c"),
                        QStringLiteral("exec sleep 600")},
                       QStringLiteral("30x8+350+250"));
        QVERIFY(intruder.windowId() != 0);

        QProcess host;
        host.setProcessEnvironment(privateEnvironment(home));
        host.start(kCli,
                   {QStringLiteral("host"), QStringLiteral("--window"),
                    QStringLiteral("0x%1").arg(shared.windowId(), 0, 16), QStringLiteral("--bind"),
                    QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0")});
        const QString link = readLine(host, 10000);
        QVERIFY2(link.startsWith(QLatin1String("baton://")),
                 qPrintable(link + QString::fromUtf8(host.readAllStandardError())));

        Viewer first(home, link, QStringLiteral("first"), 8);
        Viewer second(home, link, QStringLiteral("second"), 8);
        QVERIFY2(!first.waitFor(QStringLiteral("joined"), 10000).isEmpty(),
                 qPrintable(first.said()));
        QVERIFY2(!second.waitFor(QStringLiteral("joined"), 10000).isEmpty(),
                 qPrintable(second.said()));

        XtermMenu menu(shared, 200, 30);
        QVERIFY(menu.opened());
        const QString windows = first.waitFor(QStringLiteral("popup"), 5000);
        QVERIFY2(!windows.isEmpty(), qPrintable(first.said()));
        Viewer late(home, link, QStringLiteral("late"), 2.5);
        QVERIFY2(late.finishedWell(15000), qPrintable(late.said()));
        QVERIFY2(first.finishedWell(15000), qPrintable(first.said()));
        QVERIFY2(second.finishedWell(15000), qPrintable(second.said()));

        // The reference, read while the menu is still open and independently of Baton:
        // xwd reads the xterm's own pixels (it is redirected, so the intruder does not
        // cover them) and the screen shows the menu, which lies above everything.
        const std::optional<Rect> main = windowOfKind(windows, QStringLiteral("main"));
        const std::optional<Rect> popup = windowOfKind(windows, QStringLiteral("popup"));
        QVERIFY2(main && popup, qPrintable(windows));
        const auto placement = xServer->placement(uint32_t(shared.windowId()));
        QVERIFY(placement.has_value());
        const int originX = placement->geometry.x - main->x;
        const int originY = placement->geometry.y - main->y;
        const Frame own = xwdCapture(shared.windowId());
        const Frame menuPixels = screenCapture(popup->translated(originX, originY));
        QVERIFY(!own.isNull() && !menuPixels.isNull());
        const QImage firstPicture = first.picture();
        QVERIFY(!firstPicture.isNull());
        Frame expected(firstPicture.width(), firstPicture.height());
        expected.fill(ShareCanvas::kBackground);
        expected.mutableView().copyFrom(own, main->x, main->y);
        expected.mutableView().copyFrom(menuPixels, popup->x, popup->y);

        for (Viewer *viewer : {&first, &second, &late}) {
            const QString difference = firstDifference(viewer->picture(), expected);
            QVERIFY2(difference.isEmpty(), qPrintable(difference));
        }
        host.terminate();
        QVERIFY(host.waitForFinished(10000));
        QCOMPARE(host.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestXtermMenuShare)
#include "tst_xtermmenushare.moc"
