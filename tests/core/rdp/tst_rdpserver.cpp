// RdpServer against the real xfreerdp (Debian's freerdp2-x11) on an Xvfb of the test's own:
// the picture it shows, read back from its window, pixel for pixel; the password; garbage
// connections; the keys and clicks typed into its window with XTEST.

#include "../capture/PrivateXServer.h"
#include "RdpTestClient.h"
#include "core/net/CertificateStore.h"
#include "core/rdp/RdpEndMessage.h"
#include "core/rdp/RdpServer.h"

#include <QFont>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <xcb/xcb.h>
#include <xcb/xfixes.h>
#include <xcb/xtest.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <sys/prctl.h>

using namespace baton;
using namespace baton::rdp;

namespace {

constexpr int kTimeoutMs = 30000;
const QString kPassword = QStringLiteral("correct horse");

// A picture with something in every pixel: a gradient (every tile differs) and text.
Frame testPicture(int width, int height, const QString &text)
{
    QImage image(width, height, QImage::Format_RGB32);
    QPainter painter(&image);
    QLinearGradient gradient(0, 0, width, height);
    gradient.setColorAt(0, QColor(20, 90, 200));
    gradient.setColorAt(0.5, QColor(240, 200, 40));
    gradient.setColorAt(1, QColor(10, 160, 60));
    painter.fillRect(image.rect(), gradient);
    QFont font = painter.font();
    font.setPixelSize(28);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(image.rect(), Qt::AlignCenter | Qt::TextWordWrap, text);
    painter.end();
    return Frame::copyOf(
        FrameView(image.constBits(), width, height, int32_t(image.bytesPerLine())));
}

struct XcbFree {
    void operator()(void *pointer) const { std::free(pointer); }
};
template <typename T> using XcbReply = std::unique_ptr<T, XcbFree>;

// The test's own connection to the private X server: finds xfreerdp's window, reads its
// pixels, and types and clicks into it through XTEST as a person would.
class XDisplay {
public:
    explicit XDisplay(const QString &name)
        : connection_(xcb_connect(name.toLatin1().constData(), nullptr))
    {
        if (!xcb_connection_has_error(connection_))
            root_ = xcb_setup_roots_iterator(xcb_get_setup(connection_)).data->root;
    }
    ~XDisplay() { xcb_disconnect(connection_); }
    XDisplay(const XDisplay &) = delete;
    XDisplay &operator=(const XDisplay &) = delete;

    bool isOpen() const { return root_ != XCB_NONE; }

    // The mapped top-level window of process pid (_NET_WM_PID), if it has one.
    std::optional<xcb_window_t> windowOf(qint64 pid)
    {
        const xcb_atom_t pidAtom = atom("_NET_WM_PID");
        XcbReply<xcb_query_tree_reply_t> tree(
            xcb_query_tree_reply(connection_, xcb_query_tree(connection_, root_), nullptr));
        if (!tree)
            return std::nullopt;
        const xcb_window_t *children = xcb_query_tree_children(tree.get());
        for (int i = 0; i < xcb_query_tree_children_length(tree.get()); ++i) {
            XcbReply<xcb_get_window_attributes_reply_t> attributes(xcb_get_window_attributes_reply(
                connection_, xcb_get_window_attributes(connection_, children[i]), nullptr));
            if (!attributes || attributes->map_state != XCB_MAP_STATE_VIEWABLE)
                continue;
            XcbReply<xcb_get_property_reply_t> property(xcb_get_property_reply(
                connection_,
                xcb_get_property(connection_, 0, children[i], pidAtom, XCB_ATOM_CARDINAL, 0, 1),
                nullptr));
            if (property && xcb_get_property_value_length(property.get()) == 4 &&
                *static_cast<const uint32_t *>(xcb_get_property_value(property.get())) == pid)
                return children[i];
        }
        return std::nullopt;
    }

    QRect geometry(xcb_window_t window)
    {
        XcbReply<xcb_get_geometry_reply_t> reply(
            xcb_get_geometry_reply(connection_, xcb_get_geometry(connection_, window), nullptr));
        if (!reply)
            return {};
        XcbReply<xcb_translate_coordinates_reply_t> origin(xcb_translate_coordinates_reply(
            connection_, xcb_translate_coordinates(connection_, window, root_, 0, 0), nullptr));
        if (!origin)
            return {};
        return {origin->dst_x, origin->dst_y, reply->width, reply->height};
    }

