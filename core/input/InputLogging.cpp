#include "core/input/InputLogging.h"

Q_LOGGING_CATEGORY(lcInput, "baton.input")
