#pragma once

#include "core/display/DisplayTypes.h"

namespace baton::issd {

// IDENTIFY: draws a large label on each given display for a while. Supplied by the
// application that has a display connection with widgets (`baton --agent`); the
// headless agent has none and answers 504 E_UNSUPPORTED instead. Called on the
// agent's thread; returns at once, the labels go away by themselves after `seconds`.
class ScreenIdentifier {
public:
    struct Target {
        int index = 0; // 1-based, as in LIST
        display::DisplayInfo display;
        QString text;  // the admin's text, or empty for the default label
    };
    virtual ~ScreenIdentifier() = default;
    virtual display::BackendResult identify(const QList<Target> &targets, int seconds) = 0;
};

} // namespace baton::issd
