// A hosted application shared as issue 16 asks, with real processes: baton_sharedapp
// (tests/app/sharedapp), `baton-cli host --title` sharing it (the Application scope) and
// `baton-cli join` viewers on loopback. Its menu, combo-box list, tooltip and modal
// dialog, opened on the host, appear at a viewer that was there and at a late joiner
// exactly as the screen shows them; through Baton, the floor holder opens a menu and
// picks an item, opens the dialog and clicks OK, and picks a combo-box item where the
// list reaches past the window; a translucent window is composed over the share's
// background.

#include "AppTestSupport.h"
#include "SharedAppProcess.h"
#include "core/capture/ShareCanvas.h"
#include "core/capture/x11/XcbConnection.h"
#include "tests/core/capture/XtermFixture.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

namespace {

using baton::Frame;
using baton::FrameView;
using baton::Rect;
using baton::test::SharedAppProcess;

const QString kCli = QStringLiteral(BATON_CLI_EXE);
const QString kApp = QStringLiteral(BATON_SHAREDAPP_EXE);
constexpr int kTimeoutMs = 15000;
// How long a late joiner stays before it saves its picture: ample for a lossless
// picture of a few hundred thousand pixels on loopback, even on a busy machine.
constexpr double kLateJoinerStayS = 2.5;
// A popup's pixels are on the screen once two captures this far apart agree.
constexpr int kSettleIntervalMs = 200;

// The picture a viewer saved, as a frame (Format_RGB32 is BGRA in memory, as frames are).
Frame frameOf(const QImage &image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    return Frame::copyOf(
        FrameView(rgb.constBits(), rgb.width(), rgb.height(), int32_t(rgb.bytesPerLine())));
}

// What an application share of these windows shows, from an independent capture of
// the screen: the box around them (the main window, first, whole; the others clipped
// to the screen), the screen's pixels wherever one of them lies (nothing else covers
// them under the test's X server) and the share's background elsewhere.
Frame expectedPicture(const Rect &main, const std::vector<Rect> &windows, const Rect &screen)
{
    Rect box = main;
    for (const Rect &window : windows)
        box = box.united(window.intersected(screen));
    Frame picture = baton::test::screenCapture(box);
    if (picture.isNull())
        return {};
    for (int32_t y = 0; y < box.height; ++y) {
        for (int32_t x = 0; x < box.width; ++x) {
            bool shown = false;
            for (const Rect &window : windows)
                shown = shown || window.contains(box.x + x, box.y + y);
            if (!shown)
                picture.setPixel(x, y, baton::ShareCanvas::kBackground);
        }
    }
    return picture;
}

Rect boxAround(const std::vector<Rect> &windows)
{
    Rect box;
    for (const Rect &window : windows)
        box = box.isEmpty() ? window : box.united(window);
    return box;
}

// The application's windows once a popup or dialog has opened and stopped changing:
// at least two are mapped, and neither their places nor what the screen shows of them
// changed between two looks (Qt may place a popup again once it is mapped, and paints
// it a moment later). Empty when that did not happen in time.
std::vector<Rect> settledWindows(const SharedAppProcess &app)
{
    std::vector<Rect> before = app.mappedWindows();
    Frame shownBefore = baton::test::screenCapture(boxAround(before));
    const QDeadlineTimer deadline(kTimeoutMs);
    while (!deadline.hasExpired()) {
        QTest::qWait(kSettleIntervalMs);
        std::vector<Rect> now = app.mappedWindows();
        Frame shown = baton::test::screenCapture(boxAround(now));
        if (now.size() >= 2 && now == before && !shown.isNull() &&
            baton::test::sameColours(shownBefore, shown))
            return now;
        before = std::move(now);
        shownBefore = std::move(shown);
    }
    return {};
}

// src over dst on premultiplied BGRA, rounded to the nearest value: what a translucent
// window's pixel looks like composed over an opaque one.
uint32_t composedOver(uint32_t src, uint32_t dst)
{
    const uint32_t inverse = 255u - (src >> 24);
    uint32_t out = 0xff000000u;
    for (int shift = 0; shift < 24; shift += 8) {
        const uint32_t s = (src >> shift) & 0xffu;
        const uint32_t d = (dst >> shift) & 0xffu;
        out |= std::min(255u, s + (d * inverse * 2 + 255) / 510) << shift;
    }
    return out;
}

uint8_t depthOf(uint64_t windowId)
{
    QString error;
    const auto connection = baton::XcbConnection::open({}, &error);
    if (!connection)
        return 0;
    xcb_connection_t *c = connection->get();
    const baton::XcbReply<xcb_get_geometry_reply_t> geometry(
        xcb_get_geometry_reply(c, xcb_get_geometry(c, xcb_drawable_t(windowId)), nullptr));
    return geometry ? geometry->depth : 0;
}

QPoint pointIn(const Rect &rect, int32_t x, int32_t y)
{
    return {x - rect.x, y - rect.y};
}

QString pointArgument(const QPoint &point)
{
    return QStringLiteral("%1,%2").arg(point.x()).arg(point.y());
}

} // namespace