    // The window's pixels (depth 24: BGRX), or a null frame.
    Frame grab(xcb_window_t window)
    {
        const QRect rect = geometry(window);
        if (rect.isEmpty())
            return {};
        XcbReply<xcb_get_image_reply_t> image(
            xcb_get_image_reply(connection_,
                                xcb_get_image(connection_, XCB_IMAGE_FORMAT_Z_PIXMAP, window, 0, 0,
                                              uint16_t(rect.width()), uint16_t(rect.height()), ~0u),
                                nullptr));
        if (!image || xcb_get_image_data_length(image.get()) < rect.width() * rect.height() * 4)
            return {};
        Frame frame = Frame::copyOf(FrameView(xcb_get_image_data(image.get()), rect.width(),
                                              rect.height(), rect.width() * 4));
        for (int y = 0; y < frame.height(); ++y) {
            for (int x = 0; x < frame.width(); ++x)
                frame.setPixel(x, y, frame.pixel(x, y) | 0xFF000000);
        }
        return frame;
    }

    // The cursor the X server shows now (XFixes): premultiplied ARGB, as Baton holds pointers.
    struct Cursor {
        Frame image;
        QPoint hotSpot;
    };
    std::optional<Cursor> cursor()
    {
        // XFixes answers nothing before its version was asked for.
        std::free(xcb_xfixes_query_version_reply(
            connection_, xcb_xfixes_query_version(connection_, 4, 0), nullptr));
        XcbReply<xcb_xfixes_get_cursor_image_reply_t> reply(xcb_xfixes_get_cursor_image_reply(
            connection_, xcb_xfixes_get_cursor_image(connection_), nullptr));
        if (!reply || reply->width == 0 || reply->height == 0)
            return std::nullopt;
        Frame image(reply->width, reply->height);
        const uint32_t *pixels = xcb_xfixes_get_cursor_image_cursor_image(reply.get());
        for (int y = 0; y < reply->height; ++y) {
            for (int x = 0; x < reply->width; ++x)
                image.setPixel(x, y, pixels[y * reply->width + x]);
        }
        return Cursor{std::move(image), QPoint(reply->xhot, reply->yhot)};
    }
    QPoint pointerPosition()
    {
        XcbReply<xcb_query_pointer_reply_t> reply(
            xcb_query_pointer_reply(connection_, xcb_query_pointer(connection_, root_), nullptr));
        return reply ? QPoint(reply->root_x, reply->root_y) : QPoint(-1, -1);
    }

    void focus(xcb_window_t window)
    {
        xcb_set_input_focus(connection_, XCB_INPUT_FOCUS_POINTER_ROOT, window, XCB_CURRENT_TIME);
        xcb_flush(connection_);
    }
    void moveTo(QPoint onScreen)
    {
        xcb_test_fake_input(connection_, XCB_MOTION_NOTIFY, 0, XCB_CURRENT_TIME, root_,
                            int16_t(onScreen.x()), int16_t(onScreen.y()), 0);
        sync();
    }
    void button(uint8_t button, bool pressed)
    {
        xcb_test_fake_input(connection_, pressed ? XCB_BUTTON_PRESS : XCB_BUTTON_RELEASE, button,
                            XCB_CURRENT_TIME, XCB_NONE, 0, 0, 0);
        sync();
    }
    void key(uint8_t keycode, bool pressed)
    {
        xcb_test_fake_input(connection_, pressed ? XCB_KEY_PRESS : XCB_KEY_RELEASE, keycode,
                            XCB_CURRENT_TIME, XCB_NONE, 0, 0, 0);
        sync();
    }

private:
    xcb_atom_t atom(const char *name)
    {
        XcbReply<xcb_intern_atom_reply_t> reply(xcb_intern_atom_reply(
            connection_, xcb_intern_atom(connection_, 0, uint16_t(strlen(name)), name), nullptr));
        return reply ? reply->atom : XCB_NONE;
    }
    // A round trip: the server has handled everything sent before.
    void sync()
    {
        std::free(
            xcb_get_input_focus_reply(connection_, xcb_get_input_focus(connection_), nullptr));
    }

