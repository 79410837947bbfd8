#include "core/common/Logging.h"

Q_LOGGING_CATEGORY(lcCommon, "baton.common")
