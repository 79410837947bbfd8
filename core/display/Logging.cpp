#include "core/display/Logging.h"

Q_LOGGING_CATEGORY(lcDisplay, "baton.display")
