#include "ControlRequests.h"

#include "ControlRequestPopup.h"

#include <QGuiApplication>
#include <QScreen>

#include <utility>

namespace baton::ui {
namespace {

constexpr int kMarginPx = 16;

} // namespace

ControlRequests::~ControlRequests()
{
    clear();
}

ControlRequestPopup *ControlRequests::popup(uint16_t userId) const
{
    const auto found = popups_.find(userId);
    return found == popups_.end() ? nullptr : qobject_cast<ControlRequestPopup *>(found->second);
}

void ControlRequests::request(uint16_t userId, const QString &name)
{
    if (popup(userId))
        return;
    auto *popup = new ControlRequestPopup(userId, name);
    popups_[userId] = popup;
    connect(popup, &ControlRequestPopup::approved, this, &ControlRequests::approved);
    connect(popup, &ControlRequestPopup::denied, this, &ControlRequests::denied);
    connect(popup, &QObject::destroyed, this, [this, userId](QObject *gone) {
        // A newer popup for the same viewer may have taken the entry since.
        if (const auto found = popups_.find(userId);
            found != popups_.end() && (found->second.isNull() || found->second.data() == gone))
            popups_.erase(found);
        place();
    });
    popup->adjustSize();
    place();
    popup->show();
}

void ControlRequests::withdraw(uint16_t userId)
{
    if (ControlRequestPopup *shown = popup(userId))
        shown->withdraw(userId);
}

void ControlRequests::clear()
{
    // Closing deletes each popup later; forget them now so none is placed again.
    const auto open = std::exchange(popups_, {});
    for (const auto &entry : open) {
        if (auto *shown = qobject_cast<ControlRequestPopup *>(entry.second))
            shown->withdraw(entry.first);
    }
}

void ControlRequests::place()
{
    const QScreen *screen = QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QRect area = screen->availableGeometry();
    int bottom = area.bottom() - kMarginPx;
    for (const auto &entry : popups_) {
        auto *shown = qobject_cast<ControlRequestPopup *>(entry.second.data());
        if (!shown)
            continue;
        const QSize size = shown->sizeHint().expandedTo(shown->size());
        shown->move(area.right() - kMarginPx - size.width(), bottom - size.height());
        bottom -= size.height() + kMarginPx / 2;
    }
}

} // namespace baton::ui
