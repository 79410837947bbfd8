#include "core/display/x11/XcbHandles.h"

namespace baton::display::x11 {

XcbConnection connectToX(const QString &displayName, QString *whyNot)
{
    const QByteArray name = displayName.toLocal8Bit();
    xcb_connection_t *raw = xcb_connect(name.isEmpty() ? nullptr : name.constData(), nullptr);
    XcbConnection connection(raw, XcbDisconnect{});
    if (xcb_connection_has_error(raw)) {
        if (whyNot)
            *whyNot = QStringLiteral("cannot connect to X display '%1'")
                          .arg(displayName.isEmpty() ? qEnvironmentVariable("DISPLAY") : displayName);
        return nullptr;
    }
    return connection;
}

xcb_screen_t *firstScreen(xcb_connection_t *connection)
{
    return xcb_setup_roots_iterator(xcb_get_setup(connection)).data;
}

} // namespace baton::display::x11
