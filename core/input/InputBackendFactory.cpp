#include "core/input/InputBackendFactory.h"

#include "core/capture/WindowSource.h"
#include "core/input/InputLogging.h"

#if defined(BATON_HAVE_WAYLAND_INPUT)
#include "core/capture/wayland/PipeWireWindowSource.h"
#include "core/input/wayland/IdleTimeLocalInputMonitor.h"
#include "core/input/wayland/RemoteDesktopInputInjector.h"
#endif
#if defined(BATON_HAVE_X11_INPUT)
#include "core/input/x11/X11InputInjector.h"
#include "core/input/x11/X11LocalInputMonitor.h"
#endif

namespace baton {
namespace {

void refuse(QStringList &refusals, const QString &backend, const QString &reason)
{
    qCInfo(lcInput).noquote() << "input backend" << backend << "skipped:" << reason;
    refusals.append(backend + QStringLiteral(": ") + reason);
}

#if defined(BATON_HAVE_X11_INPUT)
// XTEST drives the window the X11 capture backend captures, on the display it uses
// ($DISPLAY); a window captured any other way may not even be an X window.
bool createX11(const WindowSource &source, InputBackendFactory::Creation &creation)
{
    const QString x11 = QStringLiteral("x11");
    if (source.backendName() != x11) {
        refuse(creation.refusals, x11,
               QStringLiteral("the window is captured by '%1', not x11").arg(source.backendName()));
        return false;
    }
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {
        refuse(creation.refusals, x11, QStringLiteral("DISPLAY is not set"));
        return false;
    }
    const auto window = uint32_t(source.window().id);
    // The source outlives the injector and the monitor (HostSession owns all three and
    // destroys the source last); all of them live on the session's thread.
    const ShareLayoutProvider layout = [&source] {
        return ShareLayout{source.window().geometry, source.sharedWindows()};
    };
    QString error;
    auto injector = X11InputInjector::create({}, window, layout, &error);
    if (!injector) {
        refuse(creation.refusals, x11, error);
        return false;
    }
    const X11InputInjector *sent = injector.get();
    creation.monitor = X11LocalInputMonitor::create(
        {}, window, [sent] { return sent->pressesSent(); }, layout, &error);
    if (!creation.monitor)
        refuse(creation.refusals, x11, error); // viewers drive it; the host's own use goes unseen
    creation.injector = std::move(injector);
    qCInfo(lcInput).noquote() << "input through x11 XTEST into window" << window;
    return true;
}
#endif

#if defined(BATON_HAVE_WAYLAND_INPUT)
// A Wayland window is driven through the RemoteDesktop half of the screen cast session
// that captures it: the compositor lets nothing else reach it.
bool createWayland(const WindowSource &source, InputBackendFactory::Creation &creation)
{
    const QString wayland = QStringLiteral("wayland");
    const auto *cast = qobject_cast<const PipeWireWindowSource *>(&source);
    if (cast == nullptr) {
        refuse(creation.refusals, wayland,
               QStringLiteral("the window is captured by '%1', not by a Wayland screen cast")
                   .arg(source.backendName()));
        return false;
    }
    QString error;
    // The source outlives the injector and the monitor (HostSession destroys it last).
    auto injector = RemoteDesktopInputInjector::create(
        cast->session(),
        [cast] {
            const Rect picture = cast->window().geometry;
            return QSize(picture.width, picture.height);
        },
        &error);
    if (!injector) {
        refuse(creation.refusals, wayland, error);
        return false;
    }
    const RemoteDesktopInputInjector *sent = injector.get();
    creation.monitor = IdleTimeLocalInputMonitor::create(
        QDBusConnection::sessionBus(), [sent] { return sent->lastSentAt(); }, &error);
    if (!creation.monitor)
        refuse(creation.refusals, wayland,
               error); // viewers drive it; the host's own use goes unseen
    creation.injector = std::move(injector);
    qCInfo(lcInput).noquote() << "input through" << source.backendName()
                              << "RemoteDesktop into the screen cast";
    return true;
}
#endif

} // namespace

InputBackendFactory::Creation InputBackendFactory::create(const WindowSource &source)
{
    Creation creation;
#if defined(BATON_HAVE_X11_INPUT)
    if (createX11(source, creation))
        return creation;
#else
    refuse(creation.refusals, QStringLiteral("x11"), QStringLiteral("not built on this platform"));
#endif
#if defined(BATON_HAVE_WAYLAND_INPUT)
    if (createWayland(source, creation))
        return creation;
#else
    refuse(creation.refusals, QStringLiteral("wayland"),
           QStringLiteral("not built on this platform"));
#endif
    return creation;
}

} // namespace baton
