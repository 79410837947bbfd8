#include "core/capture/x11/XcbConnection.h"

#include <QList>

#include <cstring>

namespace baton {

std::unique_ptr<XcbConnection> XcbConnection::open(const QByteArray &display, QString *error)
{
    int screenNumber = 0;
    xcb_connection_t *connection =
        xcb_connect(display.isEmpty() ? nullptr : display.constData(), &screenNumber);
    if (const int failure = xcb_connection_has_error(connection); failure != 0) {
        xcb_disconnect(connection);
        if (error)
            *error = QStringLiteral("cannot connect to X display '%1' (xcb error %2)")
                         .arg(display.isEmpty() ? qEnvironmentVariable("DISPLAY")
                                                : QString::fromLocal8Bit(display))
                         .arg(failure);
        return nullptr;
    }
    xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(connection));
    for (int i = 0; i < screenNumber && it.rem > 0; ++i)
        xcb_screen_next(&it);
    if (it.rem == 0) {
        xcb_disconnect(connection);
        if (error)
            *error = QStringLiteral("X display has no screen %1").arg(screenNumber);
        return nullptr;
    }
    return std::unique_ptr<XcbConnection>(new XcbConnection(connection, it.data));
}

XcbConnection::XcbConnection(xcb_connection_t *connection, xcb_screen_t *screen)
    : connection_(connection), screen_(screen)
{
}

XcbConnection::~XcbConnection()
{
    xcb_disconnect(connection_);
}

xcb_atom_t XcbConnection::atom(const char *name)
{
    const auto found = atoms_.find(name);
    if (found != atoms_.end())
        return found->second;
    XcbReply<xcb_intern_atom_reply_t> reply(xcb_intern_atom_reply(
        connection_, xcb_intern_atom(connection_, 0, uint16_t(std::strlen(name)), name), nullptr));
    const xcb_atom_t atom = reply ? reply->atom : xcb_atom_t(XCB_ATOM_NONE);
    atoms_.emplace(name, atom);
    return atom;
}

std::optional<QByteArray> XcbConnection::property(xcb_window_t window, xcb_atom_t property,
                                                  xcb_atom_t type)
{
    // 64 KiB of property is more than any title, class or client list we read.
    constexpr uint32_t kMaxLongs = 16384;
    XcbReply<xcb_get_property_reply_t> reply(xcb_get_property_reply(
        connection_, xcb_get_property(connection_, 0, window, property, type, 0, kMaxLongs),
        nullptr));
    // Of another type than asked, the server sends no value: as good as missing (a
    // _NET_WM_NAME some tools write as STRING rather than UTF8_STRING falls back to WM_NAME).
    if (!reply || reply->type == XCB_ATOM_NONE || (type != XCB_ATOM_ANY && reply->type != type))
        return std::nullopt;
    const int length = xcb_get_property_value_length(reply.get());
    return QByteArray(static_cast<const char *>(xcb_get_property_value(reply.get())),
                      std::max(0, length));
}

QString XcbConnection::title(xcb_window_t window)
{
    if (const auto name = property(window, atom("_NET_WM_NAME"), atom("UTF8_STRING")))
        return QString::fromUtf8(*name);
    if (const auto name = property(window, XCB_ATOM_WM_NAME))
        return QString::fromLatin1(*name);
    return {};
}

QString XcbConnection::className(xcb_window_t window)
{
    const auto value = property(window, XCB_ATOM_WM_CLASS, XCB_ATOM_STRING);
    if (!value)
        return {};
    // "instance\0class\0"
    const QList<QByteArray> parts = value->split('\0');
    return parts.size() >= 2 ? QString::fromLatin1(parts[1]) : QString();
}

int64_t XcbConnection::pid(xcb_window_t window)
{
    const auto value = property(window, atom("_NET_WM_PID"), XCB_ATOM_CARDINAL);
    if (!value || value->size() < 4)
        return 0;
    uint32_t pid = 0;
    std::memcpy(&pid, value->constData(), sizeof pid);
    return pid;
}

std::optional<XcbConnection::Placement> XcbConnection::placement(xcb_window_t window)
{
    XcbReply<xcb_get_geometry_reply_t> geometry(
        xcb_get_geometry_reply(connection_, xcb_get_geometry(connection_, window), nullptr));
    if (!geometry)
        return std::nullopt;
    XcbReply<xcb_translate_coordinates_reply_t> origin(xcb_translate_coordinates_reply(
        connection_, xcb_translate_coordinates(connection_, window, root(), 0, 0), nullptr));
    if (!origin)
        return std::nullopt;
    return Placement{{origin->dst_x, origin->dst_y, geometry->width, geometry->height},
                     geometry->border_width};
}

bool XcbConnection::isViewable(xcb_window_t window, bool *overrideRedirect)
{
    XcbReply<xcb_get_window_attributes_reply_t> attributes(xcb_get_window_attributes_reply(
        connection_, xcb_get_window_attributes(connection_, window), nullptr));
    if (!attributes)
        return false;
    if (overrideRedirect)
        *overrideRedirect = attributes->override_redirect != 0;
    return attributes->map_state == XCB_MAP_STATE_VIEWABLE &&
        attributes->_class == XCB_WINDOW_CLASS_INPUT_OUTPUT;
}

} // namespace baton