    xcb_connection_t *connection_;
    xcb_window_t root_ = XCB_NONE;
};

// xfreerdp on the private display, TLS security, the given password.
class Xfreerdp {
public:
    Xfreerdp(const QString &display, quint16 port, const QString &password)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DISPLAY"), display);
        // Where it keeps known hosts: the test's own.
        environment.insert(QStringLiteral("HOME"), home_.path());
        process_.setProcessEnvironment(environment);
        process_.setProcessChannelMode(QProcess::MergedChannels);
        process_.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        process_.start(QStringLiteral("xfreerdp"),
                       {QStringLiteral("/v:127.0.0.1:%1").arg(port), QStringLiteral("/u:viewer"),
                        QStringLiteral("/p:%1").arg(password), QStringLiteral("/sec:tls"),
                        QStringLiteral("/cert:ignore"), QStringLiteral("/bpp:32"),
                        QStringLiteral("/client-hostname:rdptest"),
                        QStringLiteral("/log-level:WARN"), QStringLiteral("-grab-keyboard"),
                        // Without it, xfreerdp ignores the server's pointer positions.
                        QStringLiteral("+grab-mouse")});
    }
    ~Xfreerdp()
    {
        if (process_.state() != QProcess::NotRunning) {
            process_.terminate();
            if (!process_.waitForFinished(5000))
                process_.kill();
            process_.waitForFinished(5000);
        }
    }
    Xfreerdp(const Xfreerdp &) = delete;
    Xfreerdp &operator=(const Xfreerdp &) = delete;

    QProcess &process() { return process_; }
    qint64 pid() const { return process_.processId(); }
    QString output() { return QString::fromLocal8Bit(process_.readAll()); }

private:
    QTemporaryDir home_;
    QProcess process_;
};

bool closedByServer(QAbstractSocket &socket)
{
    return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; },
                           kTimeoutMs);
}

QByteArray randomBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(1234); // the same garbage every run
    for (char &byte : bytes)
        byte = char(generator.bounded(256));
    return bytes;
}

} // namespace

class TestRdpServer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void showsThePicturePixelForPixel();
    void copiesAreDrawnAsScrBltOrAsTiles();
    void wrongPasswordSeesNothing();
    void garbageConnectionsEndAlone();
    void listensOnEveryAddress();
    void clientsPastTheMostAreRefused();
    void disconnectEndsTheClient();
    void keysAndClicksArrive();
    void pointerShapeHiddenAndPosition();
    void aStalledClientCatchesUpWithTheWholePicture();
    void endAllShowsTheMessageAndRefusesNewClients();

private:
    bool startServer(int maxClients, const QHostAddress &address = QHostAddress::LocalHost);
    // Starts xfreerdp and waits until it joined and its window shows expected.
    bool connectClient(const Frame &expected);
    bool windowShows(const Frame &expected);

    baton::test::PrivateXServer xserver_;
    std::unique_ptr<XDisplay> display_;
    std::optional<net::CertificateStore::Identity> identity_;
    std::unique_ptr<RdpServer> server_;
    std::unique_ptr<Xfreerdp> client_;
    xcb_window_t window_ = XCB_NONE;
    Frame picture_;
    int clientId_ = 0;
};

void TestRdpServer::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("xfreerdp")).isEmpty())
        QFAIL("xfreerdp is not installed (Debian: freerdp2-x11)");
    QString error;
    QVERIFY2(!xserver_.start(24, QSize(1280, 1024), {}, &error).isEmpty(), qPrintable(error));
    display_ = std::make_unique<XDisplay>(xserver_.displayName());
    QVERIFY(display_->isOpen());
    identity_ = net::CertificateStore::generate(QStringLiteral("tst_rdpserver"), &error);
    QVERIFY2(identity_, qPrintable(error));
}

void TestRdpServer::init()
{
    QVERIFY(startServer(32));
    picture_ = testPicture(640, 400, QStringLiteral("Baton over RDP, pixel for pixel"));
    server_->publish(picture_, Region(picture_.rect()));
}

