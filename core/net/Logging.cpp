#include "core/net/Logging.h"

Q_LOGGING_CATEGORY(lcNet, "baton.net")