class TestSharedApp : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"), "needs an X server (xvfb-run)");
        xServer_ = baton::test::holdXServer();
        QVERIFY(xServer_ != nullptr);
        const xcb_screen_t &screen = xServer_->screen();
        screen_ = {0, 0, screen.width_in_pixels, screen.height_in_pixels};
    }

    void init()
    {
        home_ = std::make_unique<QTemporaryDir>();
        QVERIFY(home_->isValid());
    }

    void cleanup()
    {
        for (QProcess *process : std::as_const(processes_)) {
            if (process->state() != QProcess::NotRunning) {
                process->kill();
                process->waitForFinished(5000);
            }
        }
        qDeleteAll(processes_);
        processes_.clear();
        app_.reset();
    }

    // Opened on the host, each popup or dialog is a window of its own; the viewer that
    // watched it open and one that joins once it is open both show it with the main
    // window, pixel for pixel as the screen does, and the background around them. The
    // combo box's list reaches past the window's bottom edge: the share grows.
    void popupsAppearAtTheViewers_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<bool>("click");
        QTest::addColumn<QString>("shownLine");
        QTest::newRow("menu") << QStringLiteral("file_menu") << true
                              << QStringLiteral("menu: shown File");
        QTest::newRow("combo list")
            << QStringLiteral("combo") << true << QStringLiteral("combo popup: shown");
        QTest::newRow("tooltip") << QStringLiteral("tooltip_button") << false
                                 << QStringLiteral("tooltip: shown");
        QTest::newRow("modal dialog")
            << QStringLiteral("dialog_button") << true << QStringLiteral("dialog: shown");
    }
    void popupsAppearAtTheViewers()
    {
        QFETCH(QString, target);
        QFETCH(bool, click);
        QFETCH(QString, shownLine);
        QVERIFY(startApp());
        const QString link = host();
        QVERIFY(!link.isEmpty());
        QProcess *watching = join(link, {QStringLiteral("--save-frame"), picturePath("watching")});
        QByteArray watchingErr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (watchingErr += watching->readAllStandardError()).contains("joined"), kTimeoutMs);

        // Arriving from outside, the pointer enters the window without moving in it,
        // and Qt starts a tooltip's wait on a move: one step in, then to the target.
        const QPoint at = app_->onScreen(target);
        QStringList xdotoolArgs{QStringLiteral("mousemove"), QString::number(at.x() - 1),
                                QString::number(at.y()),     QStringLiteral("mousemove"),
                                QString::number(at.x()),     QString::number(at.y())};
        if (click)
            xdotoolArgs << QStringLiteral("click") << QStringLiteral("1");
        QVERIFY(baton::test::xdotool(xdotoolArgs));
        QVERIFY2(app_->waitForLine(shownLine, kTimeoutMs), qPrintable(app_->said()));
        const std::vector<Rect> windows = settledWindows(*app_);
        QVERIFY(!windows.empty());
        const Rect main = app_->windowRect();

        const QImage late = latePicture(link);
        watching->terminate();
        QVERIFY(watching->waitForFinished(kTimeoutMs));
        QVERIFY2(watching->exitCode() == 0, watching->readAllStandardError().constData());
        const QImage watched(picturePath("watching"));

        const Frame expected = expectedPicture(main, windows, screen_);
        QVERIFY(!expected.isNull());
        if (target == QLatin1String("combo"))
            QVERIFY2(expected.height() > main.height, "the list stays inside the window");
        for (const QImage &picture : {watched, late}) {
            QVERIFY(!picture.isNull());
            QString difference;
            QVERIFY2(baton::test::sameColours(frameOf(picture), expected, &difference),
                     qPrintable(difference));
        }
    }

    // The viewer holding the floor clicks the File menu's title through Baton, and once
    // the menu is open, its "Say hello" item: the application does what the item says.
    // (Two viewers in turn, each with one click: a single one would click the item
    // before the menu is known to be open.)
    void floorHolderPicksAMenuItem()
    {
        QVERIFY(startApp());
        const QString link = host();
        QVERIFY(!link.isEmpty());
        QVERIFY(clickThroughBaton(link, app_->inWindow(QStringLiteral("file_menu"))));
        QVERIFY2(app_->waitForLine(QStringLiteral("menu: shown File"), kTimeoutMs),
                 qPrintable(app_->said()));
        QVERIFY(!settledWindows(*app_).empty());
        QVERIFY(clickThroughBaton(link, app_->inWindow(QStringLiteral("say_hello"))));
        QVERIFY2(app_->waitForLine(QStringLiteral("picked: hello"), kTimeoutMs),
                 qPrintable(app_->said()));
    }

    // The floor holder opens the modal dialog and clicks its OK button, in a window of
    // its own over the main one: the dialog is accepted.
    void floorHolderAcceptsTheDialog()
    {
        QVERIFY(startApp());
        const QString link = host();
        QVERIFY(!link.isEmpty());
        QVERIFY(clickThroughBaton(link, app_->inWindow(QStringLiteral("dialog_button"))));
        QVERIFY2(app_->waitForLine(QStringLiteral("dialog: shown"), kTimeoutMs),
                 qPrintable(app_->said()));
        const QPoint ok = app_->waitForPoint(QStringLiteral("dialog_ok"), kTimeoutMs);
        QVERIFY2(ok != QPoint(-1, -1), qPrintable(app_->said()));
        QVERIFY(!settledWindows(*app_).empty());
        QVERIFY(clickThroughBaton(link, ok));
        QVERIFY2(app_->waitForLine(QStringLiteral("dialog: accepted"), kTimeoutMs),
                 qPrintable(app_->said()));
    }

    // The combo box's list reaches below the main window; its last item lies outside it,
    // in the part of the share's picture the list added. A click there through Baton
    // picks it: input on a popup is input on the application.
    void floorHolderPicksAComboItemPastTheWindow()
    {
        QVERIFY(startApp());
        const QString link = host();
        QVERIFY(!link.isEmpty());
        QVERIFY(clickThroughBaton(link, app_->inWindow(QStringLiteral("combo"))));
        QVERIFY2(app_->waitForLine(QStringLiteral("combo popup: shown"), kTimeoutMs),
                 qPrintable(app_->said()));
        const std::vector<Rect> windows = settledWindows(*app_);
        QVERIFY(!windows.empty());
        const Rect main = app_->windowRect();
        const Rect list = windows.back();
        // A click through Baton that opens a popup must not raise the main window over it.
        QVERIFY2(list != main, "the main window lies above the combo box's list");
        // A few pixels above the list's bottom edge: inside the last item, whatever the
        // style's frame.
        constexpr int32_t kInsideLastItemPx = 6;
        const int32_t y = list.bottom() - kInsideLastItemPx;
        QVERIFY2(y >= main.bottom(),
                 qPrintable(QStringLiteral("the list (%1,%2 %3x%4) ends inside the window")
                                .arg(list.x)
                                .arg(list.y)
                                .arg(list.width)
                                .arg(list.height)));
        // The list grows the picture downwards only: picture coordinates stay the window's.
        QVERIFY(list.top() >= main.top() && list.left() >= main.left());
        QVERIFY(clickThroughBaton(link, pointIn(main, list.x + list.width / 2, y)));
        QVERIFY2(app_->waitForLine(QStringLiteral("combo: Item 8"), kTimeoutMs),
                 qPrintable(app_->said()));
    }

    // A frameless window with an alpha channel: a depth-32 visual. The viewer's picture
    // is its pixels (premultiplied, as X holds them) composed over the share's
    // background; its transparent band is the background itself.
    void translucentWindowIsComposedOverTheBackground()
    {
        QVERIFY(startApp({QStringLiteral("--translucent")}));
        QCOMPARE(depthOf(app_->windowId()), uint8_t(32));
        const Frame pixels = baton::test::xwdCapture(app_->windowId());
        QVERIFY(!pixels.isNull());
        // The bands the application paints: transparent, red at half opacity, green at a
        // quarter, opaque blue. Checked here so that the reference itself is known good.
        const int32_t band = pixels.width() / 4;
        const int32_t middle = pixels.height() / 2;
        QCOMPARE(pixels.pixel(band / 2, middle), 0x00000000u);
        QCOMPARE(pixels.pixel(band + band / 2, middle), 0x80800000u);
        QCOMPARE(pixels.pixel(2 * band + band / 2, middle), 0x40004000u);
        QCOMPARE(pixels.pixel(3 * band + band / 2, middle), 0xff0000ffu);

        const QString link = host();
        QVERIFY(!link.isEmpty());
        const QImage picture = latePicture(link);
        QVERIFY(!picture.isNull());
        Frame expected(pixels.width(), pixels.height());
        for (int32_t y = 0; y < pixels.height(); ++y)
            for (int32_t x = 0; x < pixels.width(); ++x)
                expected.setPixel(
                    x, y, composedOver(pixels.pixel(x, y), baton::ShareCanvas::kBackground));
        QString difference;
        QVERIFY2(baton::test::sameColours(frameOf(picture), expected, &difference),
                 qPrintable(difference));
    }

