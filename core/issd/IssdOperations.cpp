#include "core/issd/IssdOperations.h"

#include <QTimer>

namespace baton::issd {

IssdOperations::~IssdOperations() = default;

void IssdOperations::expectConfirm(quint64 op, const display::DisplayInfo &display,
                                   const display::DisplayLayout &previous, int seconds)
{
    auto timer = std::make_unique<QTimer>();
    timer->setSingleShot(true);
    timer->setInterval(seconds * 1000);
    connect(timer.get(), &QTimer::timeout, this, [this, op] {
        const auto it = pending_.find(op);
        if (it == pending_.end())
            return;
        const display::DisplayInfo due = it->second.display;
        const display::DisplayLayout before = it->second.previous;
        it->second.timer.release()->deleteLater(); // we are inside its timeout signal
        pending_.erase(it);
        emit revertDue(op, due, before);
    });
    timer->start();
    pending_[op] = Pending{display, previous, std::move(timer)};
}

bool IssdOperations::confirm(quint64 op)
{
    return pending_.erase(op) == 1;
}

std::optional<display::DisplayLayout> IssdOperations::supersede(const QString &displayId,
                                                               QList<quint64> *superseded)
{
    std::optional<display::DisplayLayout> oldest; // std::map iterates oldest op first
    for (auto it = pending_.begin(); it != pending_.end();) {
        if (it->second.display.id == displayId) {
            superseded->append(it->first);
            if (!oldest)
                oldest = it->second.previous;
            it = pending_.erase(it);
        } else {
            ++it;
        }
    }
    return oldest;
}

} // namespace baton::issd