bool TestRdpServer::startServer(int maxClients, const QHostAddress &address)
{
    RdpServerConfig config;
    config.bindAddress = address;
    config.port = 0;
    config.password = kPassword;
    config.certificatePem = identity_->certificate.toPem();
    config.privateKeyPem = identity_->privateKey.toPem();
    config.maxClients = maxClients;
    server_ = std::make_unique<RdpServer>(config);
    QString error;
    if (!server_->listen(&error) || server_->port() == 0) {
        qWarning() << "RdpServer did not listen:" << error;
        return false;
    }
    return true;
}

void TestRdpServer::cleanup()
{
    client_.reset();
    server_.reset();
    window_ = XCB_NONE;
    clientId_ = 0;
}

bool TestRdpServer::windowShows(const Frame &expected)
{
    return QTest::qWaitFor([&] { return display_->grab(window_) == expected; }, kTimeoutMs);
}

bool TestRdpServer::connectClient(const Frame &expected)
{
    QSignalSpy joined(server_.get(), &RdpServer::clientJoined);
    client_ = std::make_unique<Xfreerdp>(xserver_.displayName(), server_->port(), kPassword);
    if (!joined.wait(kTimeoutMs) && joined.isEmpty()) {
        qWarning() << "xfreerdp did not join:" << client_->output();
        return false;
    }
    const auto info = joined.first().first().value<RdpClientInfo>();
    clientId_ = info.clientId;
    if (info.name != QLatin1String("rdptest") || info.address != QHostAddress::LocalHost) {
        qWarning() << "joined as" << info.name << "from" << info.address;
        return false;
    }
    if (!QTest::qWaitFor(
            [&] {
                const std::optional<xcb_window_t> window = display_->windowOf(client_->pid());
                window_ = window.value_or(XCB_NONE);
                return window.has_value();
            },
            kTimeoutMs)) {
        qWarning() << "no xfreerdp window:" << client_->output();
        return false;
    }
    if (!windowShows(expected)) {
        const Frame shown = display_->grab(window_);
        qWarning() << "xfreerdp's window shows a" << shown.width() << "x" << shown.height()
                   << "picture unlike the published one";
        return false;
    }
    return true;
}

void TestRdpServer::showsThePicturePixelForPixel()
{
    QVERIFY(connectClient(picture_));
    QCOMPARE(server_->clientCount(), 1);

    // A change: only that region is published as damaged, and the window follows.
    Frame changed = picture_;
    const Frame patch = testPicture(150, 90, QStringLiteral("changed"));
    changed.mutableView().copyFrom(patch, 301, 77);
    server_->publish(changed, Region(Rect{301, 77, 150, 90}));
    QVERIFY(windowShows(changed));

    // A new size: xfreerdp is re-activated at it (Desktop Resize) and gets the whole picture.
    const Frame resized = testPicture(801, 533, QStringLiteral("a new size"));
    server_->publish(resized, Region(resized.rect()));
    QVERIFY(windowShows(resized));
    QCOMPARE(server_->clientCount(), 1);
}

void TestRdpServer::copiesAreDrawnAsScrBltOrAsTiles()
{
    QSignalSpy joined(server_.get(), &RdpServer::clientJoined);
    QVERIFY(connectClient(picture_));
    QVERIFY(joined.first().first().value<RdpClientInfo>().drawsCopies);
    // FreeRDP's own client, told to leave ScrBlt out of its Order capability (xfreerdp cannot
    // be): it ignores such orders, so it shows the picture only if it is sent tiles instead.
    test::RdpTestClient withoutCopies(server_->port(), kPassword, QStringLiteral("nocopies"),
                                      false);
    QTRY_COMPARE_WITH_TIMEOUT(joined.count(), 2, kTimeoutMs);
    QVERIFY(!joined.last().first().value<RdpClientInfo>().drawsCopies);
    QVERIFY(QTest::qWaitFor([&] { return withoutCopies.picture() == picture_; }, kTimeoutMs));

    // A scroll by 37 rows, then a block moved onto itself from where the scroll left it, then
    // the new rows at the bottom as pixels. xfreerdp is sent tiles for those rows alone, so
    // its window matches only if it replayed both copies, in order.
    constexpr int kRows = 37;
    PictureChange change;
    change.copies = {{Rect{0, kRows, 640, 400 - kRows}, 0, 0}, {Rect{100, 50, 200, 80}, 130, 60}};
    change.pixels = Region(Rect{0, 400 - kRows, 640, kRows});
    Frame scrolled = picture_;
    for (const PictureChange::Copy &copy : change.copies) {
        const Frame before = Frame::copyOf(scrolled.view());
        scrolled.mutableView().copyFrom(before.view().subView(copy.source), copy.toX, copy.toY);
    }
    scrolled.mutableView().copyFrom(testPicture(640, kRows, QStringLiteral("a new line")), 0,
                                    400 - kRows);
    server_->publish(scrolled, change);
    QVERIFY(windowShows(scrolled));
    QVERIFY(QTest::qWaitFor([&] { return withoutCopies.picture() == scrolled; }, kTimeoutMs));
}

