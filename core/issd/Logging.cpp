#include "core/issd/Logging.h"

Q_LOGGING_CATEGORY(lcIssd, "baton.issd")
