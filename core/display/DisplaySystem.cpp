#include "core/display/DisplaySystem.h"

#include "core/display/Logging.h"
#include "core/display/ddc/DdcutilControl.h"
#include "core/display/qt/QScreenDisplayBackend.h"

#ifdef BATON_DISPLAY_X11
#include "core/display/x11/DpmsPowerControl.h"
#include "core/display/x11/RandrDisplayBackend.h"
#endif

namespace baton::display {
namespace {

void refuse(DisplaySystem &system, const QString &backend, const QString &why)
{
    qCInfo(lcDisplay) << "display backend" << backend << "refused:" << why;
    system.refusals.append(backend + QStringLiteral(": ") + why);
}

} // namespace

std::optional<DisplaySystem> createDisplaySystem(const DisplaySystemOptions &options, QString *whyNot)
{
    DisplaySystem system;
    QString why;
#ifdef BATON_DISPLAY_X11
    if (auto connection = x11::connectToX(options.x11Display, &why)) {
        if (auto randr = x11::RandrDisplayBackend::create(connection, &why))
            system.layout = std::move(randr);
        else
            refuse(system, QStringLiteral("x11-randr"), why);
        if (auto dpms = x11::DpmsPowerControl::create(connection, &why))
            system.power = std::move(dpms);
        else
            refuse(system, QStringLiteral("x11-dpms"), why);
    } else {
        refuse(system, QStringLiteral("x11-randr"), why);
    }
#else
    refuse(system, QStringLiteral("x11-randr"), QStringLiteral("not built for X11"));
#endif
    if (!system.layout) {
        if (auto qscreen = QScreenDisplayBackend::create(&why))
            system.layout = std::move(qscreen);
        else
            refuse(system, QStringLiteral("qt-qscreen"), why);
    }
    if (!system.layout) {
        *whyNot = system.refusals.join(QStringLiteral("; "));
        return std::nullopt;
    }
    if (options.ddcutilProgram.isEmpty())
        refuse(system, QStringLiteral("ddcutil"), QStringLiteral("disabled"));
    else if (auto ddc = DdcutilControl::create(options.ddcutilProgram, &why))
        system.ddc = std::move(ddc);
    else
        refuse(system, QStringLiteral("ddcutil"), why);
    qCInfo(lcDisplay) << "displays through" << system.layout->name()
                      << (system.power ? system.power->name() : QStringLiteral("(no power control)"))
                      << (system.ddc ? system.ddc->name() : QStringLiteral("(no DDC/CI)"));
    return system;
}

} // namespace baton::display
