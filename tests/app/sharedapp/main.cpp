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

// Calls then once a Wayland compositor has configured the window's surface and Qt has
// painted it: after the first Expose (Qt paints a widget window while handling it), or
// at once when that came already.
class ExposeWaiter : public QObject {
public:
    ExposeWaiter(QWindow &window, std::function<void()> then)
        : QObject(&window), then_(std::move(then))
    {
        if (window.isExposed())
            QTimer::singleShot(0, &window, then_);
        else
            window.installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Expose && static_cast<QWindow *>(watched)->isExposed()) {
            watched->removeEventFilter(this);
            QTimer::singleShot(0, watched, then_);
        }
        return false;
    }

private:
    std::function<void()> then_;
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
        new ExposeWaiter(*window->windowHandle(), ready); // the window owns it
    } else {
        window->move(kWindowPosition);
        window->show();
        // After the first paint has been queued to the X server.
        QTimer::singleShot(0, window.get(), ready);
    }
    return QApplication::exec();
}