void TestRdpServer::wrongPasswordSeesNothing()
{
    QSignalSpy joined(server_.get(), &RdpServer::clientJoined);
    QSignalSpy left(server_.get(), &RdpServer::clientLeft);
    Xfreerdp intruder(xserver_.displayName(), server_->port(), QStringLiteral("wrong"));
    // Waited for with the event loop running: the server lives on this thread.
    QVERIFY(QTest::qWaitFor([&] { return intruder.process().state() == QProcess::NotRunning; },
                            kTimeoutMs));
    QVERIFY(intruder.process().exitCode() != 0);
    QCOMPARE(joined.count(), 0);
    QCOMPARE(left.count(), 0); // it never joined, so it never left
    QCOMPARE(server_->clientCount(), 0);

    // The right password still works.
    QVERIFY(connectClient(picture_));
}

void TestRdpServer::garbageConnectionsEndAlone()
{
    QVERIFY(connectClient(picture_));
    QSignalSpy left(server_.get(), &RdpServer::clientLeft);

    // Random bytes where the X.224 Connection Request belongs. More than the largest length
    // their first bytes can announce (64 KiB), so that FreeRDP reads a whole 'PDU' and
    // rejects it, rather than waiting for the rest (which only the logon deadline ends).
    QTcpSocket garbage;
    garbage.connectToHost(QHostAddress::LocalHost, server_->port());
    QVERIFY(garbage.waitForConnected(kTimeoutMs));
    garbage.write(randomBytes(70000));
    QVERIFY(closedByServer(garbage));

    // A proper start (Connection Request asking for TLS), a TLS handshake, then garbage
    // inside TLS.
    QSslSocket tls;
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    tls.connectToHost(QHostAddress::LocalHost, server_->port());
    QVERIFY(tls.waitForConnected(kTimeoutMs));
    tls.write(QByteArray::fromHex("03000013" // TPKT, 19 bytes
                                  "0ee00000000000" // X.224 Connection Request
                                  "0100080001000000")); // RDP_NEG_REQ: TLS
    QVERIFY(QTest::qWaitFor([&] { return tls.bytesAvailable() >= 19; }, kTimeoutMs));
    const QByteArray confirm = tls.read(19);
    QCOMPARE(uint8_t(confirm[5]), uint8_t(0xD0)); // X.224 Connection Confirm
    QCOMPARE(uint8_t(confirm[11]), uint8_t(0x02)); // RDP_NEG_RSP
    QCOMPARE(uint8_t(confirm[15]), uint8_t(0x01)); // TLS selected
    tls.startClientEncryption();
    QVERIFY2(tls.waitForEncrypted(kTimeoutMs), qPrintable(tls.errorString()));
    tls.write(randomBytes(70000));
    QVERIFY(closedByServer(tls));

    // The connected client saw nothing of it and keeps getting updates.
    Frame changed = picture_;
    changed.mutableView().copyFrom(testPicture(200, 60, QStringLiteral("still here")), 10, 10);
    server_->publish(changed, Region(Rect{10, 10, 200, 60}));
    QVERIFY(windowShows(changed));
    QCOMPARE(left.count(), 0);
    QCOMPARE(server_->clientCount(), 1);
}

void TestRdpServer::listensOnEveryAddress()
{
    // Any: IPv6 and IPv4 on one socket where the host has IPv6; an IPv4 client is still
    // named by its IPv4 address (not ::ffff:127.0.0.1).
    QVERIFY(startServer(32, QHostAddress::Any));
    server_->publish(picture_, Region(picture_.rect()));
    QVERIFY(connectClient(picture_));
}

