#include "core/display/x11/DpmsPowerControl.h"

#include <xcb/dpms.h>

namespace baton::display::x11 {

std::unique_ptr<DpmsPowerControl> DpmsPowerControl::create(XcbConnection connection, QString *whyNot)
{
    xcb_connection_t *c = connection.get();
    const xcb_query_extension_reply_t *extension = xcb_get_extension_data(c, &xcb_dpms_id);
    if (!extension || !extension->present) {
        *whyNot = QStringLiteral("the X server has no DPMS extension");
        return nullptr;
    }
    XcbReply<xcb_dpms_capable_reply_t> capable(
        xcb_dpms_capable_reply(c, xcb_dpms_capable(c), nullptr));
    if (!capable || !capable->capable) {
        *whyNot = QStringLiteral("the X server says its monitors are not DPMS capable");
        return nullptr;
    }
    return std::unique_ptr<DpmsPowerControl>(new DpmsPowerControl(std::move(connection)));
}

std::optional<PowerState> DpmsPowerControl::power()
{
    xcb_connection_t *c = connection_.get();
    XcbReply<xcb_dpms_info_reply_t> info(xcb_dpms_info_reply(c, xcb_dpms_info(c), nullptr));
    if (!info)
        return std::nullopt;
    if (!info->state)
        return PowerState::On; // DPMS disabled: the monitors stay on
    switch (info->power_level) {
    case XCB_DPMS_DPMS_MODE_ON:
        return PowerState::On;
    case XCB_DPMS_DPMS_MODE_STANDBY:
    case XCB_DPMS_DPMS_MODE_SUSPEND:
        return PowerState::Standby;
    default:
        return PowerState::Off;
    }
}

BackendResult DpmsPowerControl::setPower(PowerState state)
{
    xcb_connection_t *c = connection_.get();
    const quint16 level = state == PowerState::On        ? XCB_DPMS_DPMS_MODE_ON
                          : state == PowerState::Standby ? XCB_DPMS_DPMS_MODE_STANDBY
                                                         : XCB_DPMS_DPMS_MODE_OFF;
    // ForceLevel needs DPMS enabled; enabling it leaves the server's timeouts as they are.
    XcbReply<xcb_generic_error_t> enableError(xcb_request_check(c, xcb_dpms_enable_checked(c)));
    XcbReply<xcb_generic_error_t> forceError(
        xcb_request_check(c, xcb_dpms_force_level_checked(c, level)));
    if (enableError || forceError)
        return BackendResult::fail(BackendResult::Kind::Failed,
                                   QStringLiteral("the X server refused DPMS level %1")
                                       .arg(powerStateName(state)));
    return BackendResult::ok();
}

} // namespace baton::display::x11
