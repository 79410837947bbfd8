// baton_sharedapp: the application the application-share tests (issues 16 and 19) share
// and drive, on X11 or on a Wayland compositor (QT_QPA_PLATFORM). Prints one JSON line
// {"geometry": {...}} with where to click, then "ready", then a line for every effect
// (see SharedAppWindow and PopupReporter).
//
//   baton_sharedapp [--title TITLE] [--translucent] [--save-picture FILE]
//
// Pixels are meant to be the same on every run: the Fusion style and palette, one font,
// no animated menus, combo boxes or tooltips.

#include "PopupReporter.h"
#include "Say.h"
#include "SharedAppWindow.h"
#include "StableStyle.h"
#include "TranslucentWindow.h"
#include "WindowPicture.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QTimer>
#include <QWindow>

#include <functional>
#include <memory>

namespace {

using namespace baton::sharedapp;

// Where the window opens on X11: away from the screen's corner, so that popups may open
// on any side of it. There is no window manager under Xvfb to place it. A Wayland client
// cannot place its window: the compositor does.
constexpr QPoint kWindowPosition(100, 80);

bool onWayland()
{
    return QGuiApplication::platformName().startsWith(QLatin1String("wayland"));
}

// Calls then once a Wayland compositor has configured the window's surface, Qt has
// painted it (Qt paints a widget window while handling its Expose) and the window has the
// keyboard focus, which changes how the focused text field looks and is where typed keys
// go. Both are the compositor's to give, in either order.
class ShownWaiter : public QObject {
public:
    ShownWaiter(QWindow &window, std::function<void()> then)
        : QObject(&window), window_(window), then_(std::move(then))
    {
        window.installEventFilter(this);
        connect(qGuiApp, &QGuiApplication::focusWindowChanged, this, &ShownWaiter::check);
        check();
    }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Expose)
            QTimer::singleShot(0, this, &ShownWaiter::check); // once Qt has handled it
        return false;
    }

private:
    void check()
    {
        if (done_ || !window_.isExposed() || !window_.isActive())
            return;
        done_ = true;
        window_.removeEventFilter(this);
        disconnect(qGuiApp, nullptr, this, nullptr);
        QTimer::singleShot(0, this, then_);
    }

    QWindow &window_;
    std::function<void()> then_;
    bool done_ = false;
};

void makePixelsStable()
{
    QApplication::setStyle(new StableStyle); // the application owns it
    QApplication::setPalette(QApplication::style()->standardPalette());
    QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 10));
    for (const Qt::UIEffect effect : {Qt::UI_AnimateMenu, Qt::UI_FadeMenu, Qt::UI_AnimateCombo,
                                      Qt::UI_AnimateTooltip, Qt::UI_FadeTooltip})
        QApplication::setEffectEnabled(effect, false);
    QApplication::setCursorFlashTime(0); // no blinking text cursor
}

// Once the window is on the screen and laid out: its own picture where asked, where to
// click, then "ready". The window's place only where the application knows it: a Wayland
// client is never told where its window lies, and window.pos() would be a made-up (0, 0).
void announce(QWidget &window, const SharedAppWindow *appWindow, const QString &picturePath)
{
    if (!picturePath.isEmpty() && !saveWindowPicture(window, picturePath))
        return;
    QJsonObject geometry = appWindow ? appWindow->clickPoints() : QJsonObject();
    QJsonObject placement{
        {QStringLiteral("width"), window.width()},
        {QStringLiteral("height"), window.height()},
    };
    if (!onWayland()) {
        placement[QStringLiteral("x")] = window.x();
        placement[QStringLiteral("y")] = window.y();
    }
    geometry[QStringLiteral("window")] = placement;
    say(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("geometry"), geometry}})
                              .toJson(QJsonDocument::Compact)));
    say(QStringLiteral("ready"));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("title"), QStringLiteral("The window's title."), QStringLiteral("TITLE"),
         QStringLiteral("baton_sharedapp")},
        {QStringLiteral("translucent"),
         QStringLiteral("Show a frameless window with an alpha channel instead.")},
        {QStringLiteral("save-picture"),
         QStringLiteral("Write the window's own picture as PNG to FILE before saying \"ready\" "
                        "and before every \"text: …\" line."),
         QStringLiteral("FILE")},
    });
    parser.process(app);
    const QString picturePath = parser.value(QStringLiteral("save-picture"));
    makePixelsStable();
    PopupReporter reporter;
    app.installEventFilter(&reporter);

    std::unique_ptr<QWidget> window;
    SharedAppWindow *appWindow = nullptr;
    if (parser.isSet(QStringLiteral("translucent"))) {
        window = std::make_unique<TranslucentWindow>();
    } else {
        auto main = std::make_unique<SharedAppWindow>(picturePath);
        appWindow = main.get();
        window = std::move(main);
    }
    window->setWindowTitle(parser.value(QStringLiteral("title")));
    const auto ready = [&window, appWindow, picturePath] {
        announce(*window, appWindow, picturePath);
    };
    if (onWayland()) {
        window->show();
        new ShownWaiter(*window->windowHandle(), ready); // the window owns it
    } else {
        window->move(kWindowPosition);
        window->show();
        // After the first paint has been queued to the X server.
        QTimer::singleShot(0, window.get(), ready);
    }
    return QApplication::exec();
}