void TestRdpServer::clientsPastTheMostAreRefused()
{
    QVERIFY(startServer(1));
    server_->publish(picture_, Region(picture_.rect()));
    QVERIFY(connectClient(picture_));
    QTcpSocket second;
    second.connectToHost(QHostAddress::LocalHost, server_->port());
    QVERIFY(second.waitForConnected(kTimeoutMs));
    QVERIFY(closedByServer(second));
    QCOMPARE(server_->clientCount(), 1);
}

void TestRdpServer::disconnectEndsTheClient()
{
    QVERIFY(connectClient(picture_));
    QSignalSpy left(server_.get(), &RdpServer::clientLeft);
    server_->disconnect(clientId_, QStringLiteral("removed by the host"));
    QVERIFY(left.wait(kTimeoutMs));
    QCOMPARE(left.first().at(0).toInt(), clientId_);
    QCOMPARE(left.first().at(1).toString(), QStringLiteral("removed by the host"));
    QCOMPARE(server_->clientCount(), 0);
    QVERIFY(QTest::qWaitFor([&] { return client_->process().state() == QProcess::NotRunning; },
                            kTimeoutMs));
}

void TestRdpServer::keysAndClicksArrive()
{
    QVERIFY(connectClient(picture_));
    QSignalSpy keys(server_.get(), &RdpServer::keyInput);
    QSignalSpy pointers(server_.get(), &RdpServer::pointerInput);
    const QRect onScreen = display_->geometry(window_);
    display_->moveTo(onScreen.topLeft() + QPoint(5, 5));
    display_->focus(window_);

    // Xvfb's keycodes are evdev codes + 8: 'a' (set-1 1E) and Right (E0 4D).
    const auto typed = [&](uint16_t scancode, bool extended) {
        return QTest::qWaitFor(
            [&] {
                bool pressed = false;
                for (const QList<QVariant> &arguments : std::as_const(keys)) {
                    const auto key = arguments.at(1).value<KeyInput>();
                    if (arguments.at(0).toInt() != clientId_ || key.scancode != scancode ||
                        key.extended != extended)
                        continue;
                    if (key.pressed)
                        pressed = true;
                    else if (pressed)
                        return true;
                }
                return false;
            },
            kTimeoutMs);
    };
    display_->key(38, true);
    display_->key(38, false);
    QVERIFY(typed(0x1E, false));
    display_->key(114, true);
    display_->key(114, false);
    QVERIFY(typed(0x4D, true));

    // A click at (123, 45) of the picture.
    const QPoint at(123, 45);
    display_->moveTo(onScreen.topLeft() + at);
    display_->button(1, true);
    display_->button(1, false);
    QVERIFY(QTest::qWaitFor(
        [&] {
            bool pressed = false;
            for (const QList<QVariant> &arguments : std::as_const(pointers)) {
                const auto pointer = arguments.at(1).value<PointerInput>();
                if (pointer.button != 1 || pointer.position != at)
                    continue;
                if (pointer.type == PointerInput::Type::Press)
                    pressed = true;
                else if (pressed && pointer.type == PointerInput::Type::Release)
                    return true;
            }
            return false;
        },
        kTimeoutMs));
}

