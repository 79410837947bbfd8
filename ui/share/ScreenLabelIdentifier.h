#pragma once

#include "core/issd/ScreenIdentifier.h"

#include <QList>
#include <QPointer>
#include <QWidget>

namespace baton {

// IDENTIFY for `baton --agent`: a large label on each display's screen (its index in
// LIST, its label or the admin's text, connector and mode) in a frameless window that
// stays on top and closes itself after the given seconds.
class ScreenLabelIdentifier : public issd::ScreenIdentifier {
public:
    ScreenLabelIdentifier() = default;
    ~ScreenLabelIdentifier() override;

    // Unavailable (and nothing drawn) when a display has no screen here.
    display::BackendResult identify(const QList<Target> &targets, int seconds) override;

    // The labels drawn now (tests).
    QList<QWidget *> labels() const;

private:
    QList<QPointer<QWidget>> labels_;
};

} // namespace baton
