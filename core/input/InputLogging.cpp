#include "core/input/InputLogging.h"

// Debug lines are off unless asked for (QT_LOGGING_RULES="baton.*.debug=true"): some are
// per connection, and a flood of connections must not become a flood of lines.
Q_LOGGING_CATEGORY(lcInput, "baton.input", QtInfoMsg)
