#include "core/protocol/WindowListPdu.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"

namespace baton::protocol {

void WindowListPdu::write(PduWriter &w) const
{
    w.count16(windows.size(), kMaxWindows, "windowCount");
    w.zeros(2);
    for (const WindowRecord &window : windows) {
        w.u32(window.windowId);
        w.u32(window.ownerId);
        w.u32(window.flags);
        w.i32(window.x);
        w.i32(window.y);
        w.u16(window.width);
        w.u16(window.height);
        w.utf8WithLength16(window.title, WindowRecord::kMaxTitleBytes, "window title");
    }
}

WindowListPdu WindowListPdu::read(PduReader &r)
{
    WindowListPdu pdu;
    constexpr size_t kMinRecordBytes = 26;
    const size_t count = r.count(r.u16(), kMaxWindows, kMinRecordBytes, "windowCount");
    r.zeros(2, "window list pad");
    pdu.windows.reserve(count);
    for (size_t i = 0; i < count && r.ok(); ++i) {
        WindowRecord window;
        window.windowId = r.u32();
        window.ownerId = r.u32();
        window.flags = r.u32();
        window.x = r.i32();
        window.y = r.i32();
        window.width = r.u16();
        window.height = r.u16();
        window.title = r.utf8WithLength16(WindowRecord::kMaxTitleBytes, "window title");
        pdu.windows.push_back(std::move(window));
    }
    return pdu;
}

} // namespace baton::protocol
