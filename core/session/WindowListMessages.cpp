#include "WindowListMessages.h"

#include "core/protocol/Utf8.h"

#include <algorithm>

namespace baton {

using namespace protocol;

namespace {

uint16_t clampToU16(int32_t value)
{
    return uint16_t(std::clamp(value, 0, 0xffff));
}

int32_t clampToI32(int64_t value)
{
    return int32_t(std::clamp<int64_t>(value, INT32_MIN, INT32_MAX));
}

std::string titleOf(const QString &title)
{
    // NUL is no Baton string's character (docs/protocol.md, conventions).
    return truncateUtf8(QString(title).remove(QChar(0)).toStdString(),
                        WindowRecord::kMaxTitleBytes);
}

uint32_t flagsOf(const SharedWindow &window)
{
    uint32_t flags = WindowRecord::kShared;
    if (window.kind == SharedWindow::Kind::Popup)
        flags |= WindowRecord::kPopup;
    if (window.focused)
        flags |= WindowRecord::kFocused;
    return flags;
}

} // namespace

WindowListPdu windowListPdu(const WindowInfo &share, const SharedWindows &windows, bool mainHidden)
{
    const Rect &area = share.geometry;
    WindowListPdu pdu;
    const size_t listed = std::min(windows.size(), WindowListPdu::kMaxWindows - 1);
    pdu.windows.reserve(listed + 1);
    for (size_t i = 0; i < listed; ++i) {
        const SharedWindow &window = windows[i];
        WindowRecord record;
        record.windowId = uint32_t(window.id);
        record.ownerId = uint32_t(window.ownerId);
        record.flags = flagsOf(window);
        if (window.id == share.id && mainHidden)
            record.flags |= WindowRecord::kMinimized;
        record.x = clampToI32(int64_t(area.x) + window.rect.x);
        record.y = clampToI32(int64_t(area.y) + window.rect.y);
        record.width = clampToU16(window.rect.width);
        record.height = clampToU16(window.rect.height);
        record.title = titleOf(window.title);
        pdu.windows.push_back(std::move(record));
    }
    WindowRecord shareArea;
    shareArea.windowId = uint32_t(share.id);
    shareArea.flags = WindowRecord::kShared | WindowRecord::kShareArea |
        (mainHidden ? WindowRecord::kMinimized : 0);
    shareArea.x = area.x;
    shareArea.y = area.y;
    shareArea.width = clampToU16(area.width);
    shareArea.height = clampToU16(area.height);
    shareArea.title = titleOf(share.title);
    pdu.windows.push_back(std::move(shareArea));
    return pdu;
}

} // namespace baton
