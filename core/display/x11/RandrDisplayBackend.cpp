#include "core/display/x11/RandrDisplayBackend.h"

#include "core/display/Edid.h"
#include "core/display/Logging.h"

#include <QSocketNotifier>

#include <cmath>

namespace baton::display::x11 {
namespace {

constexpr double kMillimetresPerInch = 25.4;
constexpr double kAssumedDpi = 96; // for the screen's mm size when it grows

DisplayMode modeFromInfo(const xcb_randr_mode_info_t &info)
{
    DisplayMode mode{info.width, info.height, 0};
    double vtotal = info.vtotal;
    if (info.mode_flags & XCB_RANDR_MODE_FLAG_DOUBLE_SCAN)
        vtotal *= 2;
    if (info.mode_flags & XCB_RANDR_MODE_FLAG_INTERLACE)
        vtotal /= 2;
    if (info.htotal && vtotal > 0)
        mode.refreshHz = std::round(info.dot_clock / (info.htotal * vtotal) * 100) / 100;
    return mode;
}

// RandR rotates counter-clockwise; ISSD counts degrees clockwise.
quint16 rotationBit(int clockwiseDeg)
{
    switch (clockwiseDeg) {
    case 90:
        return XCB_RANDR_ROTATION_ROTATE_270;
    case 180:
        return XCB_RANDR_ROTATION_ROTATE_180;
    case 270:
        return XCB_RANDR_ROTATION_ROTATE_90;
    default:
        return XCB_RANDR_ROTATION_ROTATE_0;
    }
}

int rotationDeg(quint16 bits)
{
    for (int deg : {0, 90, 180, 270}) {
        if (bits & rotationBit(deg))
            return deg;
    }
    return 0;
}

QSize rotatedSize(const DisplayMode &mode, quint16 rotation)
{
    const bool sideways = rotation & (XCB_RANDR_ROTATION_ROTATE_90 | XCB_RANDR_ROTATION_ROTATE_270);
    return sideways ? QSize(mode.height, mode.width) : QSize(mode.width, mode.height);
}

BackendResult invalid(const QString &message)
{
    return BackendResult::fail(BackendResult::Kind::InvalidValue, message);
}

} // namespace

std::unique_ptr<RandrDisplayBackend> RandrDisplayBackend::create(XcbConnection connection,
                                                                 QString *whyNot)
{
    xcb_connection_t *c = connection.get();
    const xcb_query_extension_reply_t *extension = xcb_get_extension_data(c, &xcb_randr_id);
    if (!extension || !extension->present) {
        *whyNot = QStringLiteral("the X server has no RandR extension");
        return nullptr;
    }
    XcbReply<xcb_randr_query_version_reply_t> version(
        xcb_randr_query_version_reply(c, xcb_randr_query_version(c, 1, 3), nullptr));
    if (!version || (version->major_version == 1 && version->minor_version < 3)) {
        *whyNot = QStringLiteral("the X server's RandR is older than 1.3");
        return nullptr;
    }
    const xcb_window_t root = firstScreen(c)->root;
    return std::unique_ptr<RandrDisplayBackend>(
        new RandrDisplayBackend(std::move(connection), root, extension->first_event));
}

RandrDisplayBackend::RandrDisplayBackend(XcbConnection connection, xcb_window_t root,
                                         quint8 firstEvent)
    : connection_(std::move(connection)), root_(root), firstEvent_(firstEvent)
{
    xcb_connection_t *c = connection_.get();
    static constexpr char kEdid[] = "EDID";
    XcbReply<xcb_intern_atom_reply_t> atom(xcb_intern_atom_reply(
        c, xcb_intern_atom(c, 1, sizeof(kEdid) - 1, kEdid), nullptr));
    if (atom)
        edidAtom_ = atom->atom;
    xcb_randr_select_input(c, root_,
                           XCB_RANDR_NOTIFY_MASK_SCREEN_CHANGE | XCB_RANDR_NOTIFY_MASK_CRTC_CHANGE |
                               XCB_RANDR_NOTIFY_MASK_OUTPUT_CHANGE);
    xcb_flush(c);
    notifier_ = new QSocketNotifier(xcb_get_file_descriptor(c), QSocketNotifier::Read, this);
    connect(notifier_, &QSocketNotifier::activated, this, &RandrDisplayBackend::drainEvents);
}

RandrDisplayBackend::~RandrDisplayBackend() = default;

bool RandrDisplayBackend::followsChanges() const
{
    return notifier_->isEnabled();
}

void RandrDisplayBackend::drainEvents()
{
    bool changed = false;
    while (XcbReply<xcb_generic_event_t> event{xcb_poll_for_event(connection_.get())}) {
        const quint8 type = event->response_type & 0x7F;
        if (type == firstEvent_ + XCB_RANDR_SCREEN_CHANGE_NOTIFY ||
            type == firstEvent_ + XCB_RANDR_NOTIFY)
            changed = true;
    }
    // Queued: displays() drains too, and its caller may be a layoutChanged() slot.
    if (changed)
        QMetaObject::invokeMethod(this, &RandrDisplayBackend::layoutChanged, Qt::QueuedConnection);
    // A lost X server leaves the socket readable for ever: stop listening to it, or the
    // agent spins at full CPU on an event loop that never empties.
    if (xcb_connection_has_error(connection_.get()) && notifier_->isEnabled()) {
        notifier_->setEnabled(false);
        qCWarning(lcDisplay) << "RandR: the connection to the X server is lost; display changes "
                                "are no longer followed";
    }
}

QByteArray RandrDisplayBackend::readEdid(xcb_randr_output_t output)
{
    if (edidAtom_ == XCB_ATOM_NONE)
        return {};
    xcb_connection_t *c = connection_.get();
    // 256 bytes (64 longs) covers the base block and one extension.
    XcbReply<xcb_randr_get_output_property_reply_t> reply(xcb_randr_get_output_property_reply(
        c, xcb_randr_get_output_property(c, output, edidAtom_, XCB_ATOM_ANY, 0, 64, 0, 0), nullptr));
    if (!reply || reply->format != 8)
        return {};
    const int length = xcb_randr_get_output_property_data_length(reply.get());
    return QByteArray(reinterpret_cast<const char *>(xcb_randr_get_output_property_data(reply.get())),
                      length);
}

std::optional<RandrDisplayBackend::State> RandrDisplayBackend::readState(QString *error)
{
    xcb_connection_t *c = connection_.get();
    XcbReply<xcb_randr_get_screen_resources_current_reply_t> resources(
        xcb_randr_get_screen_resources_current_reply(
            c, xcb_randr_get_screen_resources_current(c, root_), nullptr));
    if (!resources) {
        *error = QStringLiteral("RandR did not answer GetScreenResourcesCurrent");
        return std::nullopt;
    }
    State state;
    state.configTimestamp = resources->config_timestamp;
    const xcb_randr_mode_info_t *modes = xcb_randr_get_screen_resources_current_modes(resources.get());
    for (int i = 0; i < xcb_randr_get_screen_resources_current_modes_length(resources.get()); ++i)
        state.modes.insert(modes[i].id, modeFromInfo(modes[i]));

    const xcb_randr_crtc_t *crtcs = xcb_randr_get_screen_resources_current_crtcs(resources.get());
    for (int i = 0; i < xcb_randr_get_screen_resources_current_crtcs_length(resources.get()); ++i) {
        XcbReply<xcb_randr_get_crtc_info_reply_t> info(xcb_randr_get_crtc_info_reply(
            c, xcb_randr_get_crtc_info(c, crtcs[i], state.configTimestamp), nullptr));
        if (!info)
            continue;
        Crtc crtc{crtcs[i], info->x, info->y, info->mode, info->rotation, info->rotations, {}};
        const xcb_randr_output_t *outputs = xcb_randr_get_crtc_info_outputs(info.get());
        crtc.outputs = QList<xcb_randr_output_t>(outputs, outputs + xcb_randr_get_crtc_info_outputs_length(info.get()));
        state.crtcs.insert(crtc.id, crtc);
        state.crtcOrder.append(crtc.id);
    }

    const xcb_randr_output_t *outputs = xcb_randr_get_screen_resources_current_outputs(resources.get());
    for (int i = 0; i < xcb_randr_get_screen_resources_current_outputs_length(resources.get()); ++i) {
        XcbReply<xcb_randr_get_output_info_reply_t> info(xcb_randr_get_output_info_reply(
            c, xcb_randr_get_output_info(c, outputs[i], state.configTimestamp), nullptr));
        if (!info)
            continue;
        Output output;
        output.id = outputs[i];
        output.name = QString::fromUtf8(
            reinterpret_cast<const char *>(xcb_randr_get_output_info_name(info.get())),
            xcb_randr_get_output_info_name_length(info.get()));
        output.connected = info->connection == XCB_RANDR_CONNECTION_CONNECTED;
        output.crtc = info->crtc;
        const xcb_randr_mode_t *outputModes = xcb_randr_get_output_info_modes(info.get());
        output.modes = QList<xcb_randr_mode_t>(outputModes, outputModes + xcb_randr_get_output_info_modes_length(info.get()));
        output.preferredCount = info->num_preferred;
        const xcb_randr_crtc_t *possible = xcb_randr_get_output_info_crtcs(info.get());
        output.possibleCrtcs = QList<xcb_randr_crtc_t>(possible, possible + xcb_randr_get_output_info_crtcs_length(info.get()));
        output.sizeMm = QSize(int(info->mm_width), int(info->mm_height));
        state.outputs.append(output);
    }

    XcbReply<xcb_randr_get_output_primary_reply_t> primary(
        xcb_randr_get_output_primary_reply(c, xcb_randr_get_output_primary(c, root_), nullptr));
    state.primary = primary ? primary->output : 0;
    XcbReply<xcb_get_geometry_reply_t> geometry(
        xcb_get_geometry_reply(c, xcb_get_geometry(c, root_), nullptr));
    const xcb_screen_t *screen = firstScreen(c);
    state.screenPx = geometry ? QSize(geometry->width, geometry->height)
                              : QSize(screen->width_in_pixels, screen->height_in_pixels);
    state.screenMm = QSize(screen->width_in_millimeters, screen->height_in_millimeters);
    return state;
}

QList<DisplayInfo> RandrDisplayBackend::displays()
{
    QString error;
    const auto state = readState(&error);
    drainEvents();
    if (!state) {
        qCWarning(lcDisplay) << "RandR:" << error;
        return {};
    }
    QList<DisplayInfo> result;
    for (const Output &output : state->outputs) {
        const auto crtcIt = state->crtcs.constFind(output.crtc);
        const Crtc *crtc = crtcIt != state->crtcs.constEnd() ? &*crtcIt : nullptr;
        const bool enabled = crtc && crtc->mode != 0;
        if (!output.connected && !enabled)
            continue;
        DisplayInfo display;
        display.connector = output.name;
        display.connected = output.connected;
        display.edid = readEdid(output.id);
        const auto edid = Edid::parse(std::span(reinterpret_cast<const quint8 *>(display.edid.constData()),
                                                std::size_t(display.edid.size())));
        if (edid) {
            display.id = edid->stableId();
            display.manufacturer = edid->manufacturer;
            display.model = edid->modelName.isEmpty()
                                ? QStringLiteral("%1").arg(edid->productCode, 4, 16, QLatin1Char('0'))
                                : edid->modelName;
            display.serial = edid->serialText.isEmpty() && edid->serialNumber
                                 ? QString::number(edid->serialNumber)
                                 : edid->serialText;
        } else {
            display.id = connectorOnlyId(output.name);
        }
        for (int i = 0; i < output.modes.size(); ++i) {
            if (!state->modes.contains(output.modes[i]))
                continue;
            const DisplayMode mode = state->modes[output.modes[i]];
            if (!display.modes.contains(mode))
                display.modes.append(mode);
            if (i < output.preferredCount && !display.preferredMode)
                display.preferredMode = mode;
        }
        display.layout.enabled = enabled;
        if (enabled) {
            display.layout.mode = state->modes.value(crtc->mode);
            display.layout.position = QPoint(crtc->x, crtc->y);
            display.layout.rotationDeg = rotationDeg(crtc->rotation);
        }
        display.layout.primary = state->primary == output.id;
        // Rotations are a CRTC property; an output without one shows those of its first.
        const xcb_randr_crtc_t anyCrtc = crtc ? crtc->id : output.possibleCrtcs.value(0);
        const quint16 rotations = state->crtcs.value(anyCrtc).rotations;
        for (int deg : {0, 90, 180, 270}) {
            if (rotations & rotationBit(deg))
                display.rotationsDeg.append(deg);
        }
        if (output.sizeMm.width() > 0 && output.sizeMm.height() > 0)
            display.physicalSizeMm = output.sizeMm;
        result.append(display);
    }
    return result;
}

BackendResult RandrDisplayBackend::plan(const State &current, const QList<LayoutChange> &changes,
                                        State &target)
{
    target = current;
    for (const LayoutChange &change : changes) {
        auto output = std::find_if(target.outputs.begin(), target.outputs.end(),
                                   [&](const Output &o) { return o.name == change.connector; });
        if (output == target.outputs.end())
            return invalid(QStringLiteral("no output named %1").arg(change.connector));
        Crtc *crtc = target.crtcs.contains(output->crtc) ? &target.crtcs[output->crtc] : nullptr;
        const bool wasEnabled = crtc && crtc->mode != 0;
        const bool enable = change.enabled.value_or(wasEnabled);

        if (change.primary)
            target.primary = *change.primary ? output->id
                             : target.primary == output->id ? 0 : target.primary;
        if (!enable) {
            if (change.mode || change.position || change.rotationDeg)
                return invalid(QStringLiteral("%1 is disabled; add enabled=yes to change its layout")
                                   .arg(output->name));
            if (crtc) {
                crtc->mode = 0;
                crtc->outputs.clear();
            }
            output->crtc = 0;
            continue;
        }
        if (!crtc) {
            for (xcb_randr_crtc_t id : output->possibleCrtcs) {
                if (target.crtcs.contains(id) && target.crtcs[id].outputs.isEmpty()) {
                    crtc = &target.crtcs[id];
                    break;
                }
            }
            if (!crtc)
                return BackendResult::fail(BackendResult::Kind::Busy,
                                           QStringLiteral("no free CRTC can drive %1").arg(output->name));
            output->crtc = crtc->id;
            crtc->outputs = {output->id};
            crtc->rotation = XCB_RANDR_ROTATION_ROTATE_0;
        }
        if (change.mode || crtc->mode == 0) {
            // No mode asked for while enabling: the preferred one, else the first.
            xcb_randr_mode_t chosen = 0;
            double bestRate = -1;
            for (int i = 0; i < output->modes.size(); ++i) {
                const DisplayMode mode = target.modes.value(output->modes[i]);
                if (!change.mode) {
                    chosen = output->modes[i];
                    break;
                }
                const bool decimals = std::fmod(change.mode->refreshHz, 1.0) != 0;
                if (!mode.matches(*change.mode, decimals))
                    continue;
                if (i < output->preferredCount) { // the preferred mode wins among equals
                    chosen = output->modes[i];
                    break;
                }
                if (mode.refreshHz > bestRate) {
                    chosen = output->modes[i];
                    bestRate = mode.refreshHz;
                }
            }
            if (!chosen)
                return invalid(QStringLiteral("%1 has no mode %2")
                                   .arg(output->name, change.mode ? change.mode->toString() : QString()));
            crtc->mode = chosen;
        }
        if (change.position) {
            if (change.position->x() < 0 || change.position->y() < 0 ||
                change.position->x() > 32767 || change.position->y() > 32767)
                return invalid(QStringLiteral("position must be 0..32767 on X11"));
            crtc->x = change.position->x();
            crtc->y = change.position->y();
        }
        if (change.rotationDeg) {
            const quint16 bit = rotationBit(*change.rotationDeg);
            if (!(crtc->rotations & bit))
                return BackendResult::fail(BackendResult::Kind::Unsupported,
                                           QStringLiteral("%1 cannot rotate to %2 degrees")
                                               .arg(output->name)
                                               .arg(*change.rotationDeg));
            crtc->rotation = bit;
        }
    }

    QSize needed;
    for (const Crtc &crtc : std::as_const(target.crtcs)) {
        if (crtc.mode == 0)
            continue;
        const QSize size = rotatedSize(target.modes.value(crtc.mode), crtc.rotation);
        needed = needed.expandedTo(QSize(crtc.x + size.width(), crtc.y + size.height()));
    }
    if (needed.isEmpty())
        return invalid(QStringLiteral("the change would turn every output off"));
    xcb_connection_t *c = connection_.get();
    XcbReply<xcb_randr_get_screen_size_range_reply_t> range(
        xcb_randr_get_screen_size_range_reply(c, xcb_randr_get_screen_size_range(c, root_), nullptr));
    if (range && (needed.width() > range->max_width || needed.height() > range->max_height))
        return invalid(QStringLiteral("the layout needs a %1x%2 screen; the maximum is %3x%4")
                           .arg(needed.width())
                           .arg(needed.height())
                           .arg(range->max_width)
                           .arg(range->max_height));
    if (range)
        needed = needed.expandedTo(QSize(range->min_width, range->min_height));
    target.screenPx = needed;
    if (needed != current.screenPx)
        target.screenMm = QSize(int(needed.width() * kMillimetresPerInch / kAssumedDpi),
                                int(needed.height() * kMillimetresPerInch / kAssumedDpi));
    return BackendResult::ok();
}

bool RandrDisplayBackend::applyState(const State &from, const State &to, QString *error)
{
    xcb_connection_t *c = connection_.get();
    auto setCrtc = [&](const Crtc &crtc, bool off) {
        const QList<xcb_randr_output_t> outputs = off ? QList<xcb_randr_output_t>() : crtc.outputs;
        XcbReply<xcb_randr_set_crtc_config_reply_t> reply(xcb_randr_set_crtc_config_reply(
            c,
            xcb_randr_set_crtc_config(c, crtc.id, XCB_CURRENT_TIME, from.configTimestamp,
                                      qint16(crtc.x), qint16(crtc.y), off ? 0 : crtc.mode,
                                      off ? quint16(XCB_RANDR_ROTATION_ROTATE_0) : crtc.rotation,
                                      quint32(outputs.size()), outputs.constData()),
            nullptr));
        if (!reply || reply->status != XCB_RANDR_SET_CONFIG_SUCCESS) {
            *error = QStringLiteral("the X server refused the CRTC configuration (status %1)")
                         .arg(reply ? reply->status : -1);
            return false;
        }
        return true;
    };

    // Like xrandr: switch off every CRTC that changes or would not fit the new screen
    // size, resize the screen, then switch the wanted CRTCs on again.
    QList<xcb_randr_crtc_t> touched;
    for (xcb_randr_crtc_t id : from.crtcOrder) {
        const Crtc &before = from.crtcs[id];
        const Crtc &after = to.crtcs.value(id, before);
        if (before.mode == 0) {
            if (after.mode != 0)
                touched.append(id);
            continue;
        }
        const QSize size = rotatedSize(from.modes.value(before.mode), before.rotation);
        const bool fits = before.x + size.width() <= to.screenPx.width() &&
                          before.y + size.height() <= to.screenPx.height();
        if (before == after && fits)
            continue;
        touched.append(id);
    }

    xcb_grab_server(c);
    bool ok = true;
    for (xcb_randr_crtc_t id : touched) {
        if (ok && from.crtcs[id].mode != 0)
            ok = setCrtc(from.crtcs[id], true);
    }
    if (ok && to.screenPx != from.screenPx) {
        XcbReply<xcb_generic_error_t> failure(xcb_request_check(
            c, xcb_randr_set_screen_size_checked(c, root_, quint16(to.screenPx.width()),
                                                 quint16(to.screenPx.height()),
                                                 quint32(qMax(1, to.screenMm.width())),
                                                 quint32(qMax(1, to.screenMm.height())))));
        if (failure) {
            *error = QStringLiteral("the X server refused screen size %1x%2")
                         .arg(to.screenPx.width())
                         .arg(to.screenPx.height());
            ok = false;
        }
    }
    for (xcb_randr_crtc_t id : touched) {
        if (ok && to.crtcs[id].mode != 0)
            ok = setCrtc(to.crtcs[id], false);
    }
    if (ok && to.primary != from.primary) {
        XcbReply<xcb_generic_error_t> failure(
            xcb_request_check(c, xcb_randr_set_output_primary_checked(c, root_, to.primary)));
        if (failure) {
            *error = QStringLiteral("the X server refused the primary output");
            ok = false;
        }
    }
    xcb_ungrab_server(c);
    xcb_flush(c);
    return ok;
}

BackendResult RandrDisplayBackend::applyLayout(const QList<LayoutChange> &changes)
{
    QString error;
    const auto current = readState(&error);
    if (!current)
        return BackendResult::fail(BackendResult::Kind::Failed, error);
    State target;
    if (BackendResult planned = plan(*current, changes, target); !planned.isOk())
        return planned;
    if (!applyState(*current, target, &error)) {
        // All or nothing: put back what was there, from whatever state we reached.
        QString restoreError;
        if (const auto reached = readState(&restoreError);
            !reached || !applyState(*reached, *current, &restoreError))
            qCWarning(lcDisplay) << "RandR: restoring the previous layout failed:" << restoreError;
        drainEvents();
        return BackendResult::fail(BackendResult::Kind::Failed, error);
    }
    qCInfo(lcDisplay) << "RandR: applied" << changes.size() << "output change(s)";
    drainEvents();
    QMetaObject::invokeMethod(this, &RandrDisplayBackend::layoutChanged, Qt::QueuedConnection);
    return BackendResult::ok();
}

} // namespace baton::display::x11