void TestRdpServer::pointerShapeHiddenAndPosition()
{
    QVERIFY(connectClient(picture_));
    const QRect onScreen = display_->geometry(window_);
    display_->moveTo(onScreen.topLeft() + QPoint(50, 50));
    display_->focus(window_);

    // Opaque red with a blue frame and a transparent corner: exact whatever the alpha
    // handling, as X's cursors are premultiplied like Baton's.
    RdpPointer pointer;
    pointer.image = Frame(24, 20);
    pointer.image.fill(0xFF0000FF);
    pointer.image.mutableView().fill(Rect{2, 2, 20, 16}, 0xFFFF0000);
    pointer.image.mutableView().fill(Rect{0, 0, 5, 5}, 0x00000000);
    pointer.hotX = 7;
    pointer.hotY = 9;
    pointer.x = 50;
    pointer.y = 50;
    server_->setPointer(pointer);
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto cursor = display_->cursor();
            return cursor && cursor->image == pointer.image && cursor->hotSpot == QPoint(7, 9);
        },
        kTimeoutMs));

    // Hidden: xfreerdp shows a cursor without a visible pixel.
    pointer.visible = false;
    server_->setPointer(pointer);
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto cursor = display_->cursor();
            if (!cursor)
                return false;
            for (int y = 0; y < cursor->image.height(); ++y) {
                for (int x = 0; x < cursor->image.width(); ++x) {
                    if (cursor->image.pixel(x, y) >> 24 != 0)
                        return false;
                }
            }
            return true;
        },
        kTimeoutMs));

    // A position moves xfreerdp's pointer (it warps it while its window has the focus).
    pointer.visible = true;
    pointer.x = 210;
    pointer.y = 111;
    server_->setPointer(pointer);
    QTRY_COMPARE_WITH_TIMEOUT(display_->pointerPosition(), onScreen.topLeft() + QPoint(210, 111),
                              kTimeoutMs);

    // The host's pointer following this client's own mouse, a moment late, is not sent back
    // to it: its pointer would be pulled back along its path.
    QSignalSpy pointers(server_.get(), &RdpServer::pointerInput);
    const QPoint earlier(60, 70);
    const QPoint now(300, 200);
    for (const QPoint &at : {earlier, now}) {
        display_->moveTo(onScreen.topLeft() + at);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return std::any_of(pointers.cbegin(), pointers.cend(), [&](const auto &arguments) {
                    return arguments.at(1).template value<PointerInput>().position == at;
                });
            },
            kTimeoutMs));
    }
    pointer.x = earlier.x();
    pointer.y = earlier.y();
    server_->setPointer(pointer);
    // A picture queued after it: once shown, the position was handled before it.
    Frame changed = picture_;
    changed.mutableView().fill(Rect{0, 0, 40, 40}, 0xFF00FF00);
    server_->publish(changed, Region(Rect{0, 0, 40, 40}));
    QVERIFY(windowShows(changed));
    QCOMPARE(display_->pointerPosition(), onScreen.topLeft() + now);
}

void TestRdpServer::aStalledClientCatchesUpWithTheWholePicture()
{
    QVERIFY(connectClient(picture_));
    // xfreerdp stopped: its socket fills, then its queue passes its bound (32 MiB) and is
    // dropped for the whole picture, which it shows once it runs again.
    QVERIFY(::kill(pid_t(client_->pid()), SIGSTOP) == 0);
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("fell behind")));
    QRandomGenerator noise(99);
    Frame picture = picture_;
    for (int i = 0; i < 80; ++i) {
        // Noise does not compress: about 750 KiB an update.
        for (int y = 0; y < picture.height(); ++y) {
            for (int x = 0; x < picture.width(); ++x)
                picture.setPixel(x, y, noise.generate() | 0xFF000000);
        }
        server_->publish(picture, Region(picture.rect()));
        QCoreApplication::processEvents();
    }
    const Frame last = testPicture(640, 400, QStringLiteral("caught up"));
    server_->publish(last, Region(last.rect()));
    QVERIFY(::kill(pid_t(client_->pid()), SIGCONT) == 0);
    QVERIFY(windowShows(last));
    QCOMPARE(server_->clientCount(), 1);
}

void TestRdpServer::endAllShowsTheMessageAndRefusesNewClients()
{
    QVERIFY(connectClient(picture_));
    const QString message = QStringLiteral("The host ended the share");
    server_->endAll(message);
    QVERIFY(windowShows(RdpEndMessage::paint(picture_, message)));

    // Nobody new gets in.
    QTcpSocket late;
    late.connectToHost(QHostAddress::LocalHost, server_->port());
    QVERIFY(QTest::qWaitFor([&] { return late.state() == QAbstractSocket::UnconnectedState; },
                            kTimeoutMs));

    // Closing the server disconnects xfreerdp at once, rather than 10 s later.
    server_.reset();
    QVERIFY(QTest::qWaitFor([&] { return client_->process().state() == QProcess::NotRunning; },
                            kTimeoutMs));
}

QTEST_MAIN(TestRdpServer)
#include "tst_rdpserver.moc"
