#include "core/capture/WindowSourceFactory.h"

#include "core/capture/CaptureLogging.h"
#include "core/capture/qt/QtScreenWindowSource.h"

#include <QGuiApplication>

#if defined(BATON_HAVE_WAYLAND_CAPTURE)
#include "core/capture/wayland/MutterScreenCastSession.h"
#include "core/capture/wayland/PortalScreenCastSession.h"
#include "core/capture/wayland/ScreenCastWindowChooser.h"
#endif
#if defined(BATON_HAVE_X11_CAPTURE)
#include "core/capture/x11/X11WindowLister.h"
#include "core/capture/x11/X11WindowSource.h"
#include "core/capture/x11/XcbConnection.h"
#endif

namespace baton {
namespace {

void refuse(QStringList &refusals, const QString &backend, const QString &reason)
{
    qCInfo(lcCapture).noquote() << "capture backend" << backend << "skipped:" << reason;
    refusals.append(backend + QStringLiteral(": ") + reason);
}

#if defined(BATON_HAVE_X11_CAPTURE)
// X11 applies when there is a display and, in a GUI process, Qt itself runs on xcb (a
// Wayland session's DISPLAY is Xwayland, which cannot see native Wayland windows).
bool x11Applies(QString *reason)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {
        *reason = QStringLiteral("DISPLAY is not set");
        return false;
    }
    if (qobject_cast<QGuiApplication *>(QCoreApplication::instance()) != nullptr &&
        QGuiApplication::platformName() != QLatin1String("xcb")) {
        *reason =
            QStringLiteral("the Qt platform is '%1', not xcb").arg(QGuiApplication::platformName());
        return false;
    }
    return true;
}
#endif

} // namespace

WindowSourceFactory::Listing WindowSourceFactory::listWindows()
{
    Listing listing;
#if defined(BATON_HAVE_X11_CAPTURE)
    QString reason;
    if (x11Applies(&reason)) {
        if (auto connection = XcbConnection::open({}, &reason)) {
            X11WindowLister lister(*connection);
            listing.windows = lister.list();
            listing.backend = QStringLiteral("x11");
            return listing;
        }
    }
    refuse(listing.refusals, QStringLiteral("x11"), reason);
#else
    refuse(listing.refusals, QStringLiteral("x11"), QStringLiteral("not built on this platform"));
#endif
    // Qt can grab a foreign window by id but cannot enumerate them.
    refuse(listing.refusals, QStringLiteral("qt"), QStringLiteral("cannot list foreign windows"));
    if (desktopChooses())
        refuse(listing.refusals, QStringLiteral("wayland"),
               QStringLiteral("programs cannot list each other's windows: the desktop's own "
                              "dialog chooses one (baton-cli host --portal)"));
    return listing;
}

WindowSourceFactory::Creation WindowSourceFactory::create(const WindowInfo &window,
                                                          ShareScope scope)
{
    Creation creation;
    QString reason;
#if defined(BATON_HAVE_X11_CAPTURE)
    if (x11Applies(&reason)) {
        creation.source =
            std::make_unique<X11WindowSource>(window.id, X11CaptureOptions{.scope = scope});
        creation.scope = scope;
        return creation;
    }
    refuse(creation.refusals, QStringLiteral("x11"), reason);
#else
    refuse(creation.refusals, QStringLiteral("x11"), QStringLiteral("not built on this platform"));
#endif
    if (QtScreenWindowSource::isSupported(&reason)) {
        if (scope == ShareScope::Application)
            qCInfo(lcCapture).noquote()
                << "capture backend qt shares the window" << window.title
                << "alone: it cannot find the application's menus and dialogs";
        creation.source = std::make_unique<QtScreenWindowSource>(window);
        return creation;
    }
    refuse(creation.refusals, QStringLiteral("qt"), reason);
    return creation;
}

bool WindowSourceFactory::desktopChooses()
{
    // A Wayland session still has an X server (Xwayland) for older programs: a process
    // that runs on it (baton-cli with DISPLAY set) lists and shares its windows; the
    // native Wayland windows need the compositor's chooser.
    if (qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return false;
#if defined(BATON_HAVE_X11_CAPTURE)
    QString reason;
    return !x11Applies(&reason);
#else
    return true;
#endif
}

WindowSourceFactory::Choosing WindowSourceFactory::chooser(const ChooserOptions &options)
{
    Choosing choosing;
#if defined(BATON_HAVE_WAYLAND_CAPTURE)
    ScreenCastOptions cast;
    cast.withInput = options.withInput;
    cast.restoreToken = options.restoreToken;
    std::unique_ptr<ScreenCastSession> session;
    if (options.chooser == Chooser::GnomeFocusedWindow)
        session = std::make_unique<MutterScreenCastSession>();
    else
        session = std::make_unique<PortalScreenCastSession>();
    // Whether the desktop answers is known only once it is asked: begin() says.
    choosing.chooser =
        std::make_unique<ScreenCastWindowChooser>(std::move(session), std::move(cast));
#else
    Q_UNUSED(options);
    refuse(choosing.refusals, QStringLiteral("wayland"),
           QStringLiteral("not built on this platform"));
#endif
    return choosing;
}

} // namespace baton
