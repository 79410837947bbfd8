// baton_sharedapp: the application the application-share tests (issue 16) share and
// drive. Prints one JSON line {"geometry": {...}} with where to click, then "ready", then
// a line for every effect (see SharedAppWindow and PopupReporter).
//
//   baton_sharedapp [--title TITLE] [--translucent]
//
// Pixels are meant to be the same on every run: the Fusion style and palette, one font,
// no animated menus, combo boxes or tooltips.

#include "PopupReporter.h"
#include "Say.h"
#include "SharedAppWindow.h"
#include "StableStyle.h"
#include "TranslucentWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTimer>

#include <memory>

namespace {

using namespace baton::sharedapp;

// Where the window opens: away from the screen's corner, so that popups may open on any
// side of it. There is no window manager under Xvfb to place it.
constexpr QPoint kWindowPosition(100, 80);

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

// Once the window is on the screen and laid out: where to click, then "ready".
void announce(QWidget &window, const SharedAppWindow *appWindow)
{
    QJsonObject geometry = appWindow ? appWindow->clickPoints() : QJsonObject();
    geometry[QStringLiteral("window")] = QJsonObject{
        {QStringLiteral("x"), window.x()},
        {QStringLiteral("y"), window.y()},
        {QStringLiteral("width"), window.width()},
        {QStringLiteral("height"), window.height()},
    };
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
    });
    parser.process(app);
    makePixelsStable();
    PopupReporter reporter;
    app.installEventFilter(&reporter);

    std::unique_ptr<QWidget> window;
    SharedAppWindow *appWindow = nullptr;
    if (parser.isSet(QStringLiteral("translucent"))) {
        window = std::make_unique<TranslucentWindow>();
    } else {
        auto main = std::make_unique<SharedAppWindow>();
        appWindow = main.get();
        window = std::move(main);
    }
    window->setWindowTitle(parser.value(QStringLiteral("title")));
    window->move(kWindowPosition);
    window->show();
    // After the first paint has been queued to the X server.
    QTimer::singleShot(0, window.get(), [&window, appWindow] { announce(*window, appWindow); });
    return QApplication::exec();
}
