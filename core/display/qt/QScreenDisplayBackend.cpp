#include "core/display/qt/QScreenDisplayBackend.h"

#include "core/display/Edid.h"

#include <QGuiApplication>
#include <QScreen>

#include <cmath>

namespace baton::display {

std::unique_ptr<QScreenDisplayBackend> QScreenDisplayBackend::create(QString *whyNot)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        *whyNot = QStringLiteral("QScreen needs a QGuiApplication (headless process)");
        return nullptr;
    }
    return std::unique_ptr<QScreenDisplayBackend>(new QScreenDisplayBackend());
}

QScreenDisplayBackend::QScreenDisplayBackend()
{
    auto *app = qobject_cast<QGuiApplication *>(QCoreApplication::instance());
    connect(app, &QGuiApplication::screenAdded, this, &DisplayBackend::layoutChanged);
    connect(app, &QGuiApplication::screenRemoved, this, &DisplayBackend::layoutChanged);
    connect(app, &QGuiApplication::primaryScreenChanged, this, &DisplayBackend::layoutChanged);
}

QList<DisplayInfo> QScreenDisplayBackend::displays()
{
    QList<DisplayInfo> result;
    const QScreen *primary = QGuiApplication::primaryScreen();
    for (const QScreen *screen : QGuiApplication::screens()) {
        DisplayInfo display;
        display.connector = screen->name();
        display.manufacturer = screen->manufacturer();
        display.model = screen->model();
        display.serial = screen->serialNumber();
        // Without EDID bytes, the identity fields Qt read from it stand in for them.
        display.id = display.manufacturer.isEmpty() ? connectorOnlyId(display.connector)
                                                    : QStringLiteral("%1.%2.%3")
                                                          .arg(display.manufacturer, display.model,
                                                               display.serial)
                                                          .toUpper()
                                                          .replace(u' ', u'-');
        const qreal dpr = screen->devicePixelRatio();
        const QRect geometry = screen->geometry();
        display.layout.enabled = true;
        display.layout.mode = DisplayMode{int(std::lround(geometry.width() * dpr)),
                                          int(std::lround(geometry.height() * dpr)),
                                          std::round(screen->refreshRate() * 100) / 100};
        display.layout.position = geometry.topLeft();
        display.layout.primary = screen == primary;
        display.modes = {*display.layout.mode};
        display.layout.rotationDeg = screen->angleBetween(screen->nativeOrientation(), screen->orientation());
        display.rotationsDeg = {display.layout.rotationDeg};
        const QSizeF mm = screen->physicalSize();
        if (mm.width() > 0 && mm.height() > 0)
            display.physicalSizeMm = mm.toSize();
        display.scale = dpr;
        result.append(display);
    }
    return result;
}

BackendResult QScreenDisplayBackend::applyLayout(const QList<LayoutChange> &)
{
    return BackendResult::fail(BackendResult::Kind::Unsupported,
                               QStringLiteral("this window system's displays are read-only here (QScreen)"));
}

} // namespace baton::display
