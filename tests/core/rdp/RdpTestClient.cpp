#include "RdpTestClient.h"

#include <freerdp/freerdp.h>
#include <freerdp/gdi/gdi.h>
#include <freerdp/input.h>
#include <freerdp/scancode.h>
#include <freerdp/settings.h>
#include <winpr/synch.h>

namespace baton::test {
namespace {

struct TestContext {
    rdpContext base; // first: FreeRDP allocates ContextSize bytes and uses them as this
    bool drawsCopies;
};

BOOL preConnect(freerdp *instance)
{
    // freerdp_connect() has just set the default Order capability.
    instance->settings->OrderSupport[NEG_SCRBLT_INDEX] =
        reinterpret_cast<TestContext *>(instance->context)->drawsCopies;
    return TRUE;
}

BOOL postConnect(freerdp *instance)
{
    // The software GDI draws every update into memory, as a client with a window would.
    if (!gdi_init(instance, PIXEL_FORMAT_BGRX32))
        return FALSE;
    // FreeRDP fails an update whose paint a client does not begin and end.
    instance->update->BeginPaint = [](rdpContext *) -> BOOL { return TRUE; };
    instance->update->EndPaint = [](rdpContext *) -> BOOL { return TRUE; };
    instance->update->DesktopResize = [](rdpContext *context) -> BOOL {
        return gdi_resize(context->gdi, context->settings->DesktopWidth,
                          context->settings->DesktopHeight);
    };
    return TRUE;
}

} // namespace

RdpTestClient::RdpTestClient(quint16 port, const QString &password, const QString &clientName,
                             bool drawsCopies)
    : thread_([this, port, password = password.toStdString(), name = clientName.toStdString(),
               drawsCopies] { run(port, password, name, drawsCopies); })
{
}

RdpTestClient::~RdpTestClient()
{
    stopping_ = true;
    thread_.join();
}

void RdpTestClient::key(uint16_t scancode, bool extended, bool pressed)
{
    post([=](freerdp *instance) {
        freerdp_input_send_keyboard_event_ex(instance->input, pressed,
                                             MAKE_RDP_SCANCODE(scancode, extended));
    });
}

void RdpTestClient::tap(uint16_t scancode, bool extended)
{
    key(scancode, extended, true);
    key(scancode, extended, false);
}

void RdpTestClient::mouse(uint16_t flags, uint16_t x, uint16_t y)
{
    post([=](freerdp *instance) { freerdp_input_send_mouse_event(instance->input, flags, x, y); });
}

Frame RdpTestClient::picture() const
{
    Frame picture;
    {
        const std::lock_guard lock(mutex_);
        picture = Frame::copyOf(picture_.view());
    }
    for (int32_t y = 0; y < picture.height(); ++y) {
        for (int32_t x = 0; x < picture.width(); ++x)
            picture.setPixel(x, y, picture.pixel(x, y) | 0xFF000000);
    }
    return picture;
}

void RdpTestClient::disconnect()
{
    stopping_ = true;
}

void RdpTestClient::post(std::function<void(freerdp *)> command)
{
    const std::lock_guard lock(mutex_);
    commands_.push_back(std::move(command));
}

void RdpTestClient::run(quint16 port, const std::string &password, const std::string &clientName,
                        bool drawsCopies)
{
    freerdp *instance = freerdp_new();
    if (instance)
        instance->ContextSize = sizeof(TestContext);
    if (!instance || !freerdp_context_new(instance)) {
        state_ = State::Failed;
        freerdp_free(instance);
        return;
    }
    reinterpret_cast<TestContext *>(instance->context)->drawsCopies = drawsCopies;
    instance->PreConnect = preConnect;
    instance->PostConnect = postConnect;
    instance->PostDisconnect = [](freerdp *connected) { gdi_free(connected); };
    rdpSettings *settings = instance->settings;
    freerdp_settings_set_string(settings, FreeRDP_ServerHostname, "127.0.0.1");
    freerdp_settings_set_uint32(settings, FreeRDP_ServerPort, port);
    freerdp_settings_set_string(settings, FreeRDP_Username, "tester");
    freerdp_settings_set_string(settings, FreeRDP_Password, password.c_str());
    freerdp_settings_set_string(settings, FreeRDP_ClientHostname, clientName.c_str());
    freerdp_settings_set_bool(settings, FreeRDP_RdpSecurity, FALSE);
    freerdp_settings_set_bool(settings, FreeRDP_TlsSecurity, TRUE);
    freerdp_settings_set_bool(settings, FreeRDP_NlaSecurity, FALSE);
    freerdp_settings_set_bool(settings, FreeRDP_ExtSecurity, FALSE);
    freerdp_settings_set_bool(settings, FreeRDP_IgnoreCertificate, TRUE);
    freerdp_settings_set_bool(settings, FreeRDP_SoftwareGdi, TRUE);
    freerdp_settings_set_uint32(settings, FreeRDP_ColorDepth, 32);

    if (!freerdp_connect(instance)) {
        state_ = State::Failed;
    } else {
        state_ = State::Connected;
        while (!stopping_ && !freerdp_shall_disconnect(instance)) {
            HANDLE handles[64];
            const DWORD count = freerdp_get_event_handles(instance->context, handles, 64);
            if (count == 0)
                break;
            WaitForMultipleObjects(count, handles, FALSE, 20);
            if (!freerdp_check_event_handles(instance->context))
                break;
            std::deque<std::function<void(freerdp *)>> commands;
            {
                const std::lock_guard lock(mutex_);
                commands.swap(commands_);
            }
            for (const auto &command : commands)
                command(instance);
            const rdpGdi *gdi = instance->context->gdi;
            const std::lock_guard lock(mutex_);
            picture_ = Frame::copyOf(FrameView(gdi->primary_buffer, int32_t(gdi->width),
                                               int32_t(gdi->height), int32_t(gdi->stride)));
        }
        freerdp_disconnect(instance);
        state_ = State::Disconnected;
    }
    freerdp_context_free(instance);
    freerdp_free(instance);
}

} // namespace baton::test
