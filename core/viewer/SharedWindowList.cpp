#include "SharedWindowList.h"

#include <QStringList>

#include <algorithm>

namespace baton {

using namespace protocol;

namespace {

const WindowRecord *shareAreaOf(const WindowListPdu &pdu)
{
    for (const WindowRecord &record : pdu.windows)
        if (record.flags & WindowRecord::kShareArea)
            return &record;
    return nullptr;
}

// The record's rectangle in the share area's picture, clipped to it; computed in 64 bits
// because both corners are the host's word.
Rect placeInArea(const WindowRecord &record, const WindowRecord &area)
{
    const int64_t x = int64_t(record.x) - area.x;
    const int64_t y = int64_t(record.y) - area.y;
    const auto clampX = [&](int64_t value) {
        return int32_t(std::clamp<int64_t>(value, 0, area.width));
    };
    const auto clampY = [&](int64_t value) {
        return int32_t(std::clamp<int64_t>(value, 0, area.height));
    };
    return Rect::fromEdges(clampX(x), clampY(y), clampX(x + record.width),
                           clampY(y + record.height));
}

SharedWindow::Kind kindOf(const WindowRecord &record, const WindowRecord &area)
{
    if (record.windowId == area.windowId)
        return SharedWindow::Kind::Main;
    return record.flags & WindowRecord::kPopup ? SharedWindow::Kind::Popup
                                               : SharedWindow::Kind::Window;
}

QString kindName(SharedWindow::Kind kind)
{
    switch (kind) {
    case SharedWindow::Kind::Main:
        return QStringLiteral("main");
    case SharedWindow::Kind::Window:
        return QStringLiteral("window");
    case SharedWindow::Kind::Popup:
        return QStringLiteral("popup");
    }
    return {};
}

} // namespace

bool SharedWindowList::apply(const WindowListPdu &pdu)
{
    const SharedWindows before = windows_;
    listed_ = true;
    const WindowRecord *area = shareAreaOf(pdu);
    if (!area) {
        // A 1.1 host: its one shared window (the last, as 1.1 viewers read it) is the picture.
        fillsPicture_ = true;
        for (const WindowRecord &record : pdu.windows) {
            if (!(record.flags & WindowRecord::kShared))
                continue;
            fillingId_ = record.windowId;
            fillingFocused_ = record.flags & WindowRecord::kFocused;
            title_ = QString::fromStdString(record.title);
            hidden_ = record.flags & WindowRecord::kMinimized;
        }
        fillPicture();
        return windows_ != before;
    }
    fillsPicture_ = false;
    title_ = QString::fromStdString(area->title);
    hidden_ = area->flags & WindowRecord::kMinimized;
    windows_.clear();
    for (const WindowRecord &record : pdu.windows) {
        // Other programs' windows, hidden ones and further share areas are not in the picture.
        if (!(record.flags & WindowRecord::kShared) ||
            (record.flags & (WindowRecord::kShareArea | WindowRecord::kMinimized)))
            continue;
        if (windows_.size() == WindowListPdu::kMaxWindows - 1)
            break;
        const Rect rect = placeInArea(record, *area);
        if (rect.isEmpty())
            continue;
        SharedWindow window;
        window.id = record.windowId;
        window.ownerId = record.ownerId;
        window.kind = kindOf(record, *area);
        window.rect = rect;
        window.title = QString::fromStdString(record.title);
        window.focused = record.flags & WindowRecord::kFocused;
        windows_.push_back(std::move(window));
    }
    return windows_ != before;
}

bool SharedWindowList::setPictureSize(int32_t width, int32_t height)
{
    pictureWidth_ = width;
    pictureHeight_ = height;
    if (!fillsPicture_)
        return false;
    const SharedWindows before = windows_;
    fillPicture();
    return windows_ != before;
}

void SharedWindowList::fillPicture()
{
    windows_.clear();
    if (!listed_ || pictureWidth_ <= 0 || pictureHeight_ <= 0)
        return;
    SharedWindow window;
    window.id = fillingId_;
    window.rect = {0, 0, pictureWidth_, pictureHeight_};
    window.title = title_;
    window.focused = fillingFocused_;
    windows_.push_back(std::move(window));
}

QString SharedWindowList::describe(const SharedWindows &windows)
{
    QStringList parts;
    for (const SharedWindow &window : windows)
        parts << QStringLiteral("0x%1 %2 %3,%4 %5x%6")
                     .arg(window.id, 0, 16)
                     .arg(kindName(window.kind))
                     .arg(window.rect.x)
                     .arg(window.rect.y)
                     .arg(window.rect.width)
                     .arg(window.rect.height);
    QString line = QString::number(windows.size());
    if (!parts.isEmpty())
        line += QStringLiteral(": ") + parts.join(QStringLiteral("; "));
    return line;
}

} // namespace baton