private:
    // The application with a unique title, the pointer away from it so that whatever
    // the test points at next sees the pointer arrive.
    bool startApp(const QStringList &extraArgs = {})
    {
        if (!baton::test::xdotool(
                {QStringLiteral("mousemove"), QStringLiteral("0"), QStringLiteral("0")}))
            return false;
        const QString title =
            QStringLiteral("baton-sharedapp-%1").arg(QCoreApplication::applicationPid());
        app_ = std::make_unique<SharedAppProcess>(kApp, title, extraArgs);
        if (!app_->isReady())
            qWarning("baton_sharedapp: %s", qPrintable(app_->said()));
        return app_->isReady();
    }

    QProcess *start(const QStringList &args)
    {
        auto *process = new QProcess;
        processes_.append(process);
        process->setProcessEnvironment(baton::test::privateEnvironment(*home_));
        process->start(kCli, args);
        return process;
    }

    // `baton-cli host --title` sharing the application, lossless so that pictures can be
    // compared pixel for pixel, giving the floor to whoever asks. Its invite link, empty
    // on failure.
    QString host()
    {
        QProcess *cli =
            start({QStringLiteral("host"), QStringLiteral("--title"),
                   QStringLiteral("^%1$").arg(QRegularExpression::escape(app_->title())),
                   QStringLiteral("--bind"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                   QStringLiteral("0"), QStringLiteral("--codec"), QStringLiteral("lossless"),
                   QStringLiteral("--policy"), QStringLiteral("auto")});
        const QString link = baton::test::readLine(*cli, kTimeoutMs);
        if (!link.startsWith(QLatin1String("baton://")))
            qWarning("host: %s", cli->readAllStandardError().constData());
        return link.startsWith(QLatin1String("baton://")) ? link : QString();
    }

    QProcess *join(const QString &link, const QStringList &options)
    {
        return start(QStringList{QStringLiteral("join"), link} + options);
    }

    QString picturePath(const char *name) const
    {
        return home_->filePath(QString::fromLatin1(name) + QStringLiteral(".png"));
    }

    // What a viewer that joins now shows once it has stayed a moment.
    QImage latePicture(const QString &link)
    {
        const QString path = picturePath("late");
        QProcess *late = join(link,
                              {QStringLiteral("--duration"), QString::number(kLateJoinerStayS),
                               QStringLiteral("--save-frame"), path});
        if (!late->waitForFinished(kTimeoutMs) || late->exitCode() != 0) {
            qWarning("late joiner: %s", late->readAllStandardError().constData());
            return {};
        }
        return QImage(path);
    }

    // A viewer joins, takes the floor, clicks at point (picture coordinates) and gives
    // the floor back; false, with what it said, when it did not get that far. It stays
    // joined until the test ends: its input is on its way to the host, and leaving at
    // once could race it.
    bool clickThroughBaton(const QString &link, const QPoint &point)
    {
        QProcess *holder = join(link,
                                {QStringLiteral("--request-control"), QStringLiteral("--click"),
                                 pointArgument(point), QStringLiteral("--release")});
        holder->setReadChannel(QProcess::StandardError); // what it says is on stderr
        QByteArray err;
        const QDeadlineTimer deadline(kTimeoutMs);
        while (!err.contains("released control") && !deadline.hasExpired() &&
               holder->state() != QProcess::NotRunning) {
            holder->waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
            err += holder->readAllStandardError();
        }
        if (err.contains("released control"))
            return true;
        qWarning("the floor holder: %s", err.constData());
        return false;
    }

    std::unique_ptr<baton::XcbConnection> xServer_;
    Rect screen_;
    std::unique_ptr<QTemporaryDir> home_;
    std::unique_ptr<SharedAppProcess> app_;
    QList<QProcess *> processes_;
};

QTEST_GUILESS_MAIN(TestSharedApp)
#include "tst_sharedapp.moc"
